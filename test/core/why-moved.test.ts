// "Why did it move": each channel's rate and mix parts add up to the total change exactly, on random data
// (property) and on hand-computed examples.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MetricCatalog } from '../../src/core/metrics/metric-catalog.ts';
import { ObservationIndex } from '../../src/core/metrics/observation-index.ts';
import { ratioForm } from '../../src/core/metrics/ratio-form.ts';
import { decompose, whyMoved } from '../../src/core/metrics/why-moved.ts';
import type { ObservationInput } from '../../src/core/ports/observations.ts';

const catalog = new MetricCatalog([], { channelKinds: { organic: 'organic' } });
const sumOf = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('the ratio form of a metric', () => {
  it('reads ROI as (revenue − spend) / spend, LTV/CAC as cohort revenue / spend, and refuses DAU/MAU', () => {
    const roi = ratioForm(catalog, 'roi');
    expect(Object.fromEntries(roi?.num.terms ?? [])).toEqual({ revenue: 1, spend: -1 });
    expect(Object.fromEntries(roi?.den.terms ?? [])).toEqual({ spend: 1 });
    const ltvCac = ratioForm(catalog, 'ltv_cac');
    expect(Object.fromEntries(ltvCac?.num.terms ?? [])).toEqual({ cohort_revenue_d90: 1 });
    expect(Object.fromEntries(ltvCac?.den.terms ?? [])).toEqual({ spend: 1 });
    expect(ratioForm(catalog, 'stickiness')).toBeUndefined();
    const spend = ratioForm(catalog, 'spend');
    expect([Object.fromEntries(spend?.num.terms ?? []), spend?.den.constant, spend?.den.terms.size]).toEqual([{ spend: 1 }, 1, 0]);
  });
});

