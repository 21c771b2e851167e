// Taking a wrong value back, over a real SQLite store: /kpi undo reverts the caller's own last change, /kpi delete
// removes values (admins or the metric's owner); both are audited with the old value and re-run the alerts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerAlerts } from '../../src/core/alerts/register-alerts.ts';
import type { CommandContext } from '../../src/core/commands/command-context.ts';
import { parseCommand } from '../../src/core/commands/command-grammar.ts';
import { runCommand } from '../../src/core/commands/run-command.ts';
import type { Store } from '../../src/core/ports/store.ts';
import { mention } from '../../src/core/views/mention.ts';
import { identifyCaller } from '../../src/core/workspace/identify.ts';
import { migratedStore } from '../helpers/migrated-store.ts';
import { seedTotalSpendRule } from '../helpers/spend-alert.ts';
import { sqliteTestDatabase } from '../helpers/test-databases.ts';

registerAlerts();

const database = sqliteTestDatabase();
let store: Store;
const NOW = new Date('2026-11-22T04:00:00Z');
let team = 0;

async function freshWorkspace(): Promise<{ admin: CommandContext; member: CommandContext }> {
  team++;
  const defaults = { timezone: 'Asia/Shanghai', locale: 'en' as const };
  const a = await identifyCaller(store, { platform: 'slack', teamId: `TU${team}`, userId: 'UADMIN' }, defaults);
  const m = await identifyCaller(store, { platform: 'slack', teamId: `TU${team}`, userId: 'UMEMBER' }, defaults);
  return { admin: { store, ...a, now: NOW }, member: { store, ...m, now: NOW } };
}

const values = async (ctx: CommandContext, metric = 'spend') =>
  (await store.observations.query(ctx.workspace.id, { metrics: [metric], from: '2026-01-01', to: '2026-12-31' })).map(
    (o) => `${o.segment || 'total'} ${o.day} ${o.value}`,
  );

beforeAll(async () => {
  store = await migratedStore(database);
});
afterAll(async () => {
  await store.close();
  await database.drop();
});

