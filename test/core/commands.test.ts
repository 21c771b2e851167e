// The command use cases over a real SQLite store, with numbers computed by hand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandContext } from '../../src/core/commands/command-context.ts';
import { createInteractions } from '../../src/core/commands/interactions.ts';
import { REFRESH_ACTION } from '../../src/core/commands/refresh-action.ts';
import { runCommand, runCommandText } from '../../src/core/commands/run-command.ts';
import type { Store } from '../../src/core/ports/store.ts';
import { mention } from '../../src/core/views/mention.ts';
import { bold } from '../../src/core/views/rich-text.ts';
import type { View } from '../../src/core/views/view.ts';
import { identifyCaller } from '../../src/core/workspace/identify.ts';
import { migratedStore } from '../helpers/migrated-store.ts';
import { sqliteTestDatabase } from '../helpers/test-databases.ts';

const database = sqliteTestDatabase();
let store: Store;
let admin: CommandContext;
let member: CommandContext;
const NOW = new Date('2026-11-22T04:00:00Z');
const text = (v: View) => JSON.stringify(v.elements);

beforeAll(async () => {
  store = await migratedStore(database);
  const defaults = { timezone: 'Asia/Shanghai', locale: 'en' as const };
  const a = await identifyCaller(store, { platform: 'slack', teamId: 'T1', userId: 'UADMIN' }, defaults);
  const m = await identifyCaller(store, { platform: 'slack', teamId: 'T1', userId: 'UMEMBER' }, defaults);
  admin = { store, ...a, now: NOW };
  member = { store, ...m, now: NOW };
  // Cohorts of W46 (9–15 Nov): D1 for all; D7 only for cohorts at least 7 days old on 21 Nov (≤ 14 Nov).
  const rows = [
    ['2026-11-09', 100, 40, 30],
    ['2026-11-10', 200, 70, 50],
    ['2026-11-14', 100, 30, 20],
    ['2026-11-15', 100, 35, 25],
  ].flatMap(([day, n, d1, d7]) => [
    { metric: 'new_users', segment: '', day: day as string, value: n as number },
    { metric: 'retained_d1', segment: '', day: day as string, value: d1 as number },
    { metric: 'retained_d7', segment: '', day: day as string, value: d7 as number },
  ]);
  await store.observations.upsert(a.workspace.id, rows, { source: 'csv', actor: 'test' });
});
afterAll(async () => {
  await store.close();
  await database.drop();
});

