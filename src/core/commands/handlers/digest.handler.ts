import { DEFAULT_DIGEST_CRON, digestSettings, withDigestSettings } from '../../digest/digest-settings.ts';
import { lastCompleteWeek } from '../../digest/load-digest-data.ts';
import { digestKey, prepareDigest, sendDigest } from '../../digest/send-digest.ts';
import type { Locale } from '../../i18n/locale.ts';
import { t } from '../../i18n/messages.ts';
import { mention } from '../../views/mention.ts';
import { notice, refusal } from '../../views/notice.ts';
import { code } from '../../views/rich-text.ts';
import type { View } from '../../views/view.ts';
import type { CommandContext } from '../command-context.ts';
import type { ParsedCommand } from '../command-grammar.ts';
import { resolvePeople } from '../resolve-people.ts';

type DigestCommand = Extract<ParsedCommand, { name: 'growth'; action: 'digest' }>;

const ZH_DAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];
const EN_DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** `0 14 * * 3` → 每周三 14:00 / every Wednesday at 14:00; other expressions stay as they are. */
export function describeCron(cron: string, locale: Locale): string {
  const m = cron.match(/^(\d{1,2}) (\d{1,2}) \* \* ([0-7])$/);
  if (!m) return code(cron);
  const time = `${m[2]!.padStart(2, '0')}:${m[1]!.padStart(2, '0')}`;
  const day = Number(m[3]);
  return t(locale, 'digest.cronHuman', { day: locale === 'zh-CN' ? ZH_DAYS[day]! : EN_DAYS[day]!, time });
}

/** `/growth digest …`: show the settings, preview (to the caller only), send now, or change schedule, channel and managers (admins). */
export async function digestCommand(ctx: CommandContext, input: DigestCommand): Promise<View> {
  const ws = ctx.workspace;
  const locale = ws.locale;
  const settings = digestSettings(ws);
  const deps = { store: ctx.store, charts: ctx.charts, sources: ctx.digestSources };
  switch (input.sub) {
    case 'show': {
      const title = t(locale, 'digest.settingsHeader');
      const schedule = settings.cron ?? DEFAULT_DIGEST_CRON;
      return {
        fallback: title,
        elements: [
          { type: 'header', text: title },
          {
            type: 'fields',
            fields: [
              {
                label: t(locale, 'digest.setting.schedule'),
                value: `${describeCron(schedule, locale)} (${ws.timezone})${settings.cron ? '' : t(locale, 'digest.defaultSchedule')}`,
              },
              {
                label: t(locale, 'digest.setting.channel'),
                value: settings.channel ?? `${t(locale, 'digest.notSet')} · ${t(locale, 'digest.notScheduled')}`,
              },
              {
                label: t(locale, 'digest.setting.managers'),
                value: settings.managers?.length ? settings.managers.map(mention).join(' ') : t(locale, 'digest.notSet'),
              },
            ],
          },
          { type: 'context', text: `${t(locale, 'usage.digest')}\n${t(locale, 'usage.example')}: ${t(locale, 'usage.digest.example')}` },
        ],
      };
    }
    case 'preview': {
      // Images only where the platform can show them in an answer (the sandbox's URL, Feishu's uploaded image_key); Slack previews go without.
      const digest = await prepareDigest({ ...deps, charts: ctx.publishImage ? ctx.charts : undefined }, ws, ctx.now);
      const refs = new Map<string, string>();
      for (const i of digest.images)
        refs.set(i.key, await (ctx.publishImage as NonNullable<typeof ctx.publishImage>)(`${ws.id}-${i.filename}`, i.png));
      const elements = digest.view.elements.map((e) =>
        e.type === 'chart' && e.imageKey && refs.get(e.imageKey) ? { ...e, image: refs.get(e.imageKey) } : e,
      );
      return {
        ...digest.view,
        elements: [{ type: 'context', text: t(locale, ctx.sharedAnswers ? 'digest.previewShared' : 'digest.preview') }, ...elements],
        ephemeral: true,
      };
    }
    case 'send': {
      if (ctx.member.role === 'member') return refusal(t(locale, 'digest.notAllowedSend'));
      const minute = new Date(Math.floor(ctx.now.getTime() / 60_000) * 60_000).toISOString();
      // A manual send has its own key (per minute: a double click sends once) and leaves the scheduled one alone.
      const week = lastCompleteWeek(ctx.now, ws.timezone).label;
      const result = await sendDigest(deps, ws, ctx.now, { key: `${digestKey(ws.id, week)}:manual:${minute}` });
      if (result.status === 'no-channel') return notice(t(locale, 'digest.noChannel'), { severity: 'warning' });
      if (result.status === 'duplicate')
        return notice(t(locale, 'digest.alreadySent', { week: result.week ?? week }), { severity: 'warning' });
      const managers = result.managers ? t(locale, 'digest.sentManagers', { count: result.managers }) : '';
      return notice(t(locale, 'digest.sent', { week: result.week ?? week, channel: settings.channel ?? '', managers }), {
        severity: 'ok',
        shared: true,
      });
    }
    default: {
      if (ctx.member.role !== 'admin') return refusal(t(locale, 'error.notAdminDigest'));
      const managers = input.sub === 'managers' ? (await resolvePeople(ctx, 'growth', input.managers)).map((m) => m.externalUserId) : [];
      const patch = input.sub === 'schedule' ? { cron: input.cron } : input.sub === 'channel' ? { channel: input.channel } : { managers };
      await ctx.store.workspaces.update(ws.id, { settings: withDigestSettings(ws, patch) });
      await ctx.store.audit.append({
        workspaceId: ws.id,
        actor: ctx.member.id,
        action: 'settings.update',
        target: `digest.${input.sub}`,
        before: { [input.sub]: settings[input.sub === 'schedule' ? 'cron' : input.sub] ?? null },
        after: patch,
      });
      const text =
        input.sub === 'schedule'
          ? t(locale, 'digest.savedSchedule', { schedule: describeCron(input.cron, locale), timezone: ws.timezone })
          : input.sub === 'channel'
            ? t(locale, 'digest.savedChannel', { channel: input.channel })
            : t(locale, 'digest.savedManagers', { managers: managers.map(mention).join(' ') });
      return notice(text, { severity: 'ok', shared: true });
    }
  }
}
