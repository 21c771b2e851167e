import { formatValue } from '../../format/format-value.ts';
import { t } from '../../i18n/messages.ts';
import { subjectNames } from '../../meeting/meeting-items.ts';
import { CHANNEL_METRIC, metricValue, noteWeek } from '../../meeting/meeting-values.ts';
import { recordDecision, recordNote } from '../../meeting/record-meeting.ts';
import { loadCatalog } from '../../metrics/load-catalog.ts';
import { resolveSegment, segmentName } from '../../segments/resolve-segment.ts';
import { closestNames } from '../../text/closest-names.ts';
import { normaliseName } from '../../text/normalise-name.ts';
import { CommandUsageError } from '../../text/usage-error.ts';
import { dayInZone } from '../../time/zoned-today.ts';
import { mention } from '../../views/mention.ts';
import { notice } from '../../views/notice.ts';
import type { View } from '../../views/view.ts';
import { alertThreads, threadReplies } from '../alert-threads.ts';
import type { CommandContext } from '../command-context.ts';
import type { MeetingCommand } from '../meeting-grammar.ts';
import { actionsCommand } from './action.handler.ts';

/** A confirmation the channel sees: notes and decisions are the team's. */
function saved(text: string): View {
  return notice(text, { severity: 'ok', shared: true });
}

/** `/growth note|action|actions|decision …`: the meeting loop's commands. */
export async function meetingCommand(ctx: CommandContext, command: MeetingCommand): Promise<View> {
  if (command.kind === 'note') return growthNote(ctx, command);
  if (command.kind === 'decision') return growthDecision(ctx, command);
  return actionsCommand(ctx, command);
}

/**
 * `/growth note <metric or channel> [<channel>] <text>`: the owner's word on a number, kept with the value it
 * explains over the last complete ISO week (the week the next digest shows); a channel alone explains its ROI.
 */
async function growthNote(ctx: CommandContext, input: Extract<MeetingCommand, { kind: 'note' }>): Promise<View> {
  const ws = ctx.workspace;
  const locale = ws.locale;
  const today = dayInZone(ctx.now, ws.timezone);
  const catalog = await loadCatalog(ctx.store.metrics, ws);
  const segments = await ctx.store.segments.list(ws.id);
  const metric = catalog.resolve(input.subject);
  let segment = metric ? undefined : resolveSegment(segments, input.subject);
  let text = input.text;
  if (!metric && !segment) {
    const names = [...catalog.list().flatMap((m) => [m.key, m.names[locale]]), ...segments.map((sg) => segmentName(sg, locale))];
    const close = closestNames(normaliseName(input.subject), names, 3);
    throw new CommandUsageError('growth', 'meeting.error.unknownSubject', {
      name: input.subject,
      known: segments.map((sg) => segmentName(sg, locale)).join(locale === 'zh-CN' ? '、' : ', ') || t(locale, 'members.none'),
      suggest: close.length ? t(locale, 'error.didYouMean', { names: close.join(', ') }) : '',
    });
  }
  // `/growth note roi 抖音 …`: a metric on a channel.
  const channel = metric && input.next && input.afterNext ? resolveSegment(segments, input.next) : undefined;
  if (channel && input.afterNext) [segment, text] = [channel, input.afterNext];
  const week = noteWeek(today);
  const key = metric?.key ?? CHANNEL_METRIC;
  const value = await metricValue(ctx.store.observations, ws.id, catalog, key, segment?.key, week, today);
  const threads = await alertThreads(ctx, { metric: metric?.key, segment: segment?.key });
  const reply: View = {
    fallback: text,
    elements: [{ type: 'text', text: t(locale, 'meeting.noteReply', { author: mention(ctx.member.externalUserId), text }) }],
  };
  const note = {
    workspaceId: ws.id,
    authorId: ctx.member.id,
    ...(metric ? { metric: metric.key } : {}),
    ...(segment ? { segment: segment.key } : {}),
    text,
    value,
    periodFrom: week.from,
    periodTo: week.to,
    createdAt: ctx.now,
  };
  await recordNote(ctx.store, note, (saved) => threadReplies(ctx, threads, `note:${saved.id}`, reply));
  const def = catalog.get(key);
  const shown = value === null || !def ? '' : ` · ${def.names[locale]} ${formatValue(value, def.unit, locale, ws.currency)}`;
  const subject = subjectNames({ catalog, segments }, metric?.key, segment?.key)[locale];
  return saved(t(locale, 'meeting.noteSaved', { subject, week: week.label, value: shown, text }));
}

/** `/growth decision <text> [on <metric> …]`: what the meeting decided, by whom, about which metrics. */
async function growthDecision(ctx: CommandContext, input: Extract<MeetingCommand, { kind: 'decision' }>): Promise<View> {
  const ws = ctx.workspace;
  const locale = ws.locale;
  const catalog = await loadCatalog(ctx.store.metrics, ws);
  // A closing `on roi spend` links metrics only when every word after it is one (else it is the text's own "on").
  const linked = input.tail?.text ? input.tail.metrics.map((m) => catalog.resolve(m)) : [];
  const metrics = linked.length && linked.every(Boolean) ? [...new Set(linked.map((m) => m!.key))] : [];
  const text = metrics.length ? (input.tail?.text as string) : input.text;
  await recordDecision(ctx.store, { workspaceId: ws.id, authorId: ctx.member.id, text, metrics, createdAt: ctx.now });
  const names = metrics.map((k) => catalog.get(k)?.names[locale] ?? k).join(locale === 'zh-CN' ? '、' : ', ');
  return saved(
    t(locale, 'meeting.decisionSaved', { text, metrics: names ? t(locale, 'meeting.decisionMetrics', { metrics: names }) : '' }),
  );
}