describe('command use cases', () => {
  it('makes the first member the admin', () => {
    expect(admin.member.role).toBe('admin');
    expect(member.member.role).toBe('member');
  });

  it('/retention shows D1/D7/D30 by cohort week, leaving immature cohorts out', async () => {
    const view = await runCommand(admin, '/retention', '2026-W46');
    const table = view.elements.find((e) => e.type === 'table');
    // D1 = (40+70+30+35)/(100+200+100+100) = 175/500 = 35.0%.
    // D7 counts cohorts up to 14 Nov only: (30+50+20)/(100+200+100) = 100/400 = 25.0%. D30: no mature cohort.
    expect(table).toMatchObject({ rows: [['2026-W46', '500', '35.0%', '25.0%', 'n/a']], total: ['Total', '500', '35.0%', '25.0%', 'n/a'] });
    const d7 = await runCommand(admin, '/retention', 'd7 2026-W46');
    expect(text(d7)).toContain(bold('25.0%'));
  });

  it('/retention cohorts <channel> finds event users by the channel’s name or key', async () => {
    await store.activity.upsertDays(
      admin.workspace.id,
      [
        { userKey: 'a', day: '2026-09-03', segment: 'douyin', events: 1, revenue: 10 },
        { userKey: 'a', day: '2026-10-05', segment: 'douyin', events: 1, revenue: 5 },
        { userKey: 'b', day: '2026-09-20', segment: 'douyin', events: 1, revenue: 0 },
        { userKey: 'c', day: '2026-09-21', segment: 'sem', events: 1, revenue: 0 },
      ],
      { source: 'events', actor: 'test' },
    );
    await store.segments.ensure(admin.workspace.id, [{ key: 'douyin', name: '抖音' }]);
    const view = await runCommand(admin, '/retention', 'cohorts 抖音');
    // Douyin's September cohort: a and b (2 users); a is back in October: 50%. The data runs 3 September to
    // 5 October: both months are covered in part (†), and the answer says so.
    expect(view.elements.find((e) => e.type === 'table')).toMatchObject({ rows: [['2026-09†', '2', '100.0%†', '50.0%†']] });
    expect(JSON.stringify(view)).toContain('† part of the period only (data up to 2026-10-05)');
  });

  it('reads a command written as a message, with or without the slash; empty text is help', async () => {
    expect(text(await runCommandText(admin, 'retention d7 2026-W46'))).toContain(bold('25.0%'));
    expect(text(await runCommandText(admin, '/retention d7 2026-W46'))).toContain(bold('25.0%'));
    expect(text(await runCommandText(admin, '  '))).toContain('Growthbeat commands');
    expect(text(await runCommandText(admin, 'frobnicate'))).toContain('There is no command /frobnicate');
    expect(text(await runCommandText(admin, 'kpi show rio'))).toContain('There is no metric \\"rio\\"; did you mean ROI?');
  });

  it('/kpi list shows the definitions by team', async () => {
    const view = await runCommand(member, '/kpi', 'list');
    expect(text(view)).toContain('(revenue - spend) / spend');
    expect(view.elements.filter((e) => e.type === 'table').map((e) => (e as { caption?: string }).caption)).toEqual([
      'Marketing',
      'Operations',
      'Business',
    ]);
  });

  it('/growth settings: anyone may look, only an admin may change, and the change is audited', async () => {
    expect(text(await runCommand(member, '/growth', 'settings'))).toContain('Asia/Shanghai');
    const refused = await runCommand(member, '/growth', 'settings language zh');
    expect(refused).toMatchObject({ ephemeral: true });
    expect(text(refused)).toContain('Only a workspace admin can change settings');
    expect((await store.workspaces.get(admin.workspace.id))?.locale).toBe('en');
    const bad = await runCommand(admin, '/growth', 'settings timezone Mars/Base');
    expect(bad.elements[1]).toEqual({ type: 'text', text: '"Mars/Base" is not a valid value for Time zone' });
    const saved = await runCommand(admin, '/growth', 'settings currency usd');
    expect(text(saved)).toContain('Saved: Currency = USD');
    expect((await store.audit.list(admin.workspace.id, { action: 'settings.update' }))[0]).toMatchObject({
      before: { currency: 'CNY' },
      after: { currency: 'USD' },
    });
    // The admin channel, where failures nobody else sees are announced: a channel link, or `here`.
    expect(text(await runCommand(admin, '/growth', 'settings admin <#C0OPS|growth-ops>'))).toContain('Saved: Admin channel');
    expect((await store.workspaces.get(admin.workspace.id))?.settings.adminChannel).toBe('C0OPS');
    await runCommand({ ...admin, channel: 'C_HERE' }, '/growth', 'settings admin here');
    expect((await store.workspaces.get(admin.workspace.id))?.settings.adminChannel).toBe('C_HERE');
    const notChannel = await runCommand(admin, '/growth', 'settings admin <@U777|bob>');
    expect(text(notChannel)).toContain('is not a valid value for Admin channel');
  });

  it('/growth owners sets and lists the owner, mentioned by platform id', async () => {
    expect(text(await runCommand(admin, '/growth', 'owners'))).toContain('No owners yet');
    expect(text(await runCommand(admin, '/growth', 'owners 获客成本 <@U777|bob>'))).toContain(`CAC is owned by ${mention('U777')}`);
    const list = await runCommand(member, '/growth', 'owners');
    expect(list.elements.find((e) => e.type === 'table')).toMatchObject({ rows: [['CAC', mention('U777')]] });
  });

  it('/alerts says plainly what is not there yet; /growth help lists every command', async () => {
    expect(text(await runCommand(member, '/alerts', ''))).toContain('No open alerts');
    const help = text(await runCommand(member, '/growth', 'help'));
    for (const c of ['/roi', '/retention', '/kpi', '/alerts', '/growth']) expect(help).toContain(c);
  });

  it('a refresh button re-runs its command; an unknown button says it is no longer active', async () => {
    const interactions = createInteractions();
    const again = await interactions.onAction(admin, {
      actionId: REFRESH_ACTION,
      value: JSON.stringify({ command: '/retention', text: '2026-W46' }),
    });
    expect(text(again)).toContain('35.0%');
    for (const value of ['null', '{}', '[1]', '{"command": 5, "text": "x"}', 'not json']) {
      expect(await interactions.onAction(admin, { actionId: REFRESH_ACTION, value })).toMatchObject({ ephemeral: true });
    }
    const stale = await interactions.onAction(admin, { actionId: 'gb.gone', value: '' });
    expect(stale).toMatchObject({ ephemeral: true });
    expect(text(stale)).toContain('no longer active');
  });
});
