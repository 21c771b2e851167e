// Imports the public datasets in ../shared/datasets and checks the numbers against values this test
// computes itself from the raw files. Skipped when the folder is absent (a user's fresh clone).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cohortMatrix } from '../../src/core/cohorts/cohort-matrix.ts';
import { MetricCatalog } from '../../src/core/metrics/metric-catalog.ts';
import { queryMetric } from '../../src/core/metrics/query-metric.ts';
import type { Store } from '../../src/core/ports/store.ts';
import { customPeriod } from '../../src/core/time/period.ts';
import { importEventFile } from '../../src/ingest/import-events.ts';
import { loadMapping } from '../../src/ingest/import-mapping.ts';
import { importObservationFile } from '../../src/ingest/import-observations.ts';
import { migratedStore } from '../helpers/migrated-store.ts';
import { PROVIDERS, type TestDatabase } from '../helpers/test-databases.ts';

// GROWTHBEAT_DATASETS points a worktree elsewhere at the same folder.
const DATASETS = process.env.GROWTHBEAT_DATASETS ?? join(import.meta.dirname, '../../../shared/datasets');
const MAPPINGS = join(import.meta.dirname, '../fixtures/mappings');
const present = existsSync(join(DATASETS, 'README.md'));
const catalog = new MetricCatalog();
const today = '2026-11-22';

function rawRows(file: string): Record<string, string>[] {
  const buffer = readFileSync(join(DATASETS, file));
  const text = (file.endsWith('.gz') ? gunzipSync(buffer) : buffer).toString('utf8');
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0);
  const split = (l: string) => l.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/).map((f) => f.replace(/^"|"$/g, '').replace(/""/g, '"'));
  const header = split(lines[0] as string);
  return lines.slice(1).map((l) => Object.fromEntries(split(l).map((v, i) => [header[i], v])));
}

const total = async (store: Store, ws: string, metric: string, from: string, to: string, segment?: string) =>
  (
    await queryMetric(
      store.observations,
      ws,
      catalog,
      { metric: catalog.require(metric), period: customPeriod(from, to, today), segments: segment ? [segment] : 'total' },
      today,
    )
  ).total.current.value;

