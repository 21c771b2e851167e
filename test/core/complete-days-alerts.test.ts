// Alerts judge complete days only, and their text never says a value breaks a rule it no longer breaks:
// through /kpi log on a real SQLite store, and the pure alert view.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onFinding } from '../../src/core/alerts/alert-lifecycle.ts';
import { alertView } from '../../src/core/alerts/alert-view.ts';
import { registerAlerts } from '../../src/core/alerts/register-alerts.ts';
import type { CommandContext } from '../../src/core/commands/command-context.ts';
import { runCommand } from '../../src/core/commands/run-command.ts';
import { MetricCatalog } from '../../src/core/metrics/metric-catalog.ts';
import type { Alert, AlertRule } from '../../src/core/ports/alerts.ts';
import type { Store } from '../../src/core/ports/store.ts';
import type { Workspace } from '../../src/core/ports/workspace.ts';
import { addDays } from '../../src/core/time/day-math.ts';
import { bold } from '../../src/core/views/rich-text.ts';
import { newRule } from '../helpers/alert-rules.ts';
import { migratedStore } from '../helpers/migrated-store.ts';
import { sqliteTestDatabase } from '../helpers/test-databases.ts';

// Wired as the composition root wires it: evaluation after writes.
registerAlerts();

const database = sqliteTestDatabase();
let store: Store;
const now = new Date('2026-11-23T02:00:00Z'); // 10:00 in Shanghai: the evaluated day is 2026-11-22
const day = '2026-11-22';
const text = (v: unknown) => JSON.stringify(v);

beforeAll(async () => {
  store = await migratedStore(database);
});
afterAll(async () => {
  await store.close();
  await database.drop();
});

describe('a day logged one metric at a time', () => {
  it('opens no alert until the day has every input, then judges it whole', async () => {
    const ws = await store.workspaces.ensure({
      platform: 'slack',
      externalId: 'T-half',
      name: 'Half',
      timezone: 'Asia/Shanghai',
      locale: 'en',
    });
    await store.workspaces.update(ws.id, { settings: { alerts: { enabled: true, channel: 'C_ALERTS' } } });
    const admin = await store.members.ensure(ws.id, 'U_ADMIN', { role: 'admin' });
    await store.segments.ensure(ws.id, [{ key: 'douyin', name: '抖音' }]);
    await store.alerts.createRule(
      newRule({
        workspaceId: ws.id,
        name: 'ROI below zero',
        metric: 'roi',
        params: { type: 'threshold', op: 'below', value: 0, window: { kind: 'rolling', days: 7 } },
        recoveryEvaluations: 2,
      }),
    );
    // Six complete days before: spend 1,000 and revenue 1,100 a day, ROI +10%.
    const before = [1, 2, 3, 4, 5, 6].flatMap((i) => [
      { metric: 'spend', segment: 'douyin', day: addDays(day, -i), value: 1000 },
      { metric: 'revenue', segment: 'douyin', day: addDays(day, -i), value: 1100 },
    ]);
    await store.observations.upsert(ws.id, before, { source: 'test', actor: 'test' });
    const ctx: CommandContext = { store, workspace: (await store.workspaces.get(ws.id)) as Workspace, member: admin, now, channel: 'C1' };

    // Spend first. Counting the day's spend without its revenue would read (6,600 − 7,000) / 7,000 = −5.7%.
    expect(text(await runCommand(ctx, '/kpi', `log spend 1000 douyin ${day}`))).toContain('Recorded');
    expect(await store.alerts.listOpen(ws.id)).toEqual([]);
    const roi = await runCommand(ctx, '/kpi', `show roi douyin ${addDays(day, -6)}..${day}`);
    // The day is left out and said so: ROI stays (6,600 − 6,000) / 6,000 = +10.0%.
    expect(text(roi)).toContain(bold('10.0%'));
    expect(text(roi)).toContain('1 day without Revenue left out');

    // Then revenue: the day is complete, (6,600 + 200 − 7,000) / 7,000 = −2.9% over 7 days, and the rule fires.
    await runCommand(ctx, '/kpi', `log revenue 200 douyin ${day}`);
    const open = await store.alerts.listOpen(ws.id);
    expect(open).toHaveLength(1);
    expect(open[0]?.value).toBeCloseTo((6600 + 200 - 7000) / 7000, 12);
  });
});

