// Properties of the shared definitions over random data: LTV is never ARPU by accident, paid totals are sums
// over paid channels only, organic users never move paid CAC, and no derived value uses a half-reported day.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeMetric } from '../../src/core/metrics/compute-metric.ts';
import { MetricCatalog } from '../../src/core/metrics/metric-catalog.ts';
import { ObservationIndex } from '../../src/core/metrics/observation-index.ts';
import type { ObservationInput } from '../../src/core/ports/observations.ts';

const asOf = '2026-11-30';
const catalog = new MetricCatalog([], { ltvHorizon: 30 });
const ctxOf = (points: ObservationInput[]) => ({ catalog, index: new ObservationIndex(points), asOf });
const day = fc.integer({ min: 1, max: 28 }).map((d) => `2026-10-${String(d).padStart(2, '0')}`);
const paidSegment = fc.constantFrom('douyin', 'sem', 'kol');
const anySegment = fc.constantFrom('douyin', 'sem', 'kol', 'organic');
const amount = fc.integer({ min: 0, max: 100_000 });
const points = (metrics: string[], segment = anySegment) =>
  fc.uniqueArray(fc.record({ metric: fc.constantFrom(...metrics), segment, day, value: amount }), {
    selector: (p) => `${p.metric}|${p.segment}|${p.day}`,
    maxLength: 150,
  });
const [FROM, TO] = ['2026-10-01', '2026-10-31'];
const value = (ps: ObservationInput[], m: string, s: string, d: string) =>
  ps.find((p) => p.metric === m && p.segment === s && p.day === d)?.value;

describe('the definitions, over random data', () => {
  it('LTV equals ARPU only when the cohort revenue says so: with none, LTV is n/a whatever the revenue', () => {
    fc.assert(
      fc.property(points(['revenue', 'new_users']), (ps) => {
        // Every cohort day is old enough (October, as of 30 November); there is revenue but no cohort revenue.
        expect(computeMetric(ctxOf(ps), 'ltv', { kind: 'total' }, FROM, TO).value).toBeNull();
        expect(computeMetric(ctxOf(ps), 'ltv_cac', { kind: 'total' }, FROM, TO).value).toBeNull();
      }),
    );
    fc.assert(
      fc.property(points(['revenue', 'new_users', 'cohort_revenue_d30']), (ps) => {
        const ltv = computeMetric(ctxOf(ps), 'ltv', { kind: 'total' }, FROM, TO);
        const arpu = computeMetric(ctxOf(ps), 'arpu', { kind: 'total' }, FROM, TO);
        // Whatever the two say, LTV is Σ cohort revenue / Σ new users over the days that have both, by hand.
        let [revenue, users] = [0, 0];
        for (const p of ps.filter((x) => x.metric === 'cohort_revenue_d30')) {
          const n = value(ps, 'new_users', p.segment, p.day);
          if (n === undefined) continue;
          [revenue, users] = [revenue + p.value, users + n];
        }
        if (users === 0) expect(ltv.value).toBeNull();
        else expect(ltv.value).toBeCloseTo(revenue / users, 9);
        // When they agree, it is because the cohort revenue equals the period revenue on the days counted.
        if (ltv.value !== null && arpu.value !== null && Math.abs(ltv.value - arpu.value) < 1e-9)
          expect(ltv.inputs.cohort_revenue_d30).toBeCloseTo((arpu.value as number) * (ltv.inputs.new_users as number), 6);
      }),
    );
  });

  it('paid totals are sums over the paid channels only', () => {
    fc.assert(
      fc.property(points(['spend', 'revenue', 'new_users']), (ps) => {
        const ctx = ctxOf(ps);
        const total = (k: string) => computeMetric(ctx, k, { kind: 'total' }, FROM, TO).value;
        const paidOnly = ps.filter((p) => p.segment !== 'organic');
        const alone = (k: string) =>
          computeMetric(ctxOf(paidOnly), k, { kind: 'segments', segments: ['douyin', 'sem', 'kol'] }, FROM, TO).value;
        for (const k of ['cac', 'roi', 'roas']) {
          const [a, b] = [total(k), alone(k)];
          if (b === null) expect(a).toBeNull();
          else expect(a).toBeCloseTo(b, 9);
        }
        // The paid channels' spend, added by hand.
        const spend = paidOnly.filter((p) => p.metric === 'spend').reduce((s, p) => s + p.value, 0);
        const paidSpend = computeMetric(ctx, 'spend', { kind: 'paid' }, FROM, TO).value;
        if (paidOnly.some((p) => p.metric === 'spend')) expect(paidSpend).toBe(spend);
        else expect(paidSpend).toBeNull();
      }),
    );
  });

  it('adding organic users never changes paid CAC', () => {
    fc.assert(
      fc.property(
        points(['spend', 'new_users'], paidSegment),
        fc.array(fc.record({ day, value: amount }), { maxLength: 30 }),
        (ps, organic) => {
          const before = computeMetric(ctxOf(ps), 'cac', { kind: 'total' }, FROM, TO).value;
          const more = [...ps, ...organic.map((o) => ({ metric: 'new_users', segment: 'organic', day: o.day, value: o.value }))];
          const unique = [...new Map(more.map((p) => [`${p.metric}|${p.segment}|${p.day}`, p])).values()];
          const after = computeMetric(ctxOf(unique), 'cac', { kind: 'total' }, FROM, TO).value;
          if (before === null) expect(after).toBeNull();
          else expect(after).toBeCloseTo(before, 9);
        },
      ),
    );
  });

  it('a derived value never uses a day on which one of its inputs is missing', () => {
    fc.assert(
      fc.property(points(['spend', 'revenue']), fc.constantFrom('roi', 'roi_blended', 'roas'), (ps, key) => {
        const v = computeMetric(ctxOf(ps), key, { kind: 'total' }, FROM, TO);
        // Removing every channel-day that lacks one of the inputs changes nothing.
        const complete = ps.filter((p) => {
          const other = p.metric === 'spend' ? 'revenue' : 'spend';
          // An organic channel has no spend: its missing spend is 0, not missing.
          return value(ps, other, p.segment, p.day) !== undefined || (p.segment === 'organic' && other === 'spend');
        });
        const w = computeMetric(ctxOf(complete), key, { kind: 'total' }, FROM, TO);
        if (w.value === null) expect(v.value).toBeNull();
        else expect(v.value).toBeCloseTo(w.value, 9);
        // And what was left out is said: a day in `incompleteDays` for each channel-day dropped.
        const dropped = new Set(
          ps.filter((p) => !complete.includes(p) && (key === 'roi_blended' || p.segment !== 'organic')).map((p) => p.day),
        );
        expect(new Set(v.incompleteDays ?? [])).toEqual(dropped);
      }),
    );
  });
});
