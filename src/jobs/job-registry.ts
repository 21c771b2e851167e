import { evaluateAndReport, tickWorkspace } from '../core/alerts/alert-service.ts';
import { alertSettings, alertsEnabled } from '../core/alerts/alert-settings.ts';
import type { DigestDeliveryDeps } from '../core/digest/send-digest.ts';
import { digestJob } from './digest.job.ts';
import type { JobDefinition } from './scheduler.ts';

/** What the jobs need from the running app. */
export type JobDeps = DigestDeliveryDeps;

/** How often open alerts are looked at for reminders, escalations and snoozes that ran out. */
export const REMINDER_CRON = '*/5 * * * *';

/**
 * The scheduled jobs of the product, each one JobDefinition per workspace: the weekly digest (Wednesday
 * 14:00 by default, where a digest channel is set), rule evaluation daily at the workspace's chosen hour,
 * and the reminder pass every five minutes (only where alerts are set up).
 */
export function createJobs(deps: JobDeps): JobDefinition[] {
  const { store } = deps;
  return [
    digestJob(deps),
    {
      name: 'alerts-evaluate',
      cronFor: (ws) => (alertsEnabled(ws) ? `0 ${alertSettings(ws).hour} * * *` : undefined),
      async run(ws, slotAt) {
        const s = await evaluateAndReport(store, ws, slotAt);
        return `day ${s.day}: ${s.rules} rules, ${s.fired} fired, ${s.changed} changed`;
      },
    },
    {
      name: 'alerts-remind',
      cronFor: (ws) => (alertsEnabled(ws) ? REMINDER_CRON : undefined),
      async run(ws, slotAt) {
        return `${await tickWorkspace(store, ws, slotAt)} alerts changed`;
      },
    },
  ];
}
