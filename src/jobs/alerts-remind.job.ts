import { alertsEnabled } from '../core/alerts/alert-settings.ts';
import { tickWorkspace } from '../core/alerts/remind-alerts.ts';
import { digestSettings } from '../core/digest/digest-settings.ts';
import { remindDueActions } from '../core/meeting/remind-due-actions.ts';
import type { Store } from '../core/ports/store.ts';
import type { JobDefinition } from './scheduler.ts';

/** How often open alerts are looked at for reminders, escalations and snoozes that ran out. */
export const REMINDER_CRON = '*/5 * * * *';

/**
 * The reminder pass every five minutes, where alerts or the digest (and so the meeting loop) are set up: open
 * alerts' reminders, escalations and snoozes, then the due-day reminders of actions (core/meeting/remind-due-actions.ts).
 */
export function alertsRemindJob(store: Store): JobDefinition {
  return {
    name: 'alerts-remind',
    cronFor: (ws) => (alertsEnabled(ws) || digestSettings(ws).channel ? REMINDER_CRON : undefined),
    async run(ws, slotAt) {
      const changed = alertsEnabled(ws) ? await tickWorkspace(store, ws, slotAt) : 0;
      const due = await remindDueActions(store, ws, slotAt);
      return `${changed} alerts changed; ${due} due-day reminders queued`;
    },
  };
}