describe('the decomposition', () => {
  const unit = fc.record({
    n0: fc.double({ min: -1e6, max: 1e6, noNaN: true }),
    n1: fc.double({ min: -1e6, max: 1e6, noNaN: true }),
    d0: fc.oneof(fc.constant(0), fc.double({ min: 0.01, max: 1e6, noNaN: true })),
    d1: fc.oneof(fc.constant(0), fc.double({ min: 0.01, max: 1e6, noNaN: true })),
    absent: fc.constantFrom('none', 'before', 'after'),
  });

  it('adds up to the total change exactly, with channels appearing, leaving and without a denominator (property)', () => {
    fc.assert(
      fc.property(fc.array(unit, { minLength: 1, maxLength: 12 }), (raw) => {
        const units = raw.map((u, i) => ({
          segment: `c${i}`,
          n: [u.absent === 'before' ? 0 : u.n0, u.absent === 'after' ? 0 : u.n1] as [number, number],
          d: [u.absent === 'before' ? 0 : u.d0, u.absent === 'after' ? 0 : u.d1] as [number, number],
        }));
        const D: [number, number] = [sumOf(units.map((u) => u.d[0])), sumOf(units.map((u) => u.d[1]))];
        fc.pre(D[0] > 1 && D[1] > 1);
        const form = { num: { constant: 0, terms: new Map() }, den: { constant: 0, terms: new Map() } };
        const result = decompose(units, form);
        expect(result).toBeDefined();
        const expected = sumOf(units.map((u) => u.n[1])) / D[1] - sumOf(units.map((u) => u.n[0])) / D[0];
        const parts = result?.parts ?? [];
        const total = sumOf(parts.map((p) => p.rate + p.mix));
        // Float tolerance relative to the largest quantities summed: the terms and the rate and mix parts themselves.
        const parts0 = result?.parts ?? [];
        const scale = Math.max(
          1,
          ...units.map((u) => Math.abs(u.n[0]) / D[0] + Math.abs(u.n[1]) / D[1]),
          ...parts0.map((p) => Math.abs(p.rate) + Math.abs(p.mix)),
        );
        expect(Math.abs(total - expected)).toBeLessThanOrEqual(1e-9 * scale);
        expect(Math.abs((result?.change ?? Number.NaN) - expected)).toBeLessThanOrEqual(1e-9 * scale);
        // Largest first.
        for (let i = 1; i < parts.length; i++)
          expect(Math.abs(parts[i - 1]?.contribution as number)).toBeGreaterThanOrEqual(Math.abs(parts[i]?.contribution as number));
      }),
      { numRuns: 500 },
    );
  });

  it('splits a channel whose own ROI fell from one whose share grew (numbers by hand)', () => {
    // Week 1: a spends 100 and earns 200 (ROI 100%), b spends 100 and earns 300 (ROI 200%).
    // Week 2: a spends 100 and earns 150 (ROI 50%), b spends 300 and earns 900 (ROI 200%).
    const points: ObservationInput[] = [];
    const put = (day: string, segment: string, spend: number, revenue: number) =>
      points.push({ metric: 'spend', segment, day, value: spend }, { metric: 'revenue', segment, day, value: revenue });
    put('2026-11-02', 'a', 100, 200);
    put('2026-11-02', 'b', 100, 300);
    put('2026-11-09', 'a', 100, 150);
    put('2026-11-09', 'b', 300, 900);
    const ctx = { catalog, index: new ObservationIndex(points), asOf: '2026-11-20' };
    const result = whyMoved(ctx, 'roi', { from: '2026-11-09', to: '2026-11-15' }, { from: '2026-11-02', to: '2026-11-08' });
    expect(result.kind).toBe('ok');
    if (result.kind !== 'ok') return;
    const { why } = result;
    const roi0 = (500 - 200) / 200;
    const roi1 = (1050 - 400) / 400;
    expect(why.previous.value).toBeCloseTo(roi0, 12);
    expect(why.current.value).toBeCloseTo(roi1, 12);
    expect(why.change).toBeCloseTo(roi1 - roi0, 12);
    const part = (s: string) => why.parts.find((p) => p.segment === s);
    // a: shares 1/2 → 1/4, ratio 1 → 0.5. rate = 3/8·(−0.5), mix = 0.75·(−1/4).
    expect(part('a')?.rate).toBeCloseTo((3 / 8) * -0.5, 12);
    expect(part('a')?.mix).toBeCloseTo(0.75 * -0.25, 12);
    // b: shares 1/2 → 3/4, ratio 2 → 2: no rate, mix = 2·(1/4).
    expect(part('b')?.rate).toBeCloseTo(0, 12);
    expect(part('b')?.mix).toBeCloseTo(2 * 0.25, 12);
    expect(why.parts.map((p) => p.segment)).toEqual(['b', 'a']);
    expect(why.named).toEqual(['b']);
    expect(sumOf(why.parts.map((p) => p.contribution))).toBeCloseTo(why.change, 12);
  });

  it('counts organic sign-ups in conversion and a new channel as all mix, and keeps whole-product rows apart', () => {
    const points: ObservationInput[] = [
      // Previous day: paid p has 100 clicks and 10 users, organic has 5 users (no clicks).
      { metric: 'clicks', segment: 'p', day: '2026-11-01', value: 100 },
      { metric: 'new_users', segment: 'p', day: '2026-11-01', value: 10 },
      { metric: 'new_users', segment: 'organic', day: '2026-11-01', value: 5 },
      // Current day: p 100 clicks 12 users; new paid channel q 50 clicks 10 users; organic 8 users.
      { metric: 'clicks', segment: 'p', day: '2026-11-02', value: 100 },
      { metric: 'new_users', segment: 'p', day: '2026-11-02', value: 12 },
      { metric: 'clicks', segment: 'q', day: '2026-11-02', value: 50 },
      { metric: 'new_users', segment: 'q', day: '2026-11-02', value: 10 },
      { metric: 'new_users', segment: 'organic', day: '2026-11-02', value: 8 },
    ];
    const ctx = { catalog, index: new ObservationIndex(points), asOf: '2026-11-20' };
    const result = whyMoved(ctx, 'conversion', { from: '2026-11-02', to: '2026-11-02' }, { from: '2026-11-01', to: '2026-11-01' });
    if (result.kind !== 'ok') throw new Error(result.kind);
    const { why } = result;
    expect(why.previous.value).toBeCloseTo(15 / 100, 12);
    expect(why.current.value).toBeCloseTo(30 / 150, 12);
    const q = why.parts.find((p) => p.segment === 'q');
    expect([q?.rate, q?.mix]).toEqual([0, 10 / 150]);
    const organic = why.parts.find((p) => p.segment === 'organic');
    // Its own users moving (5 → 8) at the average 1/clicks, and the pool of clicks growing (100 → 150) at 6.5 users.
    expect(organic?.rate).toBeCloseTo(((1 / 100 + 1 / 150) / 2) * 3, 12);
    expect(organic?.mix).toBeCloseTo(6.5 * (1 / 150 - 1 / 100), 12);
    expect(sumOf(why.parts.map((p) => p.contribution))).toBeCloseTo(why.change, 12);
  });

  it('is unsupported for DAU/MAU and n/a without a previous value', () => {
    const ctx = { catalog, index: new ObservationIndex([]), asOf: '2026-11-20' };
    expect(whyMoved(ctx, 'stickiness', { from: '2026-11-02', to: '2026-11-02' }, { from: '2026-11-01', to: '2026-11-01' }).kind).toBe(
      'unsupported',
    );
    expect(whyMoved(ctx, 'roi', { from: '2026-11-02', to: '2026-11-02' }, { from: '2026-11-01', to: '2026-11-01' }).kind).toBe('na');
  });
});
