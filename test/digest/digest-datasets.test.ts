// The digest of a week of the public datasets in ../shared/datasets, checked against sums this test
// computes itself from the raw CSV. Skipped when the folder is absent (a user's fresh clone).
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDigest } from '../../src/core/digest/build-digest.ts';
import { digestCharts } from '../../src/core/digest/digest-charts.ts';
import { loadDigestData } from '../../src/core/digest/load-digest-data.ts';
import { formatValue } from '../../src/core/format/format-value.ts';
import type { Store } from '../../src/core/ports/store.ts';
import type { ViewElement } from '../../src/core/views/view.ts';
import { loadMapping } from '../../src/ingest/import-mapping.ts';
import { importObservationFile } from '../../src/ingest/import-observations.ts';
import { csv, DATASETS, datasetsPresent, MAPPINGS, MONTHS } from '../helpers/datasets.ts';
import { migratedStore } from '../helpers/migrated-store.ts';
import { sqliteTestDatabase, type TestDatabase } from '../helpers/test-databases.ts';

describe.skipIf(!datasetsPresent)('the digest of the public marketing datasets', () => {
  const database: TestDatabase = sqliteTestDatabase();
  let store: Store;
  beforeAll(async () => {
    store = await migratedStore(database);
  });
  afterAll(async () => {
    await store.close();
    await database.drop();
  });

  it('reports a week of the per-placement ad export with each channel’s numbers from the raw file', async () => {
    const ws = await store.workspaces.ensure({
      platform: 'local',
      externalId: 'ads',
      name: 'Ads',
      timezone: 'Asia/Shanghai',
      locale: 'en',
    });
    await importObservationFile(store, ws.id, join(DATASETS, 'online_advertising_performance_data.csv'), {
      mapping: loadMapping(join(MAPPINGS, 'online-advertising.mapping.json')),
      actor: 'test',
    });
    // Wednesday 3 June 2020 in Shanghai: the digest's week is 2020-W22 (25–31 May), the week before 18–24 May.
    const now = new Date('2020-06-03T04:00:00Z');
    const data = await loadDigestData(store, ws, now);
    expect([data.week.label, data.week.from, data.week.to, data.previous.from]).toEqual([
      '2020-W22',
      '2020-05-25',
      '2020-05-31',
      '2020-05-18',
    ]);

    // The test's own sums per placement and week.
    type Sums = { cost: number; conversions: number; sales: number };
    const sums = new Map<string, Sums>();
    for (const r of csv('online_advertising_performance_data.csv')) {
      const day = `2020-${MONTHS[r.month as string]}-${String(r.day).padStart(2, '0')}`;
      const week = day >= '2020-05-25' && day <= '2020-05-31' ? 'W22' : day >= '2020-05-18' && day <= '2020-05-24' ? 'W21' : undefined;
      if (!week) continue;
      const key = `${r.placement === '#N/A' ? 'unknown' : r.placement}|${week}`;
      const s = sums.get(key) ?? { cost: 0, conversions: 0, sales: 0 };
      s.cost += Number(r.cost);
      s.conversions += Number(r.post_click_conversions);
      s.sales += Number(r.post_click_sales_amount);
      sums.set(key, s);
    }
    const of = (placement: string, week: string) => sums.get(`${placement}|${week}`) as Sums;
    const placements = [...new Set([...sums.keys()].filter((k) => k.endsWith('|W22')).map((k) => k.split('|')[0] as string))];
    const roi = (s: Sums) => (s.sales - s.cost) / s.cost;
    expect(data.channels.map((c) => c.segment).sort()).toEqual(placements.sort());
    for (const c of data.channels) {
      const now22 = of(c.segment, 'W22');
      expect(c.spend).toBeCloseTo(now22.cost, 6);
      expect(c.newUsers).toBeCloseTo(now22.conversions, 6);
      expect(c.revenue).toBeCloseTo(now22.sales, 6);
      // A zero denominator is n/a, never Infinity.
      if (now22.conversions === 0) expect(c.cac).toBeNull();
      else expect(c.cac).toBeCloseTo(now22.cost / now22.conversions, 9);
      expect(c.roi).toBeCloseTo(roi(now22), 9);
      expect(c.roiPrevious).toBeCloseTo(roi(of(c.segment, 'W21')), 9);
    }
    // Best first, and the total from the sums of every placement, not from the rows' ratios.
    const ordered = [...placements].sort((a, b) => roi(of(b, 'W22')) - roi(of(a, 'W22')));
    expect(data.channels.map((c) => c.segment)).toEqual(ordered);
    const all = (week: string) =>
      placements.reduce(
        (t, p) => {
          const s = of(p, week) ?? { cost: 0, conversions: 0, sales: 0 };
          return { cost: t.cost + s.cost, conversions: t.conversions + s.conversions, sales: t.sales + s.sales };
        },
        { cost: 0, conversions: 0, sales: 0 },
      );
    const total = all('W22');
    expect(data.channelTotal?.roi).toBeCloseTo(roi(total), 9);
    const headlineRoi = data.headline.find((l) => l.key === 'roi');
    expect(headlineRoi?.current).toBeCloseTo(roi(total), 9);
    expect(headlineRoi?.previous).toBeCloseTo(roi(all('W21')), 9);

    // What a reader sees: the table's total row in the workspace's formats.
    const view = buildDigest(data, now, 'en');
    const table = view.elements.find((e): e is Extract<ViewElement, { type: 'table' }> => e.type === 'table');
    expect(table?.total?.slice(0, 6)).toEqual([
      'Paid channels',
      formatValue(total.cost, 'currency', 'en'),
      formatValue(total.conversions, 'count', 'en'),
      formatValue(total.cost / total.conversions, 'currency', 'en'),
      formatValue(total.sales, 'currency', 'en'),
      formatValue(roi(total), 'percent', 'en'),
    ]);
    // Five weeks of data before the digest's week plus it: the ROI chart has a line per placement with at least
    // 5% of the week's spend, and the paid total; the smaller ones (the #N/A rows) are named, not on the axis.
    const big = placements.filter((p) => of(p, 'W22').cost / total.cost >= 0.05);
    const small = placements.filter((p) => !big.includes(p));
    expect(small.length).toBeGreaterThan(0);
    expect(data.smallChannels.sort()).toEqual(small.sort());
    const chart = digestCharts(data, 'en').find((c) => c.key === 'channel-roi');
    expect(chart?.seriesOrder).toHaveLength(big.length + 1);
    expect(chart?.subtitle).toContain('not shown (under 5.0% of paid spend)');
    // Movers are among the big placements only, in points.
    const moverText = view.elements
      .flatMap((e) => (e.type === 'text' ? [e.text] : []))
      .find((t) => t.includes('mover') || t.includes('Largest'));
    for (const p of small) expect(moverText ?? '').not.toMatch(new RegExp(`(mover|fall|rise)[^\\n]*: ${p} ROI`));
    expect(chart?.xOrder).toEqual(['W15', 'W16', 'W17', 'W18', 'W19', 'W20', 'W21', 'W22']);
  });

  it('reports a week of the weekly marketing-mix export: blended ROI, and the same week a year earlier', async () => {
    const ws = await store.workspaces.ensure({
      platform: 'local',
      externalId: 'mmm',
      name: 'MMM',
      timezone: 'Asia/Shanghai',
      locale: 'zh-CN',
    });
    await importObservationFile(store, ws.id, join(DATASETS, 'robyn_dt_simulated_weekly.csv'), {
      mapping: loadMapping(join(MAPPINGS, 'robyn-weekly.mapping.json')),
      actor: 'test',
    });
    // Wednesday 20 Nov 2019: the week is 2019-W46 (the row of Monday 11 Nov); the week before is 4 Nov; a year earlier 2018-W46 (12 Nov 2018).
    const now = new Date('2019-11-20T04:00:00Z');
    const data = await loadDigestData(store, ws, now);
    const rows = new Map(csv('robyn_dt_simulated_weekly.csv').map((r) => [r.DATE as string, r]));
    const spend = (d: string) => ['tv_S', 'ooh_S', 'print_S', 'facebook_S', 'search_S'].reduce((s, c) => s + Number(rows.get(d)?.[c]), 0);
    const revenue = (d: string) => Number(rows.get(d)?.revenue);
    const roi = (d: string) => (revenue(d) - spend(d)) / spend(d);
    expect(data.yearAgo?.label).toBe('2018-W46');
    const line = (key: string) => data.headline.find((l) => l.key === key);
    expect(line('spend')?.current).toBeCloseTo(spend('2019-11-11'), 6);
    expect(line('revenue')?.current).toBeCloseTo(revenue('2019-11-11'), 6);
    // Revenue is the product's, not a channel's: paid ROI has no paid revenue (n/a); the blended ROI is the file's.
    expect(line('roi')?.current).toBeNull();
    expect(data.blended?.roi).toBeCloseTo(roi('2019-11-11'), 9);
    // Revenue is not attributed to channels: their ROI is n/a, and so is the paid total's; the chart has no line.
    expect(data.channels.every((c) => c.roi === null)).toBe(true);
    expect(data.roiSeries).toEqual([]);
    const view = buildDigest(data, now, 'zh-CN');
    expect(view.elements[1]).toMatchObject({ type: 'context', text: expect.stringContaining('和去年同周 2018-W46') });
  });
});