for (const provider of PROVIDERS) {
  describe.skipIf(!present)(`the public marketing datasets on ${provider.kind}`, () => {
    let database: TestDatabase;
    let store: Store;
    let ws: string;
    let skip = false;
    beforeAll(async () => {
      skip = !(await provider.available());
      if (skip) return;
      database = await provider.create();
      store = await migratedStore(database);
      ws = (
        await store.workspaces.ensure({ platform: 'local', externalId: 'local', name: 'Local', timezone: 'Asia/Shanghai', locale: 'en' })
      ).id;
    });
    afterAll(async () => {
      if (skip) return;
      await store.close();
      await database.drop();
    });

    it('imports the per-placement ad export (month names, no year, #N/A placements, rows to sum) and gets ROI per channel right', async (ctx) => {
      if (skip) return ctx.skip();
      const mapping = loadMapping(join(MAPPINGS, 'online-advertising.mapping.json'));
      const path = join(DATASETS, 'online_advertising_performance_data.csv');
      const first = await importObservationFile(store, ws, path, { mapping, actor: 'test' });

      // The test's own arithmetic from the raw file.
      const rows = rawRows('online_advertising_performance_data.csv');
      const sums = new Map<string, { cost: number; sales: number }>();
      const pairs = new Set<string>();
      for (const r of rows) {
        const placement = r.placement === '#N/A' ? 'unknown' : (r.placement as string);
        const s = sums.get(placement) ?? { cost: 0, sales: 0 };
        s.cost += Number(r.cost);
        s.sales += Number(r.post_click_sales_amount);
        sums.set(placement, s);
        pairs.add(`${placement}|${r.month}|${r.day}`);
      }
      expect(first).toMatchObject({
        records: rows.length,
        observations: pairs.size * 5,
        inserted: pairs.size * 5,
        updated: 0,
        unchanged: 0,
      });
      expect(first.segments).toEqual([...sums.keys()].sort());
      for (const [placement, s] of sums) {
        expect(await total(store, ws, 'roi', '2020-04-01', '2020-06-30', placement)).toBeCloseTo((s.sales - s.cost) / s.cost, 9);
      }
      const all = [...sums.values()].reduce((a, s) => ({ cost: a.cost + s.cost, sales: a.sales + s.sales }), { cost: 0, sales: 0 });
      expect(await total(store, ws, 'roi', '2020-04-01', '2020-06-30')).toBeCloseTo((all.sales - all.cost) / all.cost, 9);
      expect(await total(store, ws, 'spend', '2020-04-01', '2020-06-30')).toBeCloseTo(all.cost, 6);

      const again = await importObservationFile(store, ws, path, { mapping, actor: 'test' });
      expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: pairs.size * 5 });
    });

    it('imports the wide weekly marketing-mix export and gets the blended ROI right', async (ctx) => {
      if (skip) return ctx.skip();
      const mapping = loadMapping(join(MAPPINGS, 'robyn-weekly.mapping.json'));
      const path = join(DATASETS, 'robyn_dt_simulated_weekly.csv');
      // The simulation's impressions and clicks are fractional: counts are whole numbers, so the file is refused
      // with line and column unless those columns are left out (as the fixture mapping does).
      const counts = { ...mapping, columns: { ...mapping.columns, facebook_I: { metric: 'impressions', segment: 'facebook' } } };
      await expect(importObservationFile(store, ws, path, { mapping: counts, actor: 'test' })).rejects.toThrow(
        /line 2: column "facebook_I": impressions is a count: a whole number, never negative \("24301284.2375304"\)/,
      );
      const first = await importObservationFile(store, ws, path, { mapping, actor: 'test' });
      const rows = rawRows('robyn_dt_simulated_weekly.csv');
      const spend = rows.reduce(
        (s, r) => s + ['tv_S', 'ooh_S', 'print_S', 'facebook_S', 'search_S'].reduce((a, c) => a + Number(r[c]), 0),
        0,
      );
      const revenue = rows.reduce((s, r) => s + Number(r.revenue), 0);
      expect(first).toMatchObject({ records: 208, observations: 208 * 6, inserted: 208 * 6 });
      expect(await total(store, ws, 'spend', '2015-11-23', '2019-11-11')).toBeCloseTo(spend, 4);
      // Revenue is the product's total, not attributed to a channel: blended ROI only; paid ROI needs paid channels' revenue.
      expect(await total(store, ws, 'roi_blended', '2015-11-23', '2019-11-11')).toBeCloseTo((revenue - spend) / spend, 9);
      expect(await total(store, ws, 'roi', '2015-11-23', '2019-11-11')).toBeNull();
      expect(await total(store, ws, 'spend', '2015-11-23', '2019-11-11', 'tv')).toBeCloseTo(
        rows.reduce((s, r) => s + Number(r.tv_S), 0),
        4,
      );
      expect((await importObservationFile(store, ws, path, { mapping, actor: 'test' })).unchanged).toBe(208 * 6);
    });
  });
}

