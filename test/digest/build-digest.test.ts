// The digest's numbers, computed by hand from the fixture rows; sections left out when empty; data
// that stopped arriving; and the week boundary in another timezone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDigest, changeMark } from '../../src/core/digest/build-digest.ts';
import { digestCharts } from '../../src/core/digest/digest-charts.ts';
import { lastCompleteWeek, loadDigestData } from '../../src/core/digest/load-digest-data.ts';
import type { Store } from '../../src/core/ports/store.ts';
import { startOfDayInZone } from '../../src/core/time/zoned-today.ts';
import { bold } from '../../src/core/views/rich-text.ts';
import type { View, ViewElement } from '../../src/core/views/view.ts';
import { toBlockKit } from '../../src/platforms/slack/block-kit.renderer.ts';
import { migratedStore } from '../helpers/migrated-store.ts';
import { sqliteTestDatabase, type TestDatabase } from '../helpers/test-databases.ts';
import { daily, twoWeekRows, workspaceWith } from './digest-fixture.ts';

// Wednesday 25 Nov 2026, 14:00 in Shanghai: the last complete ISO week is 2026-W47 (Nov 16–22).
const NOW = new Date('2026-11-25T06:00:00Z');

const field = (view: View, label: string) =>
  view.elements.flatMap((e) => (e.type === 'fields' ? e.fields : [])).find((f) => f.label === label)?.value;
const texts = (view: View) => view.elements.flatMap((e) => ('text' in e ? [e.text] : []));
const table = (view: View, firstColumn: string) =>
  view.elements.find((e): e is Extract<ViewElement, { type: 'table' }> => e.type === 'table' && e.columns[0]?.label === firstColumn);

