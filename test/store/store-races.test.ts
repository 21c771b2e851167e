// First-contact races (issue 21 item 2), as a contract over both providers: everything the store creates on
// first use is created once however many requests introduce it at the same moment, nobody gets an error,
// and a new workspace gets exactly one admin. Real concurrency: 20 calls started together on one store.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerAlerts } from '../../src/core/alerts/register-alerts.ts';
import { ADD_CHANNEL_ACTION } from '../../src/core/commands/add-channel-action.ts';
import { createInteractions } from '../../src/core/commands/interactions.ts';
import { runCommand } from '../../src/core/commands/run-command.ts';
import { recordObservations } from '../../src/core/metrics/record-observations.ts';
import type { Store } from '../../src/core/ports/store.ts';
import type { Workspace } from '../../src/core/ports/workspace.ts';
import { identifyCaller } from '../../src/core/workspace/identify.ts';
import { migratedStore } from '../helpers/migrated-store.ts';
import { PROVIDERS, type TestDatabase } from '../helpers/test-databases.ts';

const N = 20;
const SECRET_KEY = 'races-test-secret-key-32-bytes!!';
const defaults = { timezone: 'UTC', locale: 'en' as const };

/** Runs `work(i)` for i = 0…N-1 all at once; answers how many threw and the results of the rest. */
async function together<T>(work: (i: number) => Promise<T>): Promise<{ errors: unknown[]; results: T[] }> {
  const settled = await Promise.allSettled(Array.from({ length: N }, (_, i) => work(i)));
  return {
    errors: settled.flatMap((s) => (s.status === 'rejected' ? [s.reason] : [])),
    results: settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : [])),
  };
}

