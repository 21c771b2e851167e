import { formatValue } from '../../format/format-value.ts';
import { t } from '../../i18n/messages.ts';
import { loadCatalog } from '../../metrics/load-catalog.ts';
import type { MetricDefinition } from '../../metrics/metric-definition.ts';
import { channelKind, LTV_HORIZONS, metricSettings } from '../../metrics/metric-settings.ts';
import type { Member } from '../../ports/workspace.ts';
import { resolveSegment, segmentName } from '../../segments/resolve-segment.ts';
import { channelId } from '../../text/mentions.ts';
import type { PersonRef } from '../../text/person-word.ts';
import { CommandUsageError } from '../../text/usage-error.ts';
import { mention } from '../../views/mention.ts';
import { refusal } from '../../views/notice.ts';
import type { View } from '../../views/view.ts';
import type { CommandContext } from '../command-context.ts';
import type { SettingKey } from '../command-grammar.ts';
import { resolvePeople } from '../resolve-people.ts';
import { chatMetric } from '../resolve-words.ts';
import { helpView } from '../usage-view.ts';

function validTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function validCurrency(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false;
  try {
    new Intl.NumberFormat('en', { style: 'currency', currency: code });
    return true;
  } catch {
    return false;
  }
}

/** A share as people write it: `5%`, `5`, `0.05` (a bare number above 1 is percent). */
function parseShare(raw: string): number | undefined {
  const text = raw.trim().replace(/％/g, '%');
  const n = Number(text.replace(/%$/, ''));
  if (!Number.isFinite(n)) return undefined;
  return text.endsWith('%') || n > 1 ? n / 100 : n;
}

/** `/growth settings [language|timezone|currency|ltv|movers <value>]`: shows them; changing them needs an admin. */
export async function growthSettings(ctx: CommandContext, input: { key?: SettingKey; value?: string }): Promise<View> {
  let ws = ctx.workspace;
  const title = t(ws.locale, 'settings.header');
  const metrics = metricSettings(ws);
  if (input.key && input.value !== undefined) {
    if (ctx.member.role !== 'admin') return refusal(t(ws.locale, 'error.notAdmin'));
    const what = t(ws.locale, `settings.${input.key}`);
    const raw = input.value;
    let patch: Partial<typeof ws> | undefined;
    let before: unknown;
    let shown = raw;
    if (input.key === 'language') {
      const locale = /^(zh|zh-cn|cn|中文|简体中文)$/i.test(raw) ? 'zh-CN' : /^(en|english|英文)$/i.test(raw) ? 'en' : undefined;
      if (locale) [patch, before, shown] = [{ locale }, ws.locale, locale];
    } else if (input.key === 'timezone') {
      if (validTimeZone(raw)) [patch, before] = [{ timezone: raw }, ws.timezone];
    } else if (input.key === 'currency') {
      if (validCurrency(raw.toUpperCase())) [patch, before, shown] = [{ currency: raw.toUpperCase() }, ws.currency, raw.toUpperCase()];
    } else if (input.key === 'ltv') {
      const horizon = LTV_HORIZONS.find((h) => String(h) === raw.replace(/(d|days?|天|日)$/i, ''));
      if (!horizon) throw new CommandUsageError('growth', 'settings.badLtv');
      [patch, before, shown] = [{ settings: { ...ws.settings, ltvHorizon: horizon } }, metrics.ltvHorizon, String(horizon)];
    } else if (input.key === 'admin') {
      // Where failures nobody else would see are told: delivery refused, a rule that cannot be evaluated, a data
      // source that stopped. `here` is the channel the command is typed in.
      const channel = /^(here|this|这里|本群|当前)$/i.test(raw) ? ctx.channel : channelId(raw);
      if (channel) {
        const previous = typeof ws.settings.adminChannel === 'string' ? ws.settings.adminChannel : null;
        [patch, before, shown] = [{ settings: { ...ws.settings, adminChannel: channel } }, previous, channel];
      }
    } else {
      const share = parseShare(raw);
      if (share === undefined || share < 0 || share > 0.5) throw new CommandUsageError('growth', 'settings.badMovers');
      [patch, before, shown] = [
        { settings: { ...ws.settings, minSpendShare: share } },
        metrics.minSpendShare,
        formatValue(share, 'percent', ws.locale),
      ];
    }
    if (!patch) throw new CommandUsageError('growth', 'settings.badValue', { value: raw, what });
    ws = await ctx.store.workspaces.update(ws.id, patch);
    await ctx.store.audit.append({
      workspaceId: ws.id,
      actor: ctx.member.id,
      action: 'settings.update',
      target: input.key,
      before: { [input.key]: before },
      after: { [input.key]: shown },
    });
    const saved = t(ws.locale, 'settings.saved', { what: t(ws.locale, `settings.${input.key}`), value: shown });
    return { fallback: saved, elements: [{ type: 'text', text: `✅ ${saved}` }], severity: 'ok' };
  }
  const segments = await ctx.store.segments.list(ws.id);
  const organic = segments.filter((sg) => channelKind(metrics, sg.key) === 'organic').map((sg) => segmentName(sg, ws.locale));
  return {
    fallback: title,
    elements: [
      { type: 'header', text: title },
      {
        type: 'fields',
        fields: [
          { label: t(ws.locale, 'settings.language'), value: ws.locale },
          { label: t(ws.locale, 'settings.timezone'), value: ws.timezone },
          { label: t(ws.locale, 'settings.currency'), value: ws.currency },
          { label: t(ws.locale, 'settings.ltv'), value: String(metrics.ltvHorizon) },
          { label: t(ws.locale, 'settings.movers'), value: formatValue(metrics.minSpendShare, 'percent', ws.locale) },
          { label: t(ws.locale, 'settings.admin'), value: typeof ws.settings.adminChannel === 'string' ? ws.settings.adminChannel : '—' },
          { label: t(ws.locale, 'channel.header'), value: `${t(ws.locale, 'channel.kind.organic')}: ${organic.join(', ') || '—'}` },
        ],
      },
    ],
  };
}

