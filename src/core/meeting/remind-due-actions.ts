// The due-day reminder: on an open action's due day (from 09:00 in the workspace's timezone) its owner gets one
// direct message through the outbox, keyed by the action and the day, so replicas, retries and the 5-minute
// passes send it once; an action moved to another day is reminded again on that day. Nothing after the day: the
// digest flags it overdue.
import { t } from '../i18n/messages.ts';
import type { Store } from '../ports/store.ts';
import type { Workspace } from '../ports/workspace.ts';
import { dayInZone, startOfDayInZone } from '../time/zoned-today.ts';
import { mention } from '../views/mention.ts';
import type { View } from '../views/view.ts';

/** The hour of the due day (workspace time) from which the owner is reminded. */
export const DUE_REMINDER_HOUR = 9;

export function dueReminderKey(workspaceId: string, actionId: string, day: string): string {
  return `action-due:${workspaceId}:${actionId}:${day}`;
}

/** Queues the reminders due at `now`; resolves with how many were queued now (a key already queued is not counted). */
export async function remindDueActions(store: Store, workspace: Workspace, now: Date): Promise<number> {
  const today = dayInZone(now, workspace.timezone);
  const from = new Date(startOfDayInZone(today, workspace.timezone).getTime() + DUE_REMINDER_HOUR * 3_600_000);
  if (now < from) return 0;
  const due = (await store.meeting.actions(workspace.id)).filter((a) => a.status === 'open' && a.dueDay === today);
  if (due.length === 0) return 0;
  const members = await store.members.list(workspace.id);
  const locale = workspace.locale;
  let queued = 0;
  await store.transaction(async (tx) => {
    queued = 0;
    for (const action of due) {
      const owner = members.find((m) => m.id === action.ownerId);
      if (!owner) continue;
      const line = t(locale, 'meeting.dueToday', { number: action.number, text: action.text });
      const view: View = {
        fallback: line,
        elements: [
          { type: 'text', text: `${mention(owner.externalUserId)} ${line}` },
          { type: 'context', text: t(locale, 'meeting.dueTodayHow', { number: action.number }) },
        ],
        severity: 'warning',
      };
      const { created } = await tx.outbox.enqueue({
        workspaceId: workspace.id,
        key: dueReminderKey(workspace.id, action.id, today),
        kind: 'post',
        channel: owner.externalUserId,
        payload: view,
        availableAt: now,
      });
      if (created) queued++;
    }
  });
  return queued;
}
