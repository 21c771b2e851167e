import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { changeBetween } from '../../src/core/metrics/change.ts';
import { computeMetric } from '../../src/core/metrics/compute-metric.ts';
import { MetricCatalog } from '../../src/core/metrics/metric-catalog.ts';
import { ObservationIndex } from '../../src/core/metrics/observation-index.ts';
import { buildReport } from '../../src/core/metrics/query-metric.ts';
import { parsePeriod } from '../../src/core/time/period.ts';

const catalog = new MetricCatalog();
const today = '2026-11-22';
const asOf = '2026-11-21';
const obs = (metric: string, segment: string, day: string, value: number) => ({ metric, segment, day, value });
const ctxOf = (points: ReturnType<typeof obs>[], c = catalog) => ({ catalog: c, index: new ObservationIndex(points), asOf });

describe('the metric catalog', () => {
  it('resolves keys, names and aliases in Chinese and English', () => {
    expect(catalog.resolve('获客成本')?.key).toBe('cac');
    expect(catalog.resolve('CAC')?.key).toBe('cac');
    expect(catalog.resolve('次留')?.key).toBe('retention_d1');
    expect(catalog.resolve('d7')?.key).toBe('retention_d7');
    expect(catalog.resolve('LTV/CAC')?.key).toBe('ltv_cac');
    expect(catalog.resolve('new users')?.key).toBe('new_users');
    expect(catalog.resolve('cost')?.key).toBe('spend');
    expect(() => catalog.require('rio')).toThrow(/unknown metric "rio"/);
  });

  it('every built-in has both names, a unit, a direction and a team; every formula refers to known metrics', () => {
    for (const m of catalog.list()) {
      expect(m.names['zh-CN'] && m.names.en && m.unit && m.direction && m.team).toBeTruthy();
      if (m.kind === 'derived') for (const input of catalog.baseInputs(m.key)) expect(catalog.get(input)?.kind).toBe('base');
    }
  });

  it('accepts a workspace formula over names and aliases, and refuses bad ones with the character', () => {
    const c = new MetricCatalog([{ key: 'margin', formula: '(收入 - spend) / 收入', unit: 'percent' }]);
    expect(c.get('margin')).toMatchObject({ kind: 'derived', formula: '(revenue - spend) / revenue', unit: 'percent' });
    expect(() => c.addCustom({ key: 'x', formula: 'revenue / spnd' })).toThrow(/unknown metric "spnd" at column 11/);
    expect(() => c.addCustom({ key: 'cac', formula: 'spend' })).toThrow(/built-in metric/);
    expect(() => c.addCustom({ key: 'margin', formula: 'margin * 2' })).toThrow(/refers back to margin/);
    const ltv = new MetricCatalog([{ key: 'ltv', formula: 'revenue / paying_users' }]);
    expect(ltv.get('ltv')).toMatchObject({ formula: 'revenue / paying_users', names: { en: 'LTV' }, unit: 'currency' });
  });
});

