import type { NewAlertRule } from '../../src/core/ports/alerts.ts';

/**
 * A rule with what the test names and the defaults `/alerts rule add` gives the rest: on the whole product, a
 * warning, nobody named beyond the metric's owner, reminded daily, resolved after one fine evaluation, enabled.
 */
export function newRule(fields: Pick<NewAlertRule, 'workspaceId' | 'name' | 'metric' | 'params'> & Partial<NewAlertRule>): NewAlertRule {
  return {
    scope: 'total',
    severity: 'warning',
    owners: [],
    segmentOwners: {},
    repeatMinutes: 1440,
    escalateTo: [],
    recoveryEvaluations: 1,
    enabled: true,
    ...fields,
  };
}
