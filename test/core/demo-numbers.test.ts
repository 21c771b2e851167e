// The demo quarter read the way a manager reads it: /roi, /kpi show ltv_cac, the digest and the playbook's
// LTV/CAC rule give the same numbers, and those are the test's own sums over the generated rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAlertDigestSources } from '../../src/core/alerts/alert-digest-sources.ts';
import { registerAlerts } from '../../src/core/alerts/register-alerts.ts';
import type { CommandContext } from '../../src/core/commands/command-context.ts';
import { runCommand } from '../../src/core/commands/run-command.ts';
import { DEMO_CHANNELS, demoQuarter } from '../../src/core/demo/demo-quarter.ts';
import { loadDemo } from '../../src/core/demo/load-demo.ts';
import { loadDigestData } from '../../src/core/digest/load-digest-data.ts';
import { formatValue } from '../../src/core/format/format-value.ts';
import type { Store } from '../../src/core/ports/store.ts';
import type { Workspace } from '../../src/core/ports/workspace.ts';
import { bold } from '../../src/core/views/rich-text.ts';
import type { View, ViewElement } from '../../src/core/views/view.ts';
import { migratedStore } from '../helpers/migrated-store.ts';
import { sqliteTestDatabase } from '../helpers/test-databases.ts';

// Wired as the composition root wires it: evaluation after writes.
registerAlerts();

const database = sqliteTestDatabase();
let store: Store;
let ws: Workspace;
let ctx: CommandContext;
const now = new Date('2026-11-25T02:00:00Z'); // 10:00 in Shanghai
const today = '2026-11-25';
const rows = demoQuarter(today).rows;
const paid = new Set<string>(DEMO_CHANNELS.filter((c) => c.key !== 'organic').map((c) => c.key));

/** The test's own sum of a metric over days [from, to], for the channels `keep` accepts. */
function sum(metric: string, from: string, to: string, keep: (segment: string) => boolean = () => true): number {
  return rows.filter((r) => r.metric === metric && r.day >= from && r.day <= to && keep(r.segment)).reduce((s, r) => s + r.value, 0);
}
const isPaid = (s: string) => paid.has(s);
const fields = (v: View) => v.elements.flatMap((e) => (e.type === 'fields' ? e.fields : []));
const table = (v: View) => v.elements.find((e): e is Extract<ViewElement, { type: 'table' }> => e.type === 'table');

beforeAll(async () => {
  store = await migratedStore(database);
  ws = await store.workspaces.ensure({ platform: 'slack', externalId: 'T-DEMO', name: 'Demo', timezone: 'Asia/Shanghai', locale: 'en' });
  const admin = await store.members.ensure(ws.id, 'U_ADMIN', { role: 'admin' });
  ctx = { store, workspace: ws, member: admin, now, channel: 'C_GROWTH' };
  await runCommand(ctx, '/alerts', 'playbook on');
  ws = (await store.workspaces.get(ws.id)) as Workspace;
  ctx = { ...ctx, workspace: ws };
  await loadDemo(store, ws, now, { actor: 'test' }); // the ingest evaluates the playbook at once
});
afterAll(async () => {
  await store.close();
  await database.drop();
});

