import { alertsEnabled } from '../core/alerts/alert-settings.ts';
import { tickWorkspace } from '../core/alerts/remind-alerts.ts';
import type { Store } from '../core/ports/store.ts';
import type { JobDefinition } from './scheduler.ts';

/** How often open alerts are looked at for reminders, escalations and snoozes that ran out. */
export const REMINDER_CRON = '*/5 * * * *';

/** Every five minutes, only where alerts are set up: open alerts' reminders, escalations and snoozes that ran out. */
export function alertsRemindJob(store: Store): JobDefinition {
  return {
    name: 'alerts-remind',
    cronFor: (ws) => (alertsEnabled(ws) ? REMINDER_CRON : undefined),
    async run(ws, slotAt) {
      return `${await tickWorkspace(store, ws, slotAt)} alerts changed`;
    },
  };
}
