import { alertSettings, alertsEnabled } from '../core/alerts/alert-settings.ts';
import { evaluateAndReport } from '../core/alerts/evaluate-rules.ts';
import type { Store } from '../core/ports/store.ts';
import type { JobDefinition } from './scheduler.ts';

/**
 * Rule evaluation, daily at the workspace's chosen hour (09:00 unless `/alerts hour` changed it), only where
 * alerts are set up. A failed pass is reported to the admins by the use case and recorded by the scheduler.
 */
export function alertsEvaluateJob(store: Store): JobDefinition {
  return {
    name: 'alerts-evaluate',
    cronFor: (ws) => (alertsEnabled(ws) ? `0 ${alertSettings(ws).hour} * * *` : undefined),
    async run(ws, slotAt) {
      const s = await evaluateAndReport(store, ws, slotAt);
      return `day ${s.day}: ${s.rules} rules, ${s.fired} fired, ${s.changed} changed`;
    },
  };
}