describe('the demo quarter, read as a manager reads it', () => {
  // Last week (the digest's week and /roi last-week): Monday 16 to Sunday 22 November.
  const [from, to] = ['2026-11-16', '2026-11-22'];

  it('/roi and the digest give paid CAC and ROI from the paid channels’ sums; organic users no longer lower CAC', async () => {
    const spend = sum('spend', from, to);
    const paidUsers = sum('new_users', from, to, isPaid);
    const allUsers = sum('new_users', from, to);
    const paidRevenue = sum('revenue', from, to, isPaid);
    const allRevenue = sum('revenue', from, to);
    const [cac, roi] = [spend / paidUsers, (paidRevenue - spend) / spend];
    const [cacBlended, roiBlended] = [spend / allUsers, (allRevenue - spend) / spend];
    expect(cacBlended).toBeLessThan(cac); // what the blended total used to call CAC

    const view = await runCommand(ctx, '/roi', 'last-week');
    expect(table(view)?.total?.slice(0, 5)).toEqual([
      'Paid channels',
      formatValue(spend, 'currency', 'en'),
      formatValue(paidRevenue, 'currency', 'en'),
      formatValue(roi, 'percent', 'en'),
      formatValue(cac, 'currency', 'en'),
    ]);
    expect(JSON.stringify(view)).toContain(
      `blended ROI ${formatValue(roiBlended, 'percent', 'en')} · blended CAC ${formatValue(cacBlended, 'currency', 'en')}`,
    );
    // 自然流量 is organic: its ROI and CAC are n/a, not ¥0.00.
    expect(
      table(view)
        ?.rows.find((r) => r[0]?.startsWith('Organic'))
        ?.slice(3, 5),
    ).toEqual(['n/a', 'n/a']);

    const data = await loadDigestData(store, ws, now, { sources: createAlertDigestSources(store) });
    expect(data.channelTotal?.cac).toBeCloseTo(cac, 9);
    expect(data.channelTotal?.roi).toBeCloseTo(roi, 9);
    expect(data.headline.find((l) => l.key === 'cac')?.current).toBeCloseTo(cac, 9);
    expect(data.blended?.cac).toBeCloseTo(cacBlended, 9);

    // A thousand more organic users on Wednesday change blended CAC, never paid CAC.
    await runCommand(ctx, '/kpi', 'log new_users 1000 organic 2026-11-18');
    const again = await runCommand(ctx, '/roi', 'last-week');
    expect(table(again)?.total?.[4]).toBe(formatValue(cac, 'currency', 'en'));
    expect(JSON.stringify(again)).toContain(
      `blended CAC ${formatValue(spend / (allUsers - sum('new_users', '2026-11-18', '2026-11-18', (s) => s === 'organic') + 1000), 'currency', 'en')}`,
    );
  });

  it('/kpi show ltv_cac, the digest and the playbook agree on LTV/CAC over the latest 90-day-old cohorts, and it is not ROAS', async () => {
    // Yesterday is 24 Nov; cohorts at least 90 days old end on 26 Aug; the latest 30 start on 28 Jul.
    const [c0, c1] = ['2026-07-28', '2026-08-26'];
    const ltvCac = sum('cohort_revenue_d90', c0, c1, isPaid) / sum('spend', c0, c1);
    const roas = sum('revenue', c0, c1, isPaid) / sum('spend', c0, c1);
    expect(Math.abs(ltvCac - roas)).toBeGreaterThan(0.05);

    const shown = await runCommand(ctx, '/kpi', 'show ltv_cac');
    expect(fields(shown)[0]?.value).toBe(bold(formatValue(ltvCac, 'ratio', 'en')));
    expect(JSON.stringify(shown)).toContain('2026-07-28');

    const data = await loadDigestData(store, ws, now);
    const line = data.headline.find((l) => l.key === 'ltv_cac');
    expect(line?.current).toBeCloseTo(ltvCac, 9);
    expect(line?.window).toEqual({ from: c0, to: c1 });
    expect(data.business.find((l) => l.key === 'roas')?.current).not.toBeCloseTo(line?.current as number, 2);

    // The playbook's rule (below 1.5 → the joint meeting) judged the same number.
    const rules = new Map((await store.alerts.listRules(ws.id)).map((r) => [r.id, r]));
    const open = (await store.alerts.listOpen(ws.id)).find((a) => rules.get(a.ruleId)?.playbookKey === 'ltv-cac-low');
    expect(ltvCac).toBeLessThan(1.5);
    expect(open?.value).toBeCloseTo(ltvCac, 9);
    expect(open?.detail.valueDay).toBe(c1);
  });
});
