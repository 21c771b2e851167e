import { digestSettings } from '../core/digest/digest-settings.ts';
import { remindDueActions } from '../core/meeting/remind-due-actions.ts';
import type { Store } from '../core/ports/store.ts';
import { REMINDER_CRON } from './alerts-remind.job.ts';
import type { JobDefinition } from './scheduler.ts';

/**
 * The due-day reminders of the meeting's actions (core/meeting/remind-due-actions.ts): every five minutes where the
 * meeting loop is set up (a digest channel); each action's owner is reminded once, from 09:00 on its due day.
 */
export function actionsRemindJob(store: Store): JobDefinition {
  return {
    name: 'actions-remind',
    cronFor: (ws) => (digestSettings(ws).channel ? REMINDER_CRON : undefined),
    async run(ws, slotAt) {
      return `${await remindDueActions(store, ws, slotAt)} due-day reminders queued`;
    },
  };
}