describe('/kpi undo and /kpi delete', () => {
  it('reads the grammar', () => {
    expect(parseCommand('/kpi', 'undo')).toEqual({ name: 'kpi', action: 'undo' });
    expect(parseCommand('/kpi', '删除 花费 抖音 2026-11-20')).toEqual({
      name: 'kpi',
      action: 'delete',
      metric: '花费',
      segment: '抖音',
      period: '2026-11-20',
    });
    expect(() => parseCommand('/kpi', 'delete spend douyin')).toThrow();
  });

  it('undo takes back the caller’s own last change, one further back each time, and never someone else’s', async () => {
    const { admin, member } = await freshWorkspace();
    await runCommand(member, '/kpi', 'log nps 40 2026-11-20');
    await runCommand(member, '/kpi', 'log nps 0 2026-11-21');
    await runCommand(admin, '/kpi', 'log spend 100 douyin 2026-11-21');
    // The member's last change is nps 0 on the 21st, which did not exist before: undo removes it.
    expect((await runCommand(member, '/kpi', 'undo')).fallback).toBe('Undone: removed NPS on 2026-11-21 (0)');
    expect(await values(member, 'nps')).toEqual(['total 2026-11-20 40']);
    await runCommand(member, '/kpi', 'log nps 45 2026-11-20');
    expect((await runCommand(member, '/kpi', 'undo')).fallback).toBe('Undone: NPS on 2026-11-20 is back to 40');
    expect((await runCommand(member, '/kpi', 'undo')).fallback).toBe('Undone: removed NPS on 2026-11-20 (40)');
    expect(await values(member, 'nps')).toEqual([]);
    expect((await runCommand(member, '/kpi', 'undo')).fallback).toBe(
      'You have no change to undo from the last 24 hours (/kpi log or /kpi delete)',
    );
    // The admin's value is untouched.
    expect(await values(admin)).toEqual(['douyin 2026-11-21 100']);
    // Older than 24 hours: out of reach.
    const later = { ...admin, now: new Date(NOW.getTime() + 25 * 3600_000) };
    expect((await runCommand(later, '/kpi', 'undo')).fallback).toContain('no change to undo');
  });

  it('undo leaves a value someone changed since', async () => {
    const { admin, member } = await freshWorkspace();
    await runCommand(member, '/kpi', 'log spend 100 douyin 2026-11-20');
    await runCommand(admin, '/kpi', 'log spend 150 douyin 2026-11-20');
    const view = await runCommand(member, '/kpi', 'undo');
    expect(view.fallback).toBe(
      `Not undone: Spend · Douyin 2026-11-20 was changed again since (${mention('UADMIN')}); write the right value with /kpi log`,
    );
    expect(await values(admin)).toEqual(['douyin 2026-11-20 150']);
  });

  it('delete: admins or the metric’s owner, audited with the old value; undo brings it back', async () => {
    const { admin, member } = await freshWorkspace();
    await runCommand(admin, '/kpi', 'log spend 12,000 douyin 2026-11-20');
    await runCommand(admin, '/kpi', 'log spend 300 douyin 2026-11-21');
    expect((await runCommand(member, '/kpi', 'delete spend douyin 2026-11-20')).fallback).toBe(
      'Only an admin or the owner of Spend may delete its values',
    );
    const deleted = await runCommand(admin, '/kpi', 'delete spend douyin 2026-11-20');
    expect(deleted.fallback).toBe('Deleted 1 value(s) of Spend · Douyin for 2026-11-20 (was CN¥12,000). /kpi undo brings them back.');
    expect(await values(admin)).toEqual(['douyin 2026-11-21 300']);
    const [entry] = await store.audit.list(admin.workspace.id, { action: 'observation.delete' });
    expect(entry).toMatchObject({ target: 'spend/douyin/2026-11-20', before: { value: 12000 }, actor: admin.member.id });
    expect((await runCommand(admin, '/kpi', 'delete spend douyin 2026-11-19')).fallback).toBe(
      'Nothing is stored for Spend · Douyin in 2026-11-19; nothing was deleted.',
    );
    // The owner of a metric may delete its values.
    await runCommand(admin, '/growth', 'owners spend <@UMEMBER>');
    expect((await runCommand(member, '/kpi', 'delete spend douyin 2026-11-21')).fallback).toContain('Deleted 1 value(s)');
    expect((await runCommand(member, '/kpi', 'undo')).fallback).toBe('Undone: restored 1 deleted value(s)');
    expect((await runCommand(admin, '/kpi', 'undo')).fallback).toBe('Undone: restored 1 deleted value(s)');
    expect(await values(admin)).toEqual(['douyin 2026-11-20 12000', 'douyin 2026-11-21 300']);
  });

  it('alerts follow: a delete and an undo re-run the rules on what they touched', async () => {
    const { admin } = await freshWorkspace();
    const ruleId = await seedTotalSpendRule(store, admin.workspace.id);
    const ctx = { ...admin, workspace: (await store.workspaces.get(admin.workspace.id)) ?? admin.workspace };
    const open = async () => (await store.alerts.listOpen(admin.workspace.id, ruleId)).map((a) => `${a.state} ${a.value}`);
    // By hand: 抖音 2,000 + SEM 2,000 = 4,000 on the 21st, above 3,000: the alert fires.
    await runCommand(ctx, '/kpi', 'log spend 2000 douyin 2026-11-21');
    await runCommand(ctx, '/kpi', 'log spend 2000 sem 2026-11-21');
    expect(await open()).toEqual(['firing 4000']);
    // Deleting SEM's value leaves 2,000: the rule recovers.
    await runCommand(ctx, '/kpi', 'delete spend sem 2026-11-21');
    expect(await open()).toEqual([]);
    // Undoing the delete brings 4,000 back, and the alert with it.
    await runCommand(ctx, '/kpi', 'undo');
    expect(await open()).toEqual(['firing 4000']);
  });
});
