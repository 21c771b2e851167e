// The anomaly rule on the demo quarter, backtested over its last 90 days (国庆 and its 调休 Saturdays included):
// quiet on ROI, CAC, sign-ups, spend and revenue, loud on the story it tells (D1 retention dips in the last week).
import { describe, expect, it } from 'vitest';
import { backtestRule, draftRule } from '../../src/core/alerts/backtest.ts';
import type { EvaluationInput } from '../../src/core/alerts/evaluate-rule.ts';
import { demoQuarter } from '../../src/core/demo/demo-quarter.ts';
import { MetricCatalog } from '../../src/core/metrics/metric-catalog.ts';
import { ObservationIndex } from '../../src/core/metrics/observation-index.ts';
import type { AlertRule } from '../../src/core/ports/alerts.ts';
import { addDays } from '../../src/core/time/day-math.ts';
import { HolidayCalendar } from '../../src/core/time/holiday-calendar.ts';

const today = '2026-12-01';
const index = new ObservationIndex(demoQuarter(today).rows);
const catalog = new MetricCatalog([], { channelKinds: { organic: 'organic' } });
const input = (): EvaluationInput => ({
  catalog,
  index,
  day: addDays(today, -1),
  targets: {},
  calendar: new HolidayCalendar(),
  minShare: 0.05,
  series: new Map(),
});
const anomaly = (metric: string, scope: AlertRule['scope']) =>
  draftRule({ workspaceId: 'w', metric, scope, params: { type: 'anomaly', sensitivity: 'medium', direction: 'bad' } });

describe('the anomaly rule on the demo quarter', () => {
  it.each(['roi', 'cac', 'new_users', 'revenue'])('never fires on %s, per channel or in total', (metric) => {
    expect(backtestRule(anomaly(metric, 'each'), input()).fires).toEqual([]);
    expect(backtestRule(anomaly(metric, 'total'), input()).fires).toEqual([]);
  });

  it('never fires on spend, either direction, across 国庆 and its make-up Saturdays', () => {
    const rule = draftRule({
      workspaceId: 'w',
      metric: 'spend',
      scope: 'total',
      params: { type: 'anomaly', sensitivity: 'medium', direction: 'any' },
    });
    expect(backtestRule(rule, input()).fires).toEqual([]);
  });

  it('fires on the D1 retention dip of the last week, for every channel and the total, and nowhere else', () => {
    const each = backtestRule(anomaly('retention_d1', 'each'), input());
    expect(each.fires.length).toBeGreaterThan(0);
    for (const f of each.fires) expect(f.day >= addDays(today, -9)).toBe(true);
    const total = backtestRule(anomaly('retention_d1', 'total'), input());
    expect(total.fires.map((f) => f.subject)).toEqual(['']);
    expect((total.fires[0]?.day ?? '') >= addDays(today, -9)).toBe(true);
  });
});