describe('aggregation from sums (口径统一)', () => {
  const points = [
    // Douyin: day 1 ROI = (200-100)/100 = 100%; day 2 ROI = (100-300)/300 = -66.7%.
    obs('spend', 'douyin', '2026-11-16', 100),
    obs('revenue', 'douyin', '2026-11-16', 200),
    obs('spend', 'douyin', '2026-11-17', 300),
    obs('revenue', 'douyin', '2026-11-17', 100),
    obs('new_users', 'douyin', '2026-11-16', 10),
    obs('new_users', 'douyin', '2026-11-17', 0),
    // SEM: one day.
    obs('spend', 'sem', '2026-11-16', 50),
    obs('revenue', 'sem', '2026-11-16', 40),
    obs('new_users', 'sem', '2026-11-16', 5),
  ];

  it('computes ROI from period sums, not the average of daily ratios', () => {
    const v = computeMetric(ctxOf(points), 'roi', { kind: 'segments', segments: ['douyin'] }, '2026-11-16', '2026-11-17');
    // Σrevenue = 300, Σspend = 400 → (300 − 400) / 400 = −25%; the mean of daily ROIs would be +16.7%.
    expect(v.value).toBeCloseTo((300 - 400) / 400, 12);
    expect(v.inputs).toEqual({ revenue: 300, spend: 400 });
  });

  it('computes the all-channel total from summed components', () => {
    const v = computeMetric(ctxOf(points), 'roi', { kind: 'total' }, '2026-11-16', '2026-11-17');
    expect(v.value).toBeCloseTo((340 - 450) / 450, 12);
    const cac = computeMetric(ctxOf(points), 'cac', { kind: 'total' }, '2026-11-16', '2026-11-17');
    expect(cac.value).toBeCloseTo(450 / 15, 12);
    // No cohort revenue: LTV/CAC is n/a (LTV is never ARPU, so it is never ROAS either).
    expect(computeMetric(ctxOf(points), 'ltv_cac', { kind: 'total' }, '2026-11-16', '2026-11-17').value).toBeNull();
  });

  it('says n/a for a zero denominator or no data, never Infinity', () => {
    expect(computeMetric(ctxOf(points), 'cac', { kind: 'segments', segments: ['douyin'] }, '2026-11-17', '2026-11-17').value).toBeNull();
    expect(computeMetric(ctxOf(points), 'roi', { kind: 'segments', segments: ['kol'] }, '2026-11-16', '2026-11-17').value).toBeNull();
  });

  it('prefers an explicit whole-product row over the sum of segments on that day', () => {
    const p = [
      obs('new_users', '', '2026-11-16', 100),
      obs('new_users', 'douyin', '2026-11-16', 60),
      obs('new_users', 'douyin', '2026-11-17', 7),
      obs('new_users', 'sem', '2026-11-17', 3),
    ];
    expect(computeMetric(ctxOf(p), 'new_users', { kind: 'total' }, '2026-11-16', '2026-11-17').value).toBe(100 + (7 + 3));
  });

  it('averages DAU over the days with data, takes the last MAU, and divides for stickiness', () => {
    const p = [
      obs('dau', '', '2026-11-16', 1000),
      obs('dau', '', '2026-11-17', 1200),
      obs('dau', '', '2026-11-18', 1400),
      obs('mau', '', '2026-11-16', 9000),
      obs('mau', '', '2026-11-18', 10000),
    ];
    const c = ctxOf(p);
    expect(computeMetric(c, 'dau', { kind: 'total' }, '2026-11-16', '2026-11-22').value).toBe((1000 + 1200 + 1400) / 3);
    expect(computeMetric(c, 'mau', { kind: 'total' }, '2026-11-16', '2026-11-22').value).toBe(10000);
    expect(computeMetric(c, 'stickiness', { kind: 'total' }, '2026-11-16', '2026-11-22').value).toBeCloseTo(1200 / 10000, 12);
  });

  it('leaves cohorts younger than N days out of Dn retention (as of yesterday)', () => {
    const p = [
      obs('new_users', '', '2026-11-13', 100),
      obs('retained_d7', '', '2026-11-13', 40),
      obs('new_users', '', '2026-11-14', 200),
      obs('retained_d7', '', '2026-11-14', 70),
      // 2026-11-15 + 7 = 2026-11-22 > as-of 2026-11-21: immature, excluded from numerator and denominator.
      obs('new_users', '', '2026-11-15', 300),
      obs('retained_d7', '', '2026-11-15', 10),
      obs('new_users', '', '2026-11-20', 500),
      obs('retained_d1', '', '2026-11-20', 150),
      obs('retained_d1', '', '2026-11-21', 1),
      obs('new_users', '', '2026-11-21', 400),
    ];
    const d7 = computeMetric(ctxOf(p), 'retention_d7', { kind: 'total' }, '2026-11-13', '2026-11-21');
    expect(d7.value).toBeCloseTo((40 + 70) / (100 + 200), 12);
    expect(d7.to).toBe('2026-11-14');
    const d1 = computeMetric(ctxOf(p), 'retention_d1', { kind: 'total' }, '2026-11-20', '2026-11-21');
    expect(d1.value).toBeCloseTo(150 / 500, 12);
    expect(computeMetric(ctxOf(p), 'retention_d30', { kind: 'total' }, '2026-11-13', '2026-11-21').value).toBeNull();
  });

  it('applies cohort maturity to a workspace formula over retained_dN too', () => {
    const c = new MetricCatalog([{ key: 'd7_share', formula: 'retained_d7 / new_users', unit: 'percent' }]);
    const p = [
      obs('new_users', '', '2026-11-13', 100),
      obs('retained_d7', '', '2026-11-13', 40),
      obs('new_users', '', '2026-11-15', 100),
      obs('retained_d7', '', '2026-11-15', 0),
    ];
    // As of 2026-11-21, the 11-15 cohort is 6 days old: left out, so 40 / 100, not 40 / 200.
    expect(computeMetric(ctxOf(p, c), 'd7_share', { kind: 'total' }, '2026-11-13', '2026-11-21').value).toBeCloseTo(0.4, 12);
  });

  it('takes each channel’s last MAU in the period, even from a channel that reported earlier', () => {
    const p = [
      obs('mau', 'douyin', '2026-11-20', 1000),
      obs('mau', 'douyin', '2026-11-30', 1100),
      obs('mau', 'organic', '2026-11-29', 5000),
    ];
    expect(computeMetric(ctxOf(p), 'mau', { kind: 'total' }, '2026-11-01', '2026-11-30').value).toBe(1100 + 5000);
    expect(computeMetric(ctxOf(p), 'mau', { kind: 'segments', segments: ['douyin'] }, '2026-11-01', '2026-11-30').value).toBe(1100);
  });

  it('reports change from a positive baseline in percent, from zero or a negative one as absolute', () => {
    expect(changeBetween(110, 100)).toEqual({ kind: 'percent', value: 0.1 });
    expect(changeBetween(-0.2, -0.05)).toEqual({ kind: 'absolute', value: -0.2 - -0.05 });
    expect(changeBetween(5, 0)).toEqual({ kind: 'absolute', value: 5 });
    expect(changeBetween(null, 3)).toBeNull();
  });

  it('builds a report per channel with the total from sums, 环比 and a weekly series', () => {
    const report = buildReport(
      catalog,
      new ObservationIndex(points),
      {
        metric: catalog.require('roi'),
        period: parsePeriod('2026-W47', today),
        segments: 'each',
        compare: { previous: true },
        grain: 'day',
      },
      today,
    );
    expect(report.rows.map((r) => r.segment)).toEqual(['sem', 'douyin']); // −20% before −25%
    expect(report.total.current.value).toBeCloseTo((340 - 450) / 450, 12);
    expect(report.total.previous?.value).toBeNull();
    expect(report.total.change).toBeNull();
    expect(report.period.complete).toBe(false);
    expect(report.series?.map((s) => s.value.value)).toEqual([(240 - 150) / 150, (100 - 300) / 300, null, null, null, null, null]);
  });
});

