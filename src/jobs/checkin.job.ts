import { checkinCron, reminderCron } from '../core/digest/checkin-settings.ts';
import { type CheckinResult, sendCheckin } from '../core/digest/send-checkin.ts';
import type { DigestDeliveryDeps } from '../core/digest/send-digest.ts';
import type { JobDefinition } from './scheduler.ts';

function outcome(r: CheckinResult): string {
  if (r.late) return 'the digest is already out';
  if (r.nowhere) return `${r.items} items, no owners and no digest channel`;
  return `${r.items} items; queued ${r.queued.length}${r.duplicate.length ? `, already queued ${r.duplicate.length}` : ''}`;
}

/**
 * The pre-meeting check-in: by default the day before the digest's weekday at 16:00 in the workspace's
 * timezone (`/growth checkin schedule` changes it, `off` stops it), only where the digest is scheduled. Each
 * owner gets their unexplained items by direct message, once per slot (the outbox key).
 */
export function checkinJob(deps: DigestDeliveryDeps): JobDefinition {
  return {
    name: 'checkin',
    cronFor: (ws) => checkinCron(ws),
    run: async (ws, slotAt) => outcome(await sendCheckin(deps, ws, slotAt, 'checkin')),
  };
}

/** Two hours before the digest: one reminder to each owner whose items still have no note, once per slot. */
export function checkinReminderJob(deps: DigestDeliveryDeps): JobDefinition {
  return {
    name: 'checkin-reminder',
    cronFor: (ws) => reminderCron(ws),
    run: async (ws, slotAt) => outcome(await sendCheckin(deps, ws, slotAt, 'reminder')),
  };
}
