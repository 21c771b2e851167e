// The pre-meeting check-in and its reminder: each owner gets, by direct message, the numbers they own that the
// digest will raise and nobody has explained yet, each with the question and the exact `/growth note` to
// answer with. A workspace without owners gets it in the digest channel. Through the outbox, once per
// workspace, slot and recipient.
import { formatChange, formatValue } from '../format/format-value.ts';
import type { Locale } from '../i18n/locale.ts';
import { t } from '../i18n/messages.ts';
import { MAX_MEETING_LINES } from '../meeting/meeting-items.ts';
import type { Store } from '../ports/store.ts';
import type { Workspace } from '../ports/workspace.ts';
import { mention } from '../views/mention.ts';
import { code } from '../views/rich-text.ts';
import type { View, ViewElement } from '../views/view.ts';
import { type CheckinItem, checkinItems, ownership } from './checkin-items.ts';
import { checkinSettings, DEFAULT_MOVE_THRESHOLD } from './checkin-settings.ts';
import { digestSettings } from './digest-settings.ts';
import { loadDigestData } from './load-digest-data.ts';
import { type DigestDeliveryDeps, digestKey } from './send-digest.ts';

export type CheckinKind = 'checkin' | 'reminder';

/** The button under each item: on Slack it opens a form for the answer (commands/checkin-answer.ts). */
export const CHECKIN_ANSWER_ACTION = 'gb.checkin.answer';
/** The form's submission: the answer, written as the item's note. */
export const CHECKIN_SUBMIT_ACTION = 'gb.checkin.submit';

/** The outbox key of one recipient's check-in (or reminder) for a slot: what makes it once per slot across replicas. */
export function checkinKey(kind: CheckinKind, workspaceId: string, slotAt: Date, recipient: string): string {
  return `${kind === 'checkin' ? 'checkin' : 'checkin-reminder'}:${workspaceId}:${slotAt.toISOString()}:${recipient}`;
}

export interface CheckinResult {
  /** Recipients whose message was queued now (a key already queued is not counted). */
  queued: string[];
  /** Recipients already sent this slot's message. */
  duplicate: string[];
  items: number;
  /** No owners and no digest channel: nowhere to ask. */
  nowhere: boolean;
  /** A reminder caught up after the week's digest went out: nothing is sent. */
  late?: boolean;
}

function itemLines(item: CheckinItem, locale: Locale, currency: string): ViewElement[] {
  const change = item.change === null ? '' : ` (${formatChange(item.change, item.unit, locale, currency)})`;
  const reasons = item.reasons.map((r) => t(locale, `checkin.reason.${r}`)).join(locale === 'zh-CN' ? '、' : ', ');
  const command = `/growth note ${item.noteWords} ${t(locale, 'checkin.placeholder')}`;
  return [
    {
      type: 'text',
      text: t(locale, 'checkin.item', {
        subject: item.names[locale],
        value: formatValue(item.value, item.unit, locale, currency),
        change,
        reasons,
      }),
    },
    { type: 'context', text: t(locale, 'checkin.ask', { command: code(command) }) },
    {
      type: 'actions',
      actions: [
        {
          id: CHECKIN_ANSWER_ACTION,
          label: t(locale, 'checkin.answerButton'),
          value: JSON.stringify({ metric: item.metric, segment: item.segment }),
        },
      ],
    },
  ];
}

/** One recipient's message: an owner (mentioned) or the digest channel (`to` undefined). */
export function checkinView(kind: CheckinKind, items: CheckinItem[], workspace: Workspace, week: string, to?: string): View {
  const locale = workspace.locale;
  const title = t(locale, kind === 'checkin' ? 'checkin.title' : 'checkin.reminderTitle', { week });
  const intro = to
    ? t(locale, kind === 'checkin' ? 'checkin.intro' : 'checkin.reminderIntro', { who: mention(to) })
    : t(locale, 'checkin.introChannel');
  return {
    fallback: `${title}: ${items.map((i) => i.names[locale]).join(', ')}`,
    elements: [
      { type: 'header', text: title },
      { type: 'text', text: intro },
      ...items.slice(0, MAX_MEETING_LINES).flatMap((i) => itemLines(i, locale, workspace.currency)),
      // A message has a size limit (Slack: 50 blocks): the rest are counted.
      ...(items.length > MAX_MEETING_LINES
        ? [{ type: 'context' as const, text: t(locale, 'digest.more', { count: items.length - MAX_MEETING_LINES }) }]
        : []),
    ],
    severity: kind === 'reminder' ? 'warning' : 'info',
  };
}

/**
 * Sends the check-in (or, 2 hours before the digest, the reminder) for the slot `slotAt`: each owner their own
 * unexplained items by direct message, in one transaction; a workspace without owners in the digest channel
 * (the check-in only). The reminder asks owners again only what still has no note, so whoever answered gets nothing. `slotAt` decides the
 * week (the last complete ISO week, the one the next digest shows and notes are kept on). A reminder caught
 * up after the week's digest was queued sends nothing.
 */
export async function sendCheckin(
  deps: DigestDeliveryDeps,
  workspace: Workspace,
  slotAt: Date,
  kind: CheckinKind = 'checkin',
): Promise<CheckinResult> {
  const store: Store = deps.store;
  const data = await loadDigestData(store, workspace, slotAt, { sources: deps.sources });
  // A reminder run late (caught up after an outage) once the digest is out would remind of nothing.
  if (kind === 'reminder' && (await store.outbox.findByKey(digestKey(workspace.id, data.week.label))))
    return { queued: [], duplicate: [], items: 0, nowhere: false, late: true };
  const [metricOwners, segments, members] = await Promise.all([
    store.metrics.owners(workspace.id),
    store.segments.list(workspace.id),
    store.members.list(workspace.id),
  ]);
  const owners = ownership(metricOwners, segments);
  const threshold = checkinSettings(workspace).moveThreshold ?? DEFAULT_MOVE_THRESHOLD;
  const byOwner = checkinItems(data, owners, segments, threshold);
  const channel = digestSettings(workspace).channel;
  const messages: { recipient: string; to: string; view: View }[] = [];
  for (const [memberId, items] of byOwner) {
    if (items.length === 0) continue;
    if (memberId === '') {
      // The reminder is for owners; a workspace without owners had its check-in in the channel, once.
      if (channel && kind === 'checkin')
        messages.push({ recipient: 'channel', to: channel, view: checkinView(kind, items, workspace, data.week.label) });
      continue;
    }
    const member = members.find((m) => m.id === memberId);
    if (!member) continue;
    const view = checkinView(kind, items, workspace, data.week.label, member.externalUserId);
    messages.push({ recipient: memberId, to: member.externalUserId, view });
  }
  const result: CheckinResult = {
    queued: [],
    duplicate: [],
    items: [...byOwner.values()].reduce((n, items) => n + items.length, 0),
    nowhere: byOwner.has('') && !channel && kind === 'checkin',
  };
  if (messages.length === 0) return result;
  await store.transaction(async (tx) => {
    // A transaction tried again starts its tally again.
    result.queued = [];
    result.duplicate = [];
    for (const m of messages) {
      const { created } = await tx.outbox.enqueue({
        workspaceId: workspace.id,
        key: checkinKey(kind, workspace.id, slotAt, m.recipient),
        kind: 'post',
        channel: m.to,
        payload: m.view,
        availableAt: slotAt,
      });
      (created ? result.queued : result.duplicate).push(m.recipient);
    }
  });
  return result;
}