describe('properties', () => {
  const segment = fc.constantFrom('douyin', 'sem', 'kol', 'feeds');
  const day = fc.integer({ min: 1, max: 20 }).map((d) => `2026-11-${String(d).padStart(2, '0')}`);
  const money = fc.integer({ min: 0, max: 1_000_000 });
  const points = fc.uniqueArray(fc.record({ metric: fc.constantFrom('spend', 'revenue', 'new_users'), segment, day, value: money }), {
    selector: (p) => `${p.metric}|${p.segment}|${p.day}`,
    maxLength: 200,
  });

  it('the all-segment ROI equals (Σrevenue − Σspend) / Σspend over every channel-day that has both', () => {
    fc.assert(
      fc.property(points, (ps) => {
        const value = (m: string, s: string, d: string) => ps.find((p) => p.metric === m && p.segment === s && p.day === d)?.value;
        let [rev, spend, days] = [0, 0, 0];
        for (const p of ps.filter((x) => x.metric === 'spend')) {
          const r = value('revenue', p.segment, p.day);
          if (r === undefined) continue;
          [rev, spend, days] = [rev + r, spend + p.value, days + 1];
        }
        const v = computeMetric(ctxOf(ps), 'roi', { kind: 'total' }, '2026-11-01', '2026-11-30').value;
        if (days === 0 || spend === 0) expect(v).toBeNull();
        else expect(v).toBeCloseTo((rev - spend) / spend, 9);
      }),
    );
  });

  it('the order of the data does not change any value', () => {
    fc.assert(
      fc.property(points, fc.integer(), (ps, seed) => {
        const shuffled = [...ps].sort((a, b) => ((a.value * 31 + seed) % 7) - ((b.value * 31 + seed) % 7));
        for (const key of ['roi', 'cac', 'spend']) {
          const a = computeMetric(ctxOf(ps), key, { kind: 'total' }, '2026-11-01', '2026-11-30').value;
          const b = computeMetric(ctxOf(shuffled), key, { kind: 'total' }, '2026-11-01', '2026-11-30').value;
          if (a === null) expect(b).toBeNull();
          else expect(b).toBeCloseTo(a, 9);
        }
      }),
    );
  });
});

describe('sums shared between answers over one index', () => {
  const points = [
    { metric: 'spend', segment: 'douyin', day: '2026-11-16', value: 100 },
    { metric: 'revenue', segment: 'douyin', day: '2026-11-16', value: 150 },
    { metric: 'spend', segment: 'seo', day: '2026-11-16', value: 100 },
    { metric: 'revenue', segment: 'seo', day: '2026-11-16', value: 450 },
  ];
  const roi = (index: ObservationIndex, kinds: Record<string, 'paid' | 'organic'>) =>
    computeMetric(
      { catalog: new MetricCatalog([], { channelKinds: kinds }), index, asOf: '2026-11-17' },
      'roi',
      { kind: 'total' },
      '2026-11-16',
      '2026-11-16',
    ).value;

  it('follow a change of channel kind, as a fresh index computes', () => {
    const shared = new ObservationIndex(points);
    // Paid ROI over both channels: (150 + 450 − 200) / 200 = 200%; with seo organic, douyin alone: (150 − 100) / 100 = 50%.
    expect(roi(shared, { seo: 'paid' })).toBeCloseTo(2);
    expect(roi(shared, { seo: 'organic' })).toBeCloseTo(0.5);
    expect(roi(shared, { seo: 'paid' })).toBe(roi(new ObservationIndex(points), { seo: 'paid' }));
    expect(roi(shared, { seo: 'organic' })).toBe(roi(new ObservationIndex(points), { seo: 'organic' }));
  });
});
