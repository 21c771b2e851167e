import { formatValue } from '../../format/format-value.ts';
import { t } from '../../i18n/messages.ts';
import { actionItems, actionLine, capped, personItem, subjectNames } from '../../meeting/meeting-items.ts';
import { actionWindow, metricValue } from '../../meeting/meeting-values.ts';
import { changeAction, recordAction } from '../../meeting/record-meeting.ts';
import { loadCatalog } from '../../metrics/load-catalog.ts';
import type { MetricCatalog } from '../../metrics/metric-catalog.ts';
import type { Segment } from '../../ports/catalog.ts';
import type { MeetingAction, MeetingActionPatch } from '../../ports/meeting.ts';
import { CommandUsageError } from '../../text/usage-error.ts';
import { parseDueDay } from '../../time/due-day.ts';
import { dayInZone } from '../../time/zoned-today.ts';
import { mention } from '../../views/mention.ts';
import { notice, refusal } from '../../views/notice.ts';
import type { View } from '../../views/view.ts';
import { alertThreads, threadReplies } from '../alert-threads.ts';
import type { CommandContext } from '../command-context.ts';
import type { ActionTarget, MeetingCommand } from '../meeting-grammar.ts';
import { resolvePeople } from '../resolve-people.ts';
import { chatMetric, chatSegment } from '../resolve-words.ts';

/** `/growth actions` lists at most this many (one message); the rest are counted. */
const MAX_LISTED_ACTIONS = 15;

type ActionCommand = Exclude<MeetingCommand, { kind: 'note' } | { kind: 'decision' }>;

interface Loaded {
  today: string;
  catalog: MetricCatalog;
  segments: Segment[];
}

async function load(ctx: CommandContext): Promise<Loaded> {
  return {
    today: dayInZone(ctx.now, ctx.workspace.timezone),
    catalog: await loadCatalog(ctx.store.metrics, ctx.workspace),
    segments: await ctx.store.segments.list(ctx.workspace.id),
  };
}

function dueDay(typed: string, today: string): string {
  const day = parseDueDay(typed, today);
  if (!day) throw new CommandUsageError('growth', 'meeting.error.badDue', { text: typed });
  if (day < today) throw new CommandUsageError('growth', 'meeting.error.pastDue', { day });
  return day;
}

/** The metric (and channel) an action is measured on, and its value over the 7 complete days before today. */
async function measure(ctx: CommandContext, loaded: Loaded, on: ActionTarget) {
  const locale = ctx.workspace.locale;
  const metric = chatMetric('growth', loaded.catalog, on.metric, locale);
  const segment = on.segment ? chatSegment('growth', loaded.segments, on.segment, locale) : undefined;
  const window = actionWindow(loaded.today);
  const baseValue = await metricValue(
    ctx.store.observations,
    ctx.workspace.id,
    loaded.catalog,
    metric.key,
    segment?.key,
    window,
    loaded.today,
  );
  return { metric: metric.key, segment: segment?.key, baseValue, baseDay: window.to };
}

/** The action as one line, its metric then and now; the owner mentioned. */
async function describe(ctx: CommandContext, loaded: Loaded, action: MeetingAction): Promise<string> {
  const members = await ctx.store.members.list(ctx.workspace.id);
  const [item] = await actionItems(ctx.store, ctx.workspace.id, { ...loaded, members }, [action], loaded.today);
  return actionLine(item!, ctx.workspace.locale, ctx.workspace.currency);
}

/** Who may close or edit the action, named for the one who may not: its owner (and creator), or an admin. */
async function refused(ctx: CommandContext, action: MeetingAction): Promise<View> {
  const members = await ctx.store.members.list(ctx.workspace.id);
  const name = (id: string) => `@${personItem(members, id).name}`;
  const params = { number: action.number, owner: name(action.ownerId), creator: name(action.creatorId) };
  const key = action.creatorId === action.ownerId ? 'meeting.notAllowed.owner' : 'meeting.notAllowed.ownerCreator';
  return refusal(t(ctx.workspace.locale, key, params));
}

