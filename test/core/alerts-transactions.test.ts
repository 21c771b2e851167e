// Rule management as alert use cases: each change lands with its audit entry and its messages, or nothing
// does. The fault is real: the audit write throws inside the real SQLite transaction.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actOnAlert } from '../../src/core/alerts/act-on-alert.ts';
import { evaluateWorkspace } from '../../src/core/alerts/evaluate-rules.ts';
import { type RuleChanger, removeRule, setRuleEnabled } from '../../src/core/alerts/manage-rules.ts';
import type { Store } from '../../src/core/ports/store.ts';
import type { Workspace } from '../../src/core/ports/workspace.ts';
import { migratedStore } from '../helpers/migrated-store.ts';
import { seedSpendAlertRule } from '../helpers/spend-alert.ts';
import { postgresAvailable, postgresTestDatabase, sqliteTestDatabase, type TestDatabase } from '../helpers/test-databases.ts';

const NOW = new Date('2026-11-22T04:00:00Z'); // noon in Shanghai: the latest complete day is 2026-11-21
const database = sqliteTestDatabase();
let store: Store;

beforeAll(async () => {
  store = await migratedStore(database);
});
afterAll(async () => {
  await store.close();
  await database.drop();
});

/** The same store, except that every audit write inside a transaction fails. */
function withBrokenAudit(real: Store): Store {
  return {
    ...real,
    transaction: (work) =>
      real.transaction((tx) =>
        work({
          ...tx,
          audit: {
            async append() {
              throw new Error('audit log unavailable');
            },
          },
        }),
      ),
  };
}

/** A workspace with the 抖音 spend rule and the alert it fired (its first message queued). */
async function firedAlert(name: string) {
  const created = await store.workspaces.ensure({ platform: 'slack', externalId: name, name, timezone: 'Asia/Shanghai', locale: 'en' });
  const ws = await seedSpendAlertRule(store, created.id, 'C_ALERTS', 'U_OWNER');
  const admin = await store.members.ensure(ws.id, 'U_ADMIN', { role: 'admin' });
  await evaluateWorkspace(store, ws, NOW);
  const [rule] = await store.alerts.listRules(ws.id);
  const [alert] = await store.alerts.listOpen(ws.id);
  if (!rule || !alert) throw new Error('the seeded rule did not fire');
  const changer = (s: Store, workspace: Workspace = ws): RuleChanger => ({ store: s, workspace, memberId: admin.id, now: NOW });
  return { ws, admin, rule, alert, changer };
}

const keysOf = async (workspaceId: string) => (await store.outbox.list({ workspaceId })).map((m) => m.key).sort();

describe('rule changes are all or nothing', () => {
  it('removing a rule: the rule, its resolved alert, the message update and the audit entry land together', async () => {
    const { ws, admin, rule, alert, changer } = await firedAlert('T_REMOVE');
    expect(await keysOf(ws.id)).toEqual([`alert:${alert.id}:notify:0`]);

    await removeRule(changer(store), rule);

    expect(await store.alerts.listRules(ws.id)).toEqual([]);
    const keys = await keysOf(ws.id);
    // The posted alert is updated to "resolved by <admin>", and a reply says so in its thread.
    expect(keys.filter((k) => k.startsWith(`alert:${alert.id}:update:`))).toHaveLength(1);
    expect(keys.filter((k) => k.startsWith(`alert:${alert.id}:notify:`) && !k.endsWith(':notify:0'))).toHaveLength(1);
    const audit = await store.audit.list(ws.id, { action: 'alerts.rule.remove' });
    expect(audit.map((a) => [a.actor, a.target])).toEqual([[admin.id, rule.id]]);
  });

  it('when the audit entry cannot be written, the rule stays, its alert stays open and no message is queued', async () => {
    const { ws, rule, alert, changer } = await firedAlert('T_REMOVE_FAULT');
    const before = await keysOf(ws.id);

    await expect(removeRule(changer(withBrokenAudit(store)), rule)).rejects.toThrow('audit log unavailable');

    expect((await store.alerts.listRules(ws.id)).map((r) => r.id)).toEqual([rule.id]);
    expect((await store.alerts.get(ws.id, alert.id))?.state).toBe(alert.state);
    expect(await keysOf(ws.id)).toEqual(before);
    expect(await store.audit.list(ws.id, { action: 'alerts.rule.remove' })).toEqual([]);
  });

  it('turning a rule off under the same fault leaves it on and its alert open', async () => {
    const { ws, rule, alert, changer } = await firedAlert('T_OFF_FAULT');

    await expect(setRuleEnabled(changer(withBrokenAudit(store)), rule, false)).rejects.toThrow('audit log unavailable');
    expect((await store.alerts.getRule(ws.id, rule.id))?.enabled).toBe(true);
    expect((await store.alerts.get(ws.id, alert.id))?.state).toBe(alert.state);

    // Without the fault it goes through, and the audit names the change.
    await setRuleEnabled(changer(store), rule, false);
    expect((await store.alerts.getRule(ws.id, rule.id))?.enabled).toBe(false);
    expect((await store.alerts.get(ws.id, alert.id))?.state).toBe('resolved');
    expect((await store.audit.list(ws.id, { action: 'alerts.rule.off' })).map((a) => a.target)).toEqual([rule.id]);
  });
});

describe('on PostgreSQL, 20 people at once', () => {
  let pg: TestDatabase | undefined;
  let pgStore: Store | undefined;
  beforeAll(async () => {
    if (!(await postgresAvailable())) return;
    pg = await postgresTestDatabase();
    pgStore = await migratedStore(pg);
  });
  afterAll(async () => {
    await pgStore?.close();
    await pg?.drop();
  });

  it('ten remove the rule while ten acknowledge its alert: removed once, audited once, nobody gets an error', async (ctx) => {
    if (!pgStore) return ctx.skip();
    const s = pgStore;
    const created = await s.workspaces.ensure({
      platform: 'slack',
      externalId: 'T_RACE',
      name: 'race',
      timezone: 'Asia/Shanghai',
      locale: 'en',
    });
    const ws = await seedSpendAlertRule(s, created.id, 'C_ALERTS', 'U_OWNER');
    const admin = await s.members.ensure(ws.id, 'U_ADMIN', { role: 'admin' });
    await evaluateWorkspace(s, ws, NOW);
    const [rule] = await s.alerts.listRules(ws.id);
    const [alert] = await s.alerts.listOpen(ws.id);
    if (!rule || !alert) throw new Error('the seeded rule did not fire');
    const by: RuleChanger = { store: s, workspace: ws, memberId: admin.id, now: NOW };

    const results = await Promise.allSettled([
      ...Array.from({ length: 10 }, () => removeRule(by, rule)),
      ...Array.from({ length: 10 }, () => actOnAlert(s, ws, admin.id, alert.id, { kind: 'ack' }, NOW)),
    ]);

    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    const removals = results.slice(0, 10).map((r) => (r as PromiseFulfilledResult<boolean>).value);
    expect(removals.filter(Boolean)).toHaveLength(1);
    expect(await s.alerts.listRules(ws.id)).toEqual([]);
    expect(await s.audit.list(ws.id, { action: 'alerts.rule.remove' })).toHaveLength(1);
  });
});
