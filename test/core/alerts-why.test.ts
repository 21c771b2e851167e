// Every alert on a total says which channels moved it: the finding carries the decomposition, the alert keeps
// it, and the message shows it.
import { describe, expect, it } from 'vitest';
import { onFinding } from '../../src/core/alerts/alert-lifecycle.ts';
import { alertView } from '../../src/core/alerts/alert-view.ts';
import { draftRule } from '../../src/core/alerts/backtest.ts';
import { evaluateRule } from '../../src/core/alerts/evaluate-rule.ts';
import { MetricCatalog } from '../../src/core/metrics/metric-catalog.ts';
import { ObservationIndex } from '../../src/core/metrics/observation-index.ts';
import type { AlertRule, RuleParams } from '../../src/core/ports/alerts.ts';
import type { ObservationInput } from '../../src/core/ports/observations.ts';
import { addDays } from '../../src/core/time/day-math.ts';

const catalog = new MetricCatalog();
const rule = (params: RuleParams, scope: AlertRule['scope'] = 'total'): AlertRule =>
  draftRule({ id: 'r1', workspaceId: 'w', name: 'roi watch', metric: 'roi', scope, params });

// 14 days to 15 Nov: 抖音 spends 100 and earns 300 a day; sem spends 100 and earns 150. On the last day 抖音 earns 100.
const rows: ObservationInput[] = Array.from({ length: 14 }, (_, i) => addDays('2026-11-02', i)).flatMap((day) => [
  { metric: 'spend', segment: 'douyin', day, value: 100 },
  { metric: 'revenue', segment: 'douyin', day, value: day === '2026-11-15' ? 100 : 300 },
  { metric: 'spend', segment: 'sem', day, value: 100 },
  { metric: 'revenue', segment: 'sem', day, value: 150 },
]);
const input = { catalog, index: new ObservationIndex(rows), day: '2026-11-15', targets: {} };

describe('why an alert on a total fired', () => {
  it('a ROI threshold on the total names 抖音: its own ROI fell, the parts add up to the change against the day before', () => {
    const [f] = evaluateRule(rule({ type: 'threshold', op: 'below', value: 0.5, window: { kind: 'day' } }), input);
    // 15 Nov: (250 − 200)/200 = 25%; 14 Nov: (450 − 200)/200 = 125%.
    expect(f).toMatchObject({ status: 'failing', value: 0.25 });
    const why = f?.why;
    expect(why?.previous).toEqual({ from: '2026-11-14', to: '2026-11-14', value: 1.25 });
    expect(why?.change).toBeCloseTo(-1, 12);
    // 抖音: share ½ both days, ROI 2 → 0: rate ½·(−2) = −1; sem unchanged.
    expect(why?.parts[0]).toMatchObject({ segment: 'douyin', rate: -1, mix: 0, contribution: -1 });
    expect(why?.named).toEqual(['douyin']);
    const outcome = onFinding(
      undefined,
      f as NonNullable<typeof f>,
      rule({ type: 'threshold', op: 'below', value: 0.5, window: { kind: 'day' } }),
      new Date(),
      '2026-11-15',
      'a1',
    );
    if (outcome.kind !== 'fire') throw new Error(outcome.kind);
    expect(outcome.alert.detail.why).toEqual(why);
    const view = alertView(outcome.alert, {
      locale: 'en',
      timezone: 'Asia/Shanghai',
      currency: 'CNY',
      rule: rule({ type: 'threshold', op: 'below', value: 0.5, window: { kind: 'day' } }),
      metric: catalog.get('roi'),
      segmentName: '',
      nameOf: (s) => (s === 'douyin' ? '抖音' : s.toUpperCase()),
      owners: [],
    });
    const text = JSON.stringify(view.elements);
    expect(text).toContain('ROI from 125.0% to 25.0% (−100.0pp');
    expect(text).toContain('抖音 −100.0pp (own ROI −100.0pp · share ±0.0pp)');
    expect(text).toContain('Mostly 抖音 (100.0% of the change)');
  });

  it('a weekly change rule explains the week against the week before; a channel’s own alert carries none', () => {
    const [f] = evaluateRule(rule({ type: 'change', period: 'week', direction: 'fall', by: 0.05 }), input);
    expect(f?.status).toBe('failing');
    expect([f?.why?.current.from, f?.why?.previous.from]).toEqual(['2026-11-09', '2026-11-02']);
    const sum = (f?.why?.parts ?? []).reduce((s, p) => s + p.contribution, 0);
    expect(Math.abs(sum - (f?.why?.change ?? Number.NaN))).toBeLessThan(1e-12);
    const each = evaluateRule(rule({ type: 'threshold', op: 'below', value: 0.5, window: { kind: 'day' } }, 'each'), input);
    expect(each.find((x) => x.subject === 'douyin')).toMatchObject({ status: 'failing' });
    expect(each.every((x) => x.why === undefined)).toBe(true);
  });
});