/** `/growth action add|done|drop|edit …` and `/growth actions`. */
export async function actionsCommand(ctx: CommandContext, input: ActionCommand): Promise<View> {
  const ws = ctx.workspace;
  const locale = ws.locale;
  const loaded = await load(ctx);
  if (input.kind === 'actions') {
    const open = await ctx.store.meeting.actions(ws.id);
    const title = t(locale, 'meeting.actionsHeader', { n: open.length });
    if (open.length === 0)
      return {
        fallback: title,
        elements: [
          { type: 'header', text: title },
          { type: 'text', text: t(locale, 'meeting.actionsNone') },
        ],
      };
    const members = await ctx.store.members.list(ws.id);
    // Then → now is worked out for the actions shown; the rest are counted.
    const items = await actionItems(ctx.store, ws.id, { ...loaded, members }, open.slice(0, MAX_LISTED_ACTIONS), loaded.today);
    const lines = capped(
      items.map((i) => actionLine(i, locale, ws.currency)),
      locale,
      MAX_LISTED_ACTIONS,
      open.length,
    );
    return {
      fallback: title,
      elements: [
        { type: 'header', text: title },
        { type: 'text', text: lines.join('\n') },
      ],
    };
  }
  if (input.kind === 'action-add') {
    const [owner] = await resolvePeople(ctx, 'growth', [input.owner]);
    const due = input.due === undefined ? undefined : dueDay(input.due, loaded.today);
    const on = input.on ? await measure(ctx, loaded, input.on) : undefined;
    // A member the platform gave no name is mentioned (the confirmation is the channel's), never shown as an id.
    const ownerShown = owner!.displayName ? `@${owner!.displayName}` : mention(owner!.externalUserId);
    const dueText = due ? t(locale, 'meeting.due', { day: due }) : '';
    // Opened on a number with an open alert: the alert's thread hears of it.
    const threads = on ? await alertThreads(ctx, { metric: on.metric, segment: on.segment }) : [];
    const reply = (a: MeetingAction): View => {
      const text = t(locale, 'meeting.actionReply', {
        number: a.number,
        text: a.text,
        owner: mention(owner!.externalUserId),
        due: dueText,
      });
      return notice(text, { shared: true });
    };
    const record = {
      workspaceId: ws.id,
      text: input.text,
      ownerId: owner!.id,
      creatorId: ctx.member.id,
      ...(due ? { dueDay: due } : {}),
      ...(on ? on : {}),
      baseValue: on?.baseValue ?? null,
      createdAt: ctx.now,
    };
    const action = await recordAction(ctx.store, record, (saved) => threadReplies(ctx, threads, `action:${saved.id}`, reply(saved)));
    const def = on ? loaded.catalog.get(on.metric) : undefined;
    const metric =
      def && on
        ? t(locale, 'meeting.actionBase', {
            metric: subjectNames(loaded, on.metric, on.segment)[locale],
            value: formatValue(on.baseValue, def.unit, locale, ws.currency),
            day: on.baseDay.slice(5),
          })
        : '';
    return savedView(
      t(locale, 'meeting.actionSaved', {
        number: action.number,
        text: action.text,
        owner: ownerShown,
        due: dueText,
        metric,
      }),
    );
  }
  if (input.kind === 'action-close') {
    const verb = input.status === 'done' ? 'done' : 'drop';
    const result = await changeAction(ctx.store, ws.id, input.number, ctx.member, verb, (a) =>
      a.status === 'open' ? { status: input.status, closedAt: ctx.now, closedBy: ctx.member.id } : undefined,
    );
    if (result.kind === 'missing') throw new CommandUsageError('growth', 'meeting.error.noAction', { number: input.number });
    if (result.kind === 'refused') return refused(ctx, result.action);
    if (result.kind === 'unchanged')
      return savedView(
        t(locale, 'meeting.actionAlready', {
          number: input.number,
          status: t(locale, `meeting.status.${result.action.status}`),
          text: result.action.text,
        }),
      );
    const line = await describe(ctx, loaded, result.action);
    return savedView(`${t(locale, `meeting.actionClosed.${input.status}`, { number: input.number })}\n${line}`);
  }
  // edit: everything is resolved before the read, so a mistake changes nothing.
  const patch: MeetingActionPatch = {};
  if (input.text) patch.text = input.text;
  if (input.owner) patch.ownerId = (await resolvePeople(ctx, 'growth', [input.owner]))[0]!.id;
  if (input.due !== undefined) patch.dueDay = input.due === null ? undefined : dueDay(input.due, loaded.today);
  if (input.on === null) Object.assign(patch, { metric: undefined, segment: undefined, baseValue: null, baseDay: undefined });
  else if (input.on) Object.assign(patch, await measure(ctx, loaded, input.on));
  const result = await changeAction(ctx.store, ws.id, input.number, ctx.member, 'edit', () => patch);
  if (result.kind === 'missing') throw new CommandUsageError('growth', 'meeting.error.noAction', { number: input.number });
  if (result.kind === 'refused') return refused(ctx, result.action);
  const line = await describe(ctx, loaded, result.action);
  return savedView(`${t(locale, 'meeting.actionEdited', { number: input.number })}\n${line}`);
}

/** A confirmation the channel sees: actions are the team's. */
function savedView(text: string): View {
  return notice(text, { severity: 'ok', shared: true });
}
