import {
  type CheckinSettings,
  checkinCron,
  checkinDefaults,
  checkinSettings,
  DEFAULT_MOVE_THRESHOLD,
  digestCron,
  reminderCron,
  withCheckinSettings,
} from '../../digest/checkin-settings.ts';
import { digestSettings } from '../../digest/digest-settings.ts';
import { sendCheckin } from '../../digest/send-checkin.ts';
import { formatValue } from '../../format/format-value.ts';
import { t } from '../../i18n/messages.ts';
import { notice, refusal } from '../../views/notice.ts';
import { code } from '../../views/rich-text.ts';
import type { View } from '../../views/view.ts';
import type { CheckinCommand } from '../checkin-grammar.ts';
import type { CommandContext } from '../command-context.ts';
import { describeCron } from './digest.handler.ts';

/** Why a digest's schedule gives no check-in by default, and how to set one. */
function noDefault(ctx: CommandContext, digest: string): string {
  const locale = ctx.workspace.locale;
  const why = checkinDefaults(digest).why;
  if (!why || why === 'unreadable') return t(locale, 'checkin.unreadableDigest');
  return t(locale, 'checkin.noWeekly', { cron: code(digest), reason: t(locale, `checkin.noWeekly.${why}`) });
}

/** `/growth checkin`: the schedule, the reminder and the move threshold, as they are now. */
function showCheckin(ctx: CommandContext): View {
  const ws = ctx.workspace;
  const locale = ws.locale;
  const settings = checkinSettings(ws);
  const title = t(locale, 'checkin.settingsHeader');
  const cron = checkinCron(ws);
  const reminder = reminderCron(ws);
  const digest = digestCron(ws);
  const schedule = settings.off
    ? t(locale, 'checkin.offState')
    : !digest
      ? t(locale, 'checkin.noDigest')
      : cron
        ? `${describeCron(cron, locale)} (${ws.timezone})${settings.cron ? '' : t(locale, 'checkin.defaultSchedule')}`
        : noDefault(ctx, digest);
  // A check-in without a reminder: the digest's schedule cannot name 2 hours before it.
  const reminderText = reminder
    ? `${describeCron(reminder, locale)} · ${t(locale, 'checkin.reminderDefault')}`
    : cron && digest && checkinDefaults(digest).why !== 'unreadable'
      ? t(locale, 'checkin.noReminder')
      : '—';
  return {
    fallback: title,
    elements: [
      { type: 'header', text: title },
      {
        type: 'fields',
        fields: [
          { label: t(locale, 'checkin.setting.schedule'), value: schedule },
          {
            label: t(locale, 'checkin.setting.reminder'),
            value: reminderText,
          },
          {
            label: t(locale, 'checkin.setting.threshold'),
            value: formatValue(settings.moveThreshold ?? DEFAULT_MOVE_THRESHOLD, 'percent', locale),
          },
        ],
      },
      { type: 'context', text: `${t(locale, 'usage.checkin')}\n${t(locale, 'usage.example')}: ${t(locale, 'usage.checkin.example')}` },
    ],
  };
}

/** `/growth checkin send`: the check-in now (admins, managers and the digest's managers), once per minute. */
async function sendNow(ctx: CommandContext): Promise<View> {
  const ws = ctx.workspace;
  const locale = ws.locale;
  const managers = digestSettings(ws).managers ?? [];
  if (ctx.member.role === 'member' && !managers.includes(ctx.member.externalUserId)) return refusal(t(locale, 'checkin.notAllowedSend'));
  const minute = new Date(Math.floor(ctx.now.getTime() / 60_000) * 60_000);
  const result = await sendCheckin({ store: ctx.store, sources: ctx.digestSources }, ws, minute);
  if (result.nowhere) return notice(t(locale, 'checkin.nowhere'), { severity: 'warning' });
  if (result.queued.length === 0 && result.duplicate.length > 0) return notice(t(locale, 'checkin.alreadySent'), { severity: 'warning' });
  if (result.queued.length === 0) return notice(t(locale, 'checkin.nothing'));
  if (result.queued.includes('channel')) return notice(t(locale, 'checkin.sentChannel', { items: result.items }), { severity: 'ok' });
  return notice(t(locale, 'checkin.sent', { recipients: result.queued.length, items: result.items }), { severity: 'ok' });
}

/** `/growth checkin [schedule <…>|off|send|threshold <x%>]`: changing the settings needs an admin. */
export async function checkinCommand(ctx: CommandContext, input: CheckinCommand): Promise<View> {
  const ws = ctx.workspace;
  const locale = ws.locale;
  if (input.sub === 'show') return showCheckin(ctx);
  if (input.sub === 'send') return sendNow(ctx);
  if (ctx.member.role !== 'admin') return refusal(t(locale, 'checkin.notAdmin'));
  const before = checkinSettings(ws);
  const patch: CheckinSettings =
    input.sub === 'schedule'
      ? { cron: input.cron, off: undefined }
      : input.sub === 'threshold'
        ? { moveThreshold: input.value }
        : { off: true };
  // Read-modify-write safe: a concurrent change to any other setting (or the check-in's own) is kept.
  await ctx.store.workspaces.changeSettings(ws.id, (settings) => withCheckinSettings({ settings }, patch));
  await ctx.store.audit.append({
    workspaceId: ws.id,
    actor: ctx.member.id,
    action: 'settings.update',
    target: `checkin.${input.sub}`,
    before: { ...before },
    after: { ...patch },
  });
  const text =
    input.sub === 'schedule'
      ? t(locale, 'checkin.savedSchedule', { schedule: describeCron(input.cron, locale), timezone: ws.timezone })
      : input.sub === 'threshold'
        ? t(locale, 'checkin.savedThreshold', { value: formatValue(input.value, 'percent', locale) })
        : t(locale, 'checkin.savedOff');
  return notice(text, { severity: 'ok', shared: true });
}