describe('the weekly digest', () => {
  const database: TestDatabase = sqliteTestDatabase();
  let store: Store;
  beforeAll(async () => {
    store = await migratedStore(database);
  });
  afterAll(async () => {
    await store.close();
    await database.drop();
  });

  it('reports last week against the week before, with numbers from weekly sums', async () => {
    const ws = await workspaceWith(store, 'T-HAND', twoWeekRows(), {
      settings: { targets: { cac: { op: '<=', value: 40 }, retention_d1: { op: '>=', value: 0.45 } } },
    });
    const asked: [Date, Date][] = [];
    const data = await loadDigestData(store, ws, NOW, {
      sources: {
        alertsOfWeek: async (_ws, from, to) => {
          asked.push([from, to]);
          return [
            {
              ruleName: 'ROI falls 3 days',
              metricKey: 'roi',
              segment: 'douyin',
              severity: 'warning',
              state: 'acknowledged',
              firedAt: new Date('2026-11-19T02:00:00Z'),
              ownerUserIds: ['U0MKT'],
              ownerMemberIds: ['m-mkt'],
            },
            {
              ruleName: 'CAC target',
              metricKey: 'cac',
              segment: '',
              severity: 'warning',
              state: 'snoozed',
              firedAt: new Date('2026-11-20T02:00:00Z'),
              ownerUserIds: [],
              ownerMemberIds: [],
            },
            // Opened on the Tuesday after the week (in Shanghai): not an alert of this week.
            {
              ruleName: 'D1 low',
              metricKey: 'retention_d1',
              segment: '',
              severity: 'critical',
              state: 'firing',
              firedAt: new Date('2026-11-23T02:00:00Z'),
              ownerUserIds: [],
              ownerMemberIds: [],
            },
          ];
        },
        agenda: async () => [{ metricKey: 'ltv_cac', segment: '', value: 1.4, threshold: 1.5, note: 'Joint marketing–operations meeting' }],
      },
    });
    expect([data.week.label, data.previous.label, data.yearAgo]).toEqual(['2026-W47', '2026-W46', undefined]);
    // Alerts of the week: from Monday 00:00 to the next Monday 00:00 in Shanghai (UTC+8).
    expect(asked).toEqual([[new Date('2026-11-15T16:00:00Z'), new Date('2026-11-22T16:00:00Z')]]);

    // Spend 7 × (1000 + 500) = 10,500 both weeks. Revenue W47 = 7 × (1300 + 800) = 14,700; W46 = 7 × (1400 + 600) = 14,000.
    // ROI W47 = (14,700 − 10,500) / 10,500 = 0.4; W46 = 3,500 / 10,500 = 1/3; change (0.4 − 1/3) / (1/3) = +20%.
    // New users W47 = 7 × 30 = 210, W46 = 7 × 35 = 245; CAC = 10,500 / 210 = 50 (W46: 42.857…, +16.7%, bad for CAC).
    const line = (key: string) => data.headline.find((l) => l.key === key);
    expect(line('spend')).toMatchObject({ current: 10_500, previous: 10_500 });
    expect(line('roi')?.current).toBeCloseTo(0.4, 12);
    // A percentage moves in percentage points: 40.0% − 33.3% = +6.7pp (never "+20%" of itself).
    expect(line('roi')?.change).toEqual({ kind: 'absolute', value: expect.closeTo(0.4 - 1 / 3, 12) });
    expect(line('cac')?.current).toBe(50);
    expect(line('cac')?.previous).toBeCloseTo(10_500 / 245, 12);

    const view = buildDigest(data, NOW, 'en');
    expect(view.elements[0]).toEqual({ type: 'header', text: 'Weekly growth digest · 2026-W47' });
    expect(field(view, 'Spend')).toBe(`${bold('CN¥10,500')} · WoW ±0.0% · last week CN¥10,500`);
    expect(field(view, 'ROI')).toBe(`${bold('40.0%')} · WoW +6.7pp ▲🟢 · last week 33.3%`);
    expect(field(view, 'CAC')).toBe(`${bold('CN¥50.00')} · WoW +16.7% ▲🔴 · last week CN¥42.86`);
    expect(field(view, 'New users')).toBe(`${bold('210')} · WoW −14.3% ▼🔴 · last week 245`);

    // Channels, best ROI first: 小红书 (2,100 / 3,500 = 60%, from 700 / 3,500 = 20%), 抖音 (2,100 / 7,000 = 30%, from 40%).
    expect(table(view, 'Channel')?.rows).toEqual([
      ['Xiaohongshu', 'CN¥3,500', '70', 'CN¥50.00', 'CN¥5,600', '60.0%', '+40.0pp ▲🟢'],
      ['Douyin', 'CN¥7,000', '140', 'CN¥50.00', 'CN¥9,100', '30.0%', '−10.0pp ▼🔴'],
    ]);
    expect(table(view, 'Channel')?.total).toEqual(['Paid channels', 'CN¥10,500', '210', 'CN¥50.00', 'CN¥14,700', '40.0%', '+6.7pp ▲🟢']);
    expect(texts(view)).toContain(
      '📈 Best mover: Xiaohongshu ROI +40.0pp (20.0% → 60.0%)\n📉 Worst mover: Douyin ROI −10.0pp (40.0% → 30.0%)',
    );

    // Cohorts: D1 W47 = 7 × 15 / 210 = 50%; W46 = 105 / 245 = 42.9%. No D7/D30 data: n/a.
    expect(table(view, 'Cohort week')?.rows.slice(-2)).toEqual([
      ['2026-W46', '245', '42.9%', 'n/a', 'n/a'],
      ['2026-W47', '210', '50.0%', 'n/a', 'n/a'],
    ]);
    // Stickiness = average DAU / MAU = 1000 / 30000.
    expect(field(view, 'Stickiness')).toBe(`${bold('3.3%')} · WoW ±0.0pp · last week 3.3%`);
    expect(texts(view)).toContain(
      'Fired this week 2 · acknowledged 1 · snoozed 1 · resolved 0 · still open 2\n⚠️ ROI falls 3 days · ROI · Douyin · acknowledged · owner \uE000U0MKT\uE001\n⚠️ CAC target · CAC · snoozed · owner none',
    );
    // Agenda: the rule's item, and CAC 50 against ≤ 40 (25% off); D1 50% meets ≥ 45%, so it is not listed.
    expect(texts(view)).toContain(
      '🗓️ Joint marketing–operations meeting: LTV/CAC 1.40x (threshold 1.50x)\n🎯 CAC is far off target: CN¥50.00 against ≤ CN¥40.00 (25.0% off)',
    );
    // The only data note: there is no cohort revenue, so LTV and LTV/CAC are n/a, with what to import.
    expect(texts(view).filter((t) => t.includes('Data notes'))).toEqual([
      `${bold('Data notes')}\nNo cohort revenue (cohort_revenue_d90) yet, so LTV is n/a (never ARPU): import an event log with revenue (growthbeat import-events --revenue …) or send cohort_revenue_d90 by channel and day`,
    ]);
    expect(toBlockKit(view).blocks.length).toBeLessThanOrEqual(50);

    // The charts: ROI per channel and the total over the 8 weeks with data, retention curves of the cohorts.
    const charts = digestCharts(data, 'zh-CN');
    expect(charts.map((c) => c.key)).toEqual(['channel-roi', 'retention']);
    expect(charts[0]?.seriesOrder).toEqual(['小红书', '付费渠道合计', '抖音']);
    expect(charts[0]?.points.filter((p) => p.x === 'W47').map((p) => [p.series, p.y])).toEqual([
      ['抖音', 0.3],
      ['小红书', 0.6],
      ['付费渠道合计', 0.4],
    ]);
  });

  it('leaves out sections without data and says which metric stopped arriving', async () => {
    // Douyin reported daily from 19 Oct until Wednesday 18 Nov, then nothing; no retention, activity or alerts at all.
    const rows = ['spend', 'revenue', 'new_users'].flatMap((m) =>
      daily(m, 'douyin', '2026-10-19', '2026-11-18', m === 'new_users' ? 20 : 1000),
    );
    const ws = await workspaceWith(store, 'T-GAP', rows, { locale: 'zh-CN' });
    const view = buildDigest(await loadDigestData(store, ws, NOW), NOW, 'zh-CN');
    const all = texts(view);
    expect(all).toContain(`${bold('核心指标')}`);
    expect(all).toContain(`${bold('市场 · 渠道')}`);
    expect(all).not.toContain(`${bold('运营 · 留存与活跃')}`);
    expect(all).not.toContain(`${bold('本周预警')}`);
    expect(all).not.toContain(`${bold('会议议程建议')}`);
    const notes = all.find((x) => x.startsWith(bold('数据提醒')));
    expect(notes).toContain(
      `${bold('数据提醒')}\n⚠️ 花费 的数据自 2026-11-18 之后没有再到达\n⚠️ 新增用户 的数据自 2026-11-18 之后没有再到达\n⚠️ 收入 的数据自 2026-11-18 之后没有再到达`,
    );
    // No cohort revenue: LTV and LTV/CAC are n/a and the note says what to import (never ARPU in their place).
    expect(notes).toContain('还没有同期群收入（cohort_revenue_d90），所以 LTV 为 n/a（不会用 ARPU 代替）');
    // Spend counts the three days that arrived: 3 × 1000.
    expect(field(view, '花费')).toBe(`${bold('¥3,000')} · 环比 −57.1% ▼⚪ · 上周 ¥7,000`);

    // A week with nothing at all says so, instead of an empty digest.
    const later = buildDigest(await loadDigestData(store, ws, new Date('2027-03-03T06:00:00Z')), NOW, 'en');
    expect(texts(later)).toContain('There is no data to report for 2027-W08. Import a CSV or log values with /kpi log, then try again.');
  });

  it('closes the week at midnight in the workspace’s own timezone', async () => {
    // Sunday 22 Nov 21:00 in Los Angeles is already Monday 23 Nov 13:00 in Shanghai.
    const instant = new Date('2026-11-23T05:00:00Z');
    expect(lastCompleteWeek(instant, 'America/Los_Angeles').label).toBe('2026-W46');
    expect(lastCompleteWeek(instant, 'Asia/Shanghai').label).toBe('2026-W47');
    // Midnight there, across a daylight-saving change too (New York leaves DST on 1 Nov 2026).
    expect(startOfDayInZone('2026-11-09', 'America/Los_Angeles')).toEqual(new Date('2026-11-09T08:00:00Z'));
    expect(startOfDayInZone('2026-11-01', 'America/New_York')).toEqual(new Date('2026-11-01T04:00:00Z'));
    expect(startOfDayInZone('2026-11-02', 'America/New_York')).toEqual(new Date('2026-11-02T05:00:00Z'));
    const la = await workspaceWith(store, 'T-LA', twoWeekRows(), { timezone: 'America/Los_Angeles' });
    const data = await loadDigestData(store, la, instant);
    expect([data.week.from, data.week.to, data.previous.label]).toEqual(['2026-11-09', '2026-11-15', '2026-W45']);
    // W46 in Los Angeles: spend 10,500, revenue 14,000 (no W45 data: the change is n/a).
    expect(data.headline.find((l) => l.key === 'revenue')).toMatchObject({ current: 14_000, previous: null, change: null });
  });

  it('colours a change by whether its direction is good for the metric', () => {
    expect(changeMark({ kind: 'percent', value: 0.1 }, 'up')).toBe('▲🟢');
    expect(changeMark({ kind: 'percent', value: 0.1 }, 'down')).toBe('▲🔴');
    expect(changeMark({ kind: 'absolute', value: -0.1 }, 'down')).toBe('▼🟢');
    expect(changeMark({ kind: 'percent', value: -0.1 }, 'neutral')).toBe('▼⚪');
    expect(changeMark(null, 'up')).toBe('');
  });
});