/** `/growth owners [<metric> @owner]`: lists metric owners, or sets one (the owner is mentioned by alerts). */
export async function growthOwners(ctx: CommandContext, input: { metric?: string; owner?: PersonRef }): Promise<View> {
  const ws = ctx.workspace;
  const locale = ws.locale;
  const catalog = await loadCatalog(ctx.store.metrics, ws);
  const segments = await ctx.store.segments.list(ws.id);
  if (input.metric && input.owner) {
    // Owners may edit their metric's alert rules: only an admin hands ownership out.
    if (ctx.member.role !== 'admin') return refusal(t(locale, 'error.notAdmin'));
    // A channel's owner (/growth owners 抖音 @小王) is mentioned first by alerts on that channel.
    const segment = catalog.resolve(input.metric) ? undefined : resolveSegment(segments, input.metric);
    const metric = segment ? undefined : chatMetric('growth', catalog, input.metric, locale);
    const [owner] = (await resolvePeople(ctx, 'growth', [input.owner])) as [Member];
    if (segment) {
      await ctx.store.segments.setOwner(ws.id, segment.key, owner.id);
      await ctx.store.audit.append({
        workspaceId: ws.id,
        actor: ctx.member.id,
        action: 'segment.owner',
        target: segment.key,
        after: owner.id,
      });
    } else await ctx.store.metrics.setOwner(ws.id, (metric as MetricDefinition).key, owner.id, ctx.member.id);
    const name = segment ? segmentName(segment, locale) : (metric as MetricDefinition).names[locale];
    const text = t(locale, 'owners.saved', { metric: name, owner: mention(owner.externalUserId) });
    return { fallback: text, elements: [{ type: 'text', text: `✅ ${text}` }], severity: 'ok' };
  }
  const owners = await ctx.store.metrics.owners(ws.id);
  const members = await ctx.store.members.list(ws.id);
  const title = t(locale, 'owners.header');
  const segmentOwners = segments.filter((sg) => sg.ownerMemberId);
  if (owners.length === 0 && segmentOwners.length === 0)
    return {
      fallback: title,
      elements: [
        { type: 'header', text: title },
        { type: 'text', text: t(locale, 'owners.none') },
      ],
    };
  return {
    fallback: title,
    elements: [
      { type: 'header', text: title },
      {
        type: 'table',
        columns: [{ label: t(locale, 'col.metric') }, { label: t(locale, 'col.owner') }],
        rows: [
          ...owners.map((o) => [
            catalog.get(o.key)?.names[locale] ?? o.key,
            mention(members.find((m) => m.id === o.memberId)?.externalUserId ?? o.memberId),
          ]),
          ...segmentOwners.map((sg) => [
            segmentName(sg, locale),
            mention(members.find((m) => m.id === sg.ownerMemberId)?.externalUserId ?? (sg.ownerMemberId as string)),
          ]),
        ],
      },
    ],
  };
}

export function growthHelp(ctx: CommandContext): View {
  return helpView(ctx.workspace.locale);
}