for (const provider of PROVIDERS) {
  describe(`first contact at the same moment, on ${provider.kind}`, () => {
    let database: TestDatabase;
    let store: Store;
    let skip = false;

    beforeAll(async () => {
      skip = !(await provider.available());
      if (skip) return;
      database = await provider.create();
      store = await migratedStore(database, SECRET_KEY);
    });
    afterAll(async () => {
      if (skip) return;
      await store.close();
      await database.drop();
    });

    it('20 new users of a new team: one workspace, 20 members, exactly one admin, no errors', async (ctx) => {
      if (skip) return ctx.skip();
      const { errors, results } = await together((i) =>
        identifyCaller(store, { platform: 'slack', teamId: 'T-NEW', teamName: 'New', userId: `U${i}`, userName: `user ${i}` }, defaults),
      );
      expect(errors).toEqual([]);
      expect(new Set(results.map((r) => r.workspace.id)).size).toBe(1);
      expect((await store.workspaces.list()).filter((w) => w.externalId === 'T-NEW')).toHaveLength(1);
      const workspaceId = results[0]?.workspace.id as string;
      const members = await store.members.list(workspaceId);
      expect(members).toHaveLength(N);
      const admins = members.filter((m) => m.role === 'admin');
      expect(admins).toHaveLength(1);
      // Each caller was told the role the database holds for them.
      expect(results.filter((r) => r.member.role === 'admin').map((r) => r.member.id)).toEqual(admins.map((a) => a.id));
      // A second wave of new users, and the first wave again, leave the one admin alone.
      const later = await together((i) =>
        identifyCaller(store, { platform: 'slack', teamId: 'T-NEW', userId: `U${i % 2 ? i : N + i}` }, defaults),
      );
      expect(later.errors).toEqual([]);
      const after = await store.members.list(workspaceId);
      expect(after).toHaveLength(N + N / 2);
      expect(after.filter((m) => m.role === 'admin').map((m) => m.id)).toEqual(admins.map((a) => a.id));
    });

    it('one new user sending 20 commands at once becomes one member, the admin', async (ctx) => {
      if (skip) return ctx.skip();
      const { errors, results } = await together(() =>
        identifyCaller(store, { platform: 'feishu', teamId: 'tenant-new', userId: 'ou_only' }, defaults),
      );
      expect(errors).toEqual([]);
      expect(new Set(results.map((r) => r.member.id)).size).toBe(1);
      expect(results.every((r) => r.member.role === 'admin')).toBe(true);
      expect(await store.members.list(results[0]?.workspace.id as string)).toHaveLength(1);
    });

    it('20 API calls introducing the same new channel: one segment, every value stored, no errors', async (ctx) => {
      if (skip) return ctx.skip();
      const ws = await store.workspaces.ensure({ platform: 'local', externalId: 'channels', name: 'C', timezone: 'UTC', locale: 'en' });
      const { errors } = await together((i) =>
        recordObservations(
          store,
          ws.id,
          [{ metric: 'spend', segment: '小红书新渠道', day: `2026-11-${String(i + 1).padStart(2, '0')}`, value: 100 + i }],
          { source: 'api', actor: 'api:test' },
          { allowNewSegments: true },
        ),
      );
      expect(errors).toEqual([]);
      const segments = await store.segments.list(ws.id);
      expect(segments.map((s) => s.name)).toEqual(['小红书新渠道']);
      const stored = await store.observations.query(ws.id, { metrics: ['spend'], from: '2026-11-01', to: '2026-11-30' });
      expect(stored.map((o) => o.value)).toEqual(Array.from({ length: N }, (_, i) => 100 + i));
      expect(new Set(stored.map((o) => o.segment))).toEqual(new Set([segments[0]?.key]));
      // And the store port directly: 20 ensures of one new key.
      const direct = await together(() => store.segments.ensure(ws.id, [{ key: 'fresh', name: 'Fresh' }]));
      expect(direct.errors).toEqual([]);
      expect((await store.segments.list(ws.id)).filter((s) => s.key === 'fresh')).toHaveLength(1);
    });

    it('20 members pressing "add channel and record" at once: one channel, one value, no errors', async (ctx) => {
      if (skip) return ctx.skip();
      const callers = await Promise.all(
        Array.from({ length: N }, (_, i) => identifyCaller(store, { platform: 'slack', teamId: 'T-BUTTON', userId: `U${i}` }, defaults)),
      );
      const value = JSON.stringify({ metric: 'spend', value: '500', segment: '华东地推', day: '2026-11-20' });
      const interactions = createInteractions();
      const { errors, results } = await together((i) =>
        interactions.onAction(
          { store, ...(callers[i] as (typeof callers)[number]), now: new Date('2026-11-22T04:00:00Z') },
          { actionId: ADD_CHANNEL_ACTION, value },
        ),
      );
      expect(errors).toEqual([]);
      expect(results.every((v) => v.severity === 'ok')).toBe(true);
      const ws = callers[0]?.workspace.id as string;
      expect((await store.segments.list(ws)).map((sg) => sg.name)).toEqual(['华东地推']);
      expect(
        (await store.observations.query(ws, { metrics: ['spend'], from: '2026-11-20', to: '2026-11-20' })).map((o) => o.value),
      ).toEqual([500]);
    });

    it('20 saves of one new custom metric and 20 owner changes: one definition, an audit chain with no gaps', async (ctx) => {
      if (skip) return ctx.skip();
      const ws = await store.workspaces.ensure({ platform: 'local', externalId: 'metrics', name: 'M', timezone: 'UTC', locale: 'en' });
      const saves = await together((i) =>
        store.metrics.saveCustom(ws.id, { key: 'my_ratio', formula: `revenue / spend * ${i + 1}` }, `m${i}`),
      );
      expect(saves.errors).toEqual([]);
      const custom = await store.metrics.listCustom(ws.id);
      expect(custom).toHaveLength(1);
      const saved = (await store.audit.list(ws.id, { action: 'metric.save', limit: 100 })).reverse();
      expect(saved).toHaveLength(N);
      // Each save's "before" is the formula the previous save wrote; the last one is what is stored.
      saved.forEach((entry, i) => {
        const previous = saved[i - 1]?.after as { formula: string } | undefined;
        expect(entry.before).toEqual(previous ? { formula: previous.formula } : undefined);
      });
      expect(saved[N - 1]?.after).toEqual({ formula: custom[0]?.formula });

      const owners = await together((i) => store.metrics.setOwner(ws.id, 'spend', `member-${i}`, 'admin'));
      expect(owners.errors).toEqual([]);
      const changes = (await store.audit.list(ws.id, { action: 'metric.owner', limit: 100 })).reverse();
      changes.forEach((entry, i) => {
        const previous = changes[i - 1]?.after as { owner: string } | undefined;
        expect(entry.before).toEqual(previous ? { owner: previous.owner } : undefined);
      });
      expect(changes).toHaveLength(N);
      const last = changes[N - 1]?.after as { owner: string };
      expect(await store.metrics.owners(ws.id)).toEqual([{ key: 'spend', memberId: last.owner }]);
    });

    it('20 admins adding the same alert rule at once: one rule, 19 answers naming it, and the playbook adds no copy', async (ctx) => {
      if (skip) return ctx.skip();
      registerAlerts();
      const ws = await store.workspaces.ensure({ platform: 'local', externalId: 'rules', name: 'R', timezone: 'UTC', locale: 'en' });
      const admin = await store.members.ensure(ws.id, 'U-ADMIN', { role: 'admin' });
      const ctxOf = async () => ({
        store,
        workspace: (await store.workspaces.get(ws.id)) as Workspace,
        member: admin,
        now: new Date(),
        channel: 'C1',
      });
      const { errors, results } = await together(async () => runCommand(await ctxOf(), '/alerts', 'rule add roi total falls 3d 10%'));
      expect(errors).toEqual([]);
      const rules = await store.alerts.listRules(ws.id);
      expect(rules).toHaveLength(1);
      const said = results.map((v) => JSON.stringify(v));
      expect(said.filter((v) => v.includes('Added rule'))).toHaveLength(1);
      const refusals = said.filter((v) => v.includes('already'));
      expect(refusals).toHaveLength(N - 1);
      for (const r of refusals) expect(r).toContain(rules[0]?.name as string);
      // Editing another rule into the same condition is refused the same way.
      await runCommand(await ctxOf(), '/alerts', 'rule add roi total falls 3d 20%');
      const edit = JSON.stringify(await runCommand(await ctxOf(), '/alerts', 'rule edit 2 falls 3d 10%'));
      expect(edit).toContain('already');
      expect((await store.alerts.listRules(ws.id)).map((r) => (r.params as { pct?: number }).pct ?? r.params)).toHaveLength(2);
    });

    it('20 saves of one new installation: no errors, one installation holding one of them', async (ctx) => {
      if (skip) return ctx.skip();
      const { errors } = await together((i) =>
        store.installations.save({
          key: 'team:T-RACE',
          teamId: 'T-RACE',
          isEnterpriseInstall: false,
          data: { bot: { token: `xoxb-${i}` } },
        }),
      );
      expect(errors).toEqual([]);
      const found = await store.installations.find('team:T-RACE');
      expect(found?.data).toEqual({ bot: { token: expect.stringMatching(/^xoxb-\d+$/) } });
    });
  });
}
