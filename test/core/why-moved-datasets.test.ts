// "Why did it move" on the public datasets in ../shared/datasets, against this test's own sums of the raw CSV.
// Skipped when the folder is absent (a user's fresh clone).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDigest } from '../../src/core/digest/build-digest.ts';
import { loadDigestData } from '../../src/core/digest/load-digest-data.ts';
import { formatChange } from '../../src/core/format/format-value.ts';
import { loadCatalog } from '../../src/core/metrics/load-catalog.ts';
import { loadWhyMoved } from '../../src/core/metrics/why-moved.ts';
import type { Store } from '../../src/core/ports/store.ts';
import { weekPeriod } from '../../src/core/time/period.ts';
import { csv, datasetsPresent, datasetWorkspace, MONTHS } from '../helpers/datasets.ts';
import { migratedStore } from '../helpers/migrated-store.ts';
import { sqliteTestDatabase, type TestDatabase } from '../helpers/test-databases.ts';

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe.skipIf(!datasetsPresent)('why a total moved, on the public marketing datasets', () => {
  const database: TestDatabase = sqliteTestDatabase();
  let store: Store;
  beforeAll(async () => {
    store = await migratedStore(database);
  });
  afterAll(async () => {
    await store.close();
    await database.drop();
  });

  it('splits the placement export’s ROI change (W21 → W22) into each placement’s rate and mix, as the raw file says', async () => {
    const ws = await datasetWorkspace(store, 'ads-why', 'en', 'online_advertising_performance_data.csv', 'online-advertising.mapping.json');
    const today = '2020-06-03';
    const catalog = await loadCatalog(store.metrics, ws);
    const { result, previous } = await loadWhyMoved(store.observations, ws.id, catalog, 'roi', weekPeriod('2020-05-25', today), today);
    expect([previous.from, previous.to]).toEqual(['2020-05-18', '2020-05-24']);
    if (result.kind !== 'ok') throw new Error(result.kind);
    const { why } = result;

    // The test's own sums: cost and sales per placement and week.
    const sums = new Map<string, [number, number][]>();
    for (const r of csv('online_advertising_performance_data.csv')) {
      const day = `2020-${MONTHS[r.month as string]}-${String(r.day).padStart(2, '0')}`;
      const t = day >= '2020-05-25' && day <= '2020-05-31' ? 1 : day >= '2020-05-18' && day <= '2020-05-24' ? 0 : undefined;
      if (t === undefined) continue;
      const p = r.placement === '#N/A' ? 'unknown' : (r.placement as string);
      const s = sums.get(p) ?? [
        [0, 0],
        [0, 0],
      ];
      (s[t] as [number, number])[0] += Number(r.cost);
      (s[t] as [number, number])[1] += Number(r.post_click_sales_amount);
      sums.set(p, s);
    }
    const D = [0, 1].map((t) => sum([...sums.values()].map((s) => (s[t] as [number, number])[0])));
    const R = [0, 1].map((t) => sum([...sums.values()].map((s) => (s[t] as [number, number])[1])));
    const roi = (t: number) => ((R[t] as number) - (D[t] as number)) / (D[t] as number);
    expect(why.previous.value).toBeCloseTo(roi(0), 9);
    expect(why.current.value).toBeCloseTo(roi(1), 9);
    expect(why.change).toBeCloseTo(roi(1) - roi(0), 9);
    // Every placement: share of spend w and own ROI r in each week; rate = w̄·Δr, mix = r̄·Δw.
    expect(why.parts.map((p) => p.segment).sort()).toEqual([...sums.keys()].sort());
    for (const [placement, s] of sums) {
      const [[c0, s0], [c1, s1]] = s as [[number, number], [number, number]];
      const part = why.parts.find((p) => p.segment === placement);
      if (c0 > 0 && c1 > 0) {
        const [w0, w1] = [c0 / (D[0] as number), c1 / (D[1] as number)];
        const [r0, r1] = [(s0 - c0) / c0, (s1 - c1) / c1];
        expect(part?.rate).toBeCloseTo(((w0 + w1) / 2) * (r1 - r0), 9);
        expect(part?.mix).toBeCloseTo(((r0 + r1) / 2) * (w1 - w0), 9);
      }
      expect(part?.contribution).toBeCloseTo((s1 - c1) / (D[1] as number) - (s0 - c0) / (D[0] as number), 9);
    }
    expect(Math.abs(sum(why.parts.map((p) => p.rate + p.mix)) - why.change)).toBeLessThanOrEqual(1e-9);
    // The named placements explain at least 80% of the change, and are the largest parts.
    const named = why.parts.filter((p) => why.named.includes(p.segment));
    expect(named.length).toBeGreaterThan(0);
    expect(why.parts.slice(0, named.length).map((p) => p.segment)).toEqual(why.named);

    // The digest of that week carries the same block under its headline.
    const data = await loadDigestData(store, ws, new Date('2020-06-03T04:00:00Z'));
    expect(data.why?.metric.key).toBe('roi');
    expect(data.why?.why.change).toBeCloseTo(why.change, 12);
    const view = buildDigest(data, new Date('2020-06-03T04:00:00Z'), 'en');
    const block = view.elements.find((e) => e.type === 'context' && e.text.includes('Why it moved'));
    const delta = formatChange({ kind: 'absolute', value: why.change }, 'percent', 'en');
    expect(block && 'text' in block ? block.text : '').toContain(`(${delta}, 2020-05-25…2020-05-31 against 2020-05-18…2020-05-24)`);
    expect(block && 'text' in block ? block.text : '').toContain(`Mostly ${why.named.join(', ')}`);
  });

  it('keeps the weekly mix export’s whole-product revenue apart: the channels own only their spend', async () => {
    const ws = await datasetWorkspace(store, 'mmm-why', 'zh-CN', 'robyn_dt_simulated_weekly.csv', 'robyn-weekly.mapping.json');
    const today = '2019-11-20';
    const catalog = await loadCatalog(store.metrics, ws);
    const { result } = await loadWhyMoved(store.observations, ws.id, catalog, 'roi_blended', weekPeriod('2019-11-11', today), today);
    if (result.kind !== 'ok') throw new Error(result.kind);
    const { why } = result;
    const rows = new Map(csv('robyn_dt_simulated_weekly.csv').map((r) => [r.DATE as string, r]));
    // Facebook is stored under its company's channel, Meta (a well-known alias).
    const columns = { tv: 'tv_S', ooh: 'ooh_S', print: 'print_S', meta: 'facebook_S', sem: 'search_S' };
    const spendOf = (d: string, c: string) => Number(rows.get(d)?.[c]);
    const weeks = ['2019-11-04', '2019-11-11'];
    const S = weeks.map((d) => sum(Object.values(columns).map((c) => spendOf(d, c))));
    const R = weeks.map((d) => Number(rows.get(d)?.revenue));
    const roi = (t: number) => ((R[t] as number) - (S[t] as number)) / (S[t] as number);
    expect(why.change).toBeCloseTo(roi(1) - roi(0), 9);
    // A channel's own ratio is −1 (spend with no attributed revenue) in both weeks: its part is all mix, −Δshare.
    for (const [segment, c] of Object.entries(columns)) {
      const part = why.parts.find((p) => p.segment === segment);
      const [s0, s1] = weeks.map((d) => spendOf(d, c)) as [number, number];
      if (s0 === 0 && s1 === 0) {
        expect(part?.contribution ?? 0).toBe(0);
        continue;
      }
      expect(part?.rate ?? 0).toBeCloseTo(0, 12);
      expect(part?.mix).toBeCloseTo(-(s1 / (S[1] as number) - s0 / (S[0] as number)), 9);
    }
    // The product's revenue, over each week's spend, is the part no channel owns.
    const whole = why.parts.find((p) => p.segment === '');
    expect(whole?.contribution).toBeCloseTo((R[1] as number) / (S[1] as number) - (R[0] as number) / (S[0] as number), 9);
    expect(Math.abs(sum(why.parts.map((p) => p.contribution)) - why.change)).toBeLessThanOrEqual(1e-9);
  });
});