describe.skipIf(!present)('the retail transaction log as activity events', () => {
  let database: TestDatabase;
  let store: Store;
  beforeAll(async () => {
    database = await (PROVIDERS[0] as (typeof PROVIDERS)[number]).create();
    store = await migratedStore(database);
  });
  afterAll(async () => {
    await store.close();
    await database.drop();
  });

  it('streams 541,909 events into monthly cohorts that match the raw file, and re-imports as unchanged', async () => {
    const ws = await store.workspaces.ensure({
      platform: 'local',
      externalId: 'retail',
      name: 'Retail',
      timezone: 'Europe/London',
      locale: 'en',
    });
    const path = join(DATASETS, 'online_retail_uci_2010_2011.csv.gz');
    const columns = { user: 'CustomerID', time: 'InvoiceDate', segment: 'Country', revenue: 'Quantity * UnitPrice' };
    const first = await importEventFile(store, ws, path, columns, { actor: 'test' });

    const rows = rawRows('online_retail_uci_2010_2011.csv.gz');
    const firstMonth = new Map<string, string>();
    const months = new Map<string, Set<string>>();
    const revenue = new Map<string, number>();
    let anonymous = 0;
    for (const r of rows) {
      if (!r.CustomerID) {
        anonymous++;
        continue;
      }
      const user = (r.CustomerID as string).replace(/\.0$/, '');
      const month = (r.InvoiceDate as string).slice(0, 7);
      if (!firstMonth.has(user) || month < (firstMonth.get(user) as string)) firstMonth.set(user, month);
      months.set(user, (months.get(user) ?? new Set()).add(month));
      revenue.set(user, (revenue.get(user) ?? 0) + Number(r.Quantity) * Number(r.UnitPrice));
    }
    expect(first).toMatchObject({ records: 541_909, withoutUser: anonymous, users: firstMonth.size });
    expect(anonymous).toBe(135_080);

    const matrix = cohortMatrix(await store.activity.scan(ws.id), 'month', '2011-12-09');
    const december = [...firstMonth].filter(([, m]) => m === '2010-12').map(([u]) => u);
    const backInJanuary = december.filter((u) => months.get(u)?.has('2011-01')).length;
    const dec = matrix.cohorts[0];
    expect(dec?.cohort).toBe('2010-12');
    expect(dec?.size).toBe(december.length);
    expect(dec?.active[1]).toBe(backInJanuary);
    expect(dec?.shares[1]).toBeCloseTo(backInJanuary / december.length, 12);
    expect(matrix.cohorts.reduce((s, c) => s + c.size, 0)).toBe(firstMonth.size);
    const decRevenue = december.reduce((s, u) => s + (revenue.get(u) as number), 0);
    // Stored per user-day rounded to cents: the cohort total agrees to within a cent per user-day.
    expect(Math.abs((dec?.revenuePerUser.at(-1) as number) * (dec?.size as number) - decRevenue)).toBeLessThan(first.userDays * 0.01);

    // Cohort LTV from the log itself: the test's own cohort revenue within 30 days (acquisition day = day 0),
    // from per-user-day revenue rounded to cents as stored, over cohorts at least 30 days old on 2011-12-09.
    const userDay = new Map<string, number>();
    for (const r of rows) {
      if (!r.CustomerID) continue;
      const k = `${(r.CustomerID as string).replace(/\.0$/, '')}|${(r.InvoiceDate as string).slice(0, 10)}`;
      userDay.set(k, (userDay.get(k) ?? 0) + Number(r.Quantity) * Number(r.UnitPrice));
    }
    const byUser = new Map<string, [string, number][]>();
    for (const [k, v] of userDay) {
      const [u, d] = k.split('|') as [string, string];
      byUser.set(u, [...(byUser.get(u) ?? []), [d, v]]);
    }
    // A user's country is the one on their first day's first row, as the import reads it.
    const country = new Map<string, string>();
    for (const r of rows) {
      const k = `${(r.CustomerID as string).replace(/\.0$/, '')}|${(r.InvoiceDate as string).slice(0, 10)}`;
      if (r.CustomerID && !country.has(k)) country.set(k, r.Country as string);
    }
    const dayNumber = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;
    const last = dayNumber('2011-12-09');
    let [cohortRevenue, cohortUsers, uk, ukUsers] = [0, 0, 0, 0];
    for (const [u, list] of byUser) {
      const f = list.reduce((m, [d]) => (d < m ? d : m), list[0]?.[0] as string);
      if (dayNumber(f) + 30 > last) continue;
      const isUk = country.get(`${u}|${f}`) === 'United Kingdom';
      cohortUsers++;
      if (isUk) ukUsers++;
      for (const [d, v] of list) {
        if (dayNumber(d) - dayNumber(f) >= 30) continue;
        cohortRevenue += Math.round(v * 100) / 100;
        if (isUk) uk += Math.round(v * 100) / 100;
      }
    }
    const retailCatalog = new MetricCatalog();
    const ltv = async (key: string, segment?: string) =>
      (
        await queryMetric(
          store.observations,
          ws.id,
          retailCatalog,
          {
            metric: retailCatalog.require(key),
            period: customPeriod('2010-12-01', '2011-12-09', '2011-12-10'),
            segments: segment ? [segment] : 'total',
          },
          '2011-12-10',
        )
      ).total.current;
    expect(first.cohortSeries?.inserted).toBeGreaterThan(0);
    const ltv30 = await ltv('ltv_d30');
    expect(ltv30.value).toBeCloseTo(cohortRevenue / cohortUsers, 6);
    expect(ltv30.to).toBe('2011-11-09');
    expect((await ltv('ltv_d30', 'united_kingdom')).value).toBeCloseTo(uk / ukUsers, 6);
    // LTV is not ARPU: revenue per new user of the same period is another number (here ARPU has no revenue series at all).
    expect((await ltv('arpu')).value).toBeNull();

    const again = await importEventFile(store, ws, path, columns, { actor: 'test' });
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: first.userDays });
    expect(again.cohortSeries).toMatchObject({ inserted: 0, updated: 0, unchanged: first.cohortSeries?.observations });
  }, 180_000);
});