describe('the alert message while a rule recovers', () => {
  const catalog = new MetricCatalog();
  const rule: AlertRule = {
    id: 'r1',
    workspaceId: 'w',
    name: 'LTV/CAC low',
    metric: 'ltv_cac',
    scope: 'total',
    params: { type: 'threshold', op: 'below', value: 1.5, window: { kind: 'rolling', days: 30 } },
    severity: 'critical',
    owners: [],
    segmentOwners: {},
    repeatMinutes: 1440,
    escalateTo: [],
    recoveryEvaluations: 2,
    enabled: true,
  };
  const ctx = {
    locale: 'en' as const,
    timezone: 'Asia/Shanghai',
    currency: 'CNY',
    rule,
    metric: catalog.get('ltv_cac'),
    segmentName: '',
    owners: [],
  };
  const finding = (value: number, status: 'failing' | 'ok') => ({
    metric: 'ltv_cac',
    subject: '',
    status,
    value,
    threshold: 1.5,
    trend: [{ day, value }],
    valueDay: day,
  });

  it('says "below" only while the value is below, and "no longer … recovering 1 of 2" once it is back', () => {
    const fired = onFinding(undefined, finding(1.2, 'failing'), rule, now, day, 'a1');
    if (fired.kind !== 'fire') throw new Error('expected the rule to fire');
    expect(text(alertView(fired.alert, ctx))).toContain(`was ${bold('1.20x')} on 2026-11-22: below 1.50x (last 30 days)`);

    const later = new Date(now.getTime() + 86_400_000);
    const back = onFinding(fired.alert, finding(1.7, 'ok'), rule, later, addDays(day, 1), 'x');
    if (back.kind !== 'change') throw new Error('expected a change');
    const view = text(alertView(back.alert, ctx));
    expect(view).toContain(`was ${bold('1.70x')} on 2026-11-22: no longer below 1.50x (last 30 days) · recovering 1 of 2 days.`);
    expect(view).not.toContain(`${bold('1.70x')} on 2026-11-22: below`);
    expect(alertView(back.alert, ctx).fallback).toContain('1.70x — no longer below 1.50x');
  });

  it('gives a relative rule’s steps in percent and, for a percentage, in points too', () => {
    const slide: AlertRule = {
      ...rule,
      metric: 'roi',
      params: { type: 'consecutive', direction: 'fall', days: 2, by: 0.1, unit: 'percent' },
    };
    const alert: Alert = {
      id: 'a2',
      workspaceId: 'w',
      ruleId: 'r2',
      segment: 'douyin',
      state: 'firing',
      value: 0.2,
      threshold: 0.1,
      // 30% → 25% → 20%: relative −16.7% and −20.0%; in points −5.0pp each.
      detail: {
        metric: 'roi',
        trend: [
          { day: '2026-11-20', value: 0.3 },
          { day: '2026-11-21', value: 0.25 },
          { day, value: 0.2 },
        ],
        changes: [
          { value: (0.25 - 0.3) / 0.3, absolute: false },
          { value: (0.2 - 0.25) / 0.25, absolute: false },
        ],
        day,
      },
      firedAt: now,
      reminders: 0,
      recoveredStreak: 0,
      updatedAt: now,
    };
    const view = text(alertView(alert, { ...ctx, rule: slide, metric: catalog.get('roi'), segmentName: 'Douyin' }));
    expect(view).toContain('(−16.7% / −5.0pp, −20.0% / −5.0pp)');
  });
});
