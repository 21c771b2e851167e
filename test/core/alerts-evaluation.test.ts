// Rule evaluation, pure: windows that respect cohort maturity, month comparisons over whole months,
// baselines at or below zero, and rules that could never fire being refused.
import { describe, expect, it } from 'vitest';
import { type EvaluationInput, evaluateRule } from '../../src/core/alerts/evaluate-rule.ts';
import { MetricCatalog } from '../../src/core/metrics/metric-catalog.ts';
import { ObservationIndex } from '../../src/core/metrics/observation-index.ts';
import type { AlertRule, RuleParams } from '../../src/core/ports/alerts.ts';
import type { ObservationInput } from '../../src/core/ports/observations.ts';
import { addDays } from '../../src/core/time/day-math.ts';

const catalog = new MetricCatalog();
const rule = (metric: string, params: RuleParams, scope: AlertRule['scope'] = 'total'): AlertRule => ({
  id: 'r1',
  workspaceId: 'w',
  name: 'r',
  metric,
  scope,
  params,
  severity: 'warning',
  owners: [],
  segmentOwners: {},
  repeatMinutes: 1440,
  escalateTo: [],
  recoveryEvaluations: 1,
  enabled: true,
});
function days(from: string, n: number, row: (day: string, i: number) => ObservationInput[]): ObservationInput[] {
  return Array.from({ length: n }, (_, i) => row(addDays(from, i), i)).flat();
}
const input = (rows: ObservationInput[], day: string, targets = {}): EvaluationInput => ({
  catalog,
  index: new ObservationIndex(rows),
  day,
  targets,
});

describe('evaluating rules', () => {
  // 100 new users a day; 10 of each cohort active on day 7 (D7 = 10%), 20 on day 1 (D1 = 20%), recorded on the cohort's day.
  const cohorts = days('2026-09-01', 80, (day) => [
    { metric: 'new_users', segment: '', day, value: 100 },
    { metric: 'retained_d1', segment: '', day, value: 20 },
    { metric: 'retained_d7', segment: '', day, value: 10 },
  ]);
  const day = '2026-11-15';

  it('a D7 target over the last 7 days looks at the 7 latest mature cohorts, and fires', () => {
    const [f] = evaluateRule(
      rule('retention_d7', { type: 'target', window: { kind: 'rolling', days: 7 } }),
      input(cohorts, day, { retention_d7: { op: '>=', value: 0.35 } }),
    );
    expect(f).toMatchObject({ status: 'failing', value: 0.1, threshold: 0.35, valueDay: addDays(day, -7) });
  });

  it('D1 below 25% on the default window (the latest day) reads the latest cohort old enough: yesterday’s', () => {
    const [f] = evaluateRule(
      rule('retention_d1', { type: 'threshold', op: 'below', value: 0.25, window: { kind: 'day' } }),
      input(cohorts, day),
    );
    expect(f).toMatchObject({ status: 'failing', value: 0.2, valueDay: addDays(day, -1) });
  });

  it('month over month compares two whole months, even 90 days back', () => {
    const flat = days('2026-06-01', 100, (d) => [{ metric: 'revenue', segment: '', day: d, value: 100 }]);
    const [f] = evaluateRule(rule('revenue', { type: 'change', period: 'month', direction: 'any', by: 0.3 }), input(flat, '2026-08-30'));
    // The last complete month is July (31 × 100) against June (30 × 100): +3.3%, not a change from a half-loaded June.
    expect(f?.status).toBe('ok');
    expect(f?.value).toBe(3100);
    expect(f?.changes?.[0]?.value).toBeCloseTo(3100 / 3000 - 1, 12);
  });

  it('a count from zero has no share to change by: unknown, not "fell 100%"', () => {
    const rows = days('2026-11-01', 20, (d, i) => [{ metric: 'new_users', segment: 'kol', day: d, value: i < 13 ? 0 : 10 }]);
    const wow = evaluateRule(
      rule('new_users', { type: 'change', period: 'week', direction: 'any', by: 0.2 }, 'each'),
      input(rows, '2026-11-16'),
    );
    expect(wow[0]?.status).toBe('unknown');
    const falls = evaluateRule(
      rule('new_users', { type: 'consecutive', direction: 'rise', days: 2, by: 0.1, unit: 'percent' }, 'each'),
      input(rows, '2026-11-14'),
    );
    expect(falls[0]?.status).toBe('unknown');
  });

  it('data gone quiet: a daily metric two days behind fires; cohort counts are judged by their lag; a weekly metric is not daily', () => {
    const rows = [
      ...days('2026-10-01', 44, (d) => [{ metric: 'spend', segment: 'sem', day: d, value: 1 }]), // last day 11-13
      ...days('2026-10-01', 39, (d) => [{ metric: 'retained_d7', segment: '', day: d, value: 1 }]), // last cohort 11-08 = D − 7
      ...days('2026-10-01', 7, (d) => [{ metric: 'nps', segment: '', day: addDays(d, 0), value: 40 }]).filter((_, i) => i === 0),
    ];
    const findings = evaluateRule(rule('*', { type: 'freshness', days: 2 }), input(rows, '2026-11-15'));
    const by = Object.fromEntries(findings.map((f) => [f.subject, f.status]));
    expect(by).toEqual({ spend: 'failing', retained_d7: 'ok', nps: 'unknown' });
  });
});
