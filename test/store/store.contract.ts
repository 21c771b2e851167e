// One contract for every Store implementation: the same tests run on SQLite and on PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/core/ports/store.ts';
import type { Workspace } from '../../src/core/ports/workspace.ts';

export function describeStoreContract(
  name: string,
  open: () => Promise<{ store: Store; cleanup: () => Promise<void> }>,
  enabled: () => Promise<boolean>,
) {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    let cleanup: () => Promise<void> = async () => {};
    let ws: Workspace;
    let other: Workspace;
    let skip = false;

    beforeAll(async () => {
      skip = !(await enabled());
      if (skip) return;
      ({ store, cleanup } = await open());
      ws = await store.workspaces.ensure({ platform: 'slack', externalId: 'T1', name: 'Acme', timezone: 'Asia/Shanghai', locale: 'zh-CN' });
      other = await store.workspaces.ensure({
        platform: 'feishu',
        externalId: 'tenant-2',
        name: 'Other',
        timezone: 'Europe/Berlin',
        locale: 'en',
      });
    });
    afterAll(async () => {
      if (skip) return;
      await store.close();
      await cleanup();
    });

    it('reports every migration applied and none pending', async (ctx) => {
      if (skip) return ctx.skip();
      const state = await store.migrationState();
      expect(state.pending).toEqual([]);
      expect(state.applied.length).toBeGreaterThan(0);
      await expect(store.ping()).resolves.toBeUndefined();
    });

    it('creates a workspace on first contact and finds the same one afterwards', async (ctx) => {
      if (skip) return ctx.skip();
      const again = await store.workspaces.ensure({ platform: 'slack', externalId: 'T1', name: 'Renamed', timezone: 'UTC', locale: 'en' });
      expect(again.id).toBe(ws.id);
      expect(again).toMatchObject({ name: 'Acme', timezone: 'Asia/Shanghai', locale: 'zh-CN', currency: 'CNY', settings: {} });
      expect(await store.workspaces.findByExternal('slack', 'T1')).toEqual(ws);
      expect(await store.workspaces.findByExternal('feishu', 'T1')).toBeUndefined();
      const updated = await store.workspaces.update(ws.id, { currency: 'USD', settings: { digestHour: 14 } });
      expect(updated).toMatchObject({ currency: 'USD', settings: { digestHour: 14 } });
      expect((await store.workspaces.list()).map((w) => w.id).slice(0, 2)).toEqual([ws.id, other.id]);
    });

    it('keeps members per workspace, with roles', async (ctx) => {
      if (skip) return ctx.skip();
      const m = await store.members.ensure(ws.id, 'U1', { displayName: '小王' });
      expect(m).toMatchObject({ workspaceId: ws.id, externalUserId: 'U1', displayName: '小王', role: 'member' });
      const admin = await store.members.setRole(ws.id, m.id, 'admin');
      expect(admin.role).toBe('admin');
      expect((await store.members.ensure(ws.id, 'U1')).role).toBe('admin');
      const elsewhere = await store.members.ensure(other.id, 'U1');
      expect(elsewhere.id).not.toBe(m.id);
      expect(await store.members.get(other.id, m.id)).toBeUndefined();
      await expect(store.members.setRole(other.id, m.id, 'admin')).rejects.toThrow();
      expect((await store.members.list(ws.id)).map((x) => x.id)).toEqual([m.id]);
      // firstIsAdmin: only a workspace's first member becomes admin; known members keep their role.
      const fresh = await store.workspaces.ensure({
        platform: 'local',
        externalId: 'first-admin',
        name: 'F',
        timezone: 'UTC',
        locale: 'en',
      });
      expect((await store.members.ensure(fresh.id, 'A', { firstIsAdmin: true })).role).toBe('admin');
      expect((await store.members.ensure(fresh.id, 'B', { firstIsAdmin: true })).role).toBe('member');
      expect((await store.members.ensure(fresh.id, 'A', { firstIsAdmin: true, displayName: 'Ann' })).role).toBe('admin');
      expect((await store.members.ensure(fresh.id, 'A')).displayName).toBe('Ann');
    });

    it('upserts observations idempotently and audits every changed value', async (ctx) => {
      if (skip) return ctx.skip();
      const rows = [
        { metric: 'spend', segment: 'douyin', day: '2026-11-16', value: 12000 },
        { metric: 'spend', segment: 'douyin', day: '2026-11-17', value: 11000.5 },
        { metric: 'revenue', segment: 'douyin', day: '2026-11-16', value: 15000 },
        { metric: 'dau', segment: '', day: '2026-11-16', value: 5400 },
      ];
      const meta = { source: 'csv', sourceRef: 'week.csv', actor: 'cli' };
      expect(await store.observations.upsert(ws.id, rows, meta)).toEqual({ inserted: 4, updated: 0, unchanged: 0 });
      expect(await store.observations.upsert(ws.id, rows, meta)).toEqual({ inserted: 0, updated: 0, unchanged: 4 });
      const changed = rows.map((r) => (r.day === '2026-11-17' ? { ...r, value: 9000 } : r));
      expect(await store.observations.upsert(ws.id, changed, { ...meta, actor: 'member-1' })).toEqual({
        inserted: 0,
        updated: 1,
        unchanged: 3,
      });

      const updates = await store.audit.list(ws.id, { action: 'observation.update' });
      expect(updates).toHaveLength(1);
      expect(updates[0]).toMatchObject({
        actor: 'member-1',
        target: 'spend/douyin/2026-11-17',
        before: { value: 11000.5 },
        after: { value: 9000, source: 'csv' },
      });
      const summaries = await store.audit.list(ws.id, { action: 'observation.upsert' });
      expect(summaries.map((s) => s.after)).toEqual([
        { source: 'csv', inserted: 0, updated: 1, unchanged: 3 },
        { source: 'csv', inserted: 0, updated: 0, unchanged: 4 },
        { source: 'csv', inserted: 4, updated: 0, unchanged: 0 },
      ]);

      const spend = await store.observations.query(ws.id, {
        metrics: ['spend'],
        segments: ['douyin'],
        from: '2026-11-01',
        to: '2026-11-30',
      });
      expect(spend.map((o) => [o.day, o.value, o.source, o.updatedBy])).toEqual([
        ['2026-11-16', 12000, 'csv', 'cli'],
        ['2026-11-17', 9000, 'csv', 'member-1'],
      ]);
      const product = await store.observations.query(ws.id, {
        metrics: ['dau', 'spend'],
        segments: [''],
        from: '2026-11-16',
        to: '2026-11-16',
      });
      expect(product.map((o) => o.metric)).toEqual(['dau']);
      expect(await store.observations.query(other.id, { metrics: ['spend'], from: '2000-01-01', to: '2100-01-01' })).toEqual([]);
      expect(await store.observations.latestDay(ws.id, 'spend', 'douyin')).toBe('2026-11-17');
      expect(await store.observations.latestDay(other.id, 'spend')).toBeUndefined();
    });

    it('deletes, counts and moves observations within one workspace, auditing each old value', async (ctx) => {
      if (skip) return ctx.skip();
      const rows = [
        { metric: 'installs', segment: 'a', day: '2026-10-01', value: 1 },
        { metric: 'installs', segment: 'a', day: '2026-10-02', value: 2 },
        { metric: 'installs', segment: 'b', day: '2026-10-02', value: 3 },
      ];
      await store.observations.upsert(ws.id, rows, { source: 'csv', actor: 'cli' });
      await store.observations.upsert(other.id, rows, { source: 'csv', actor: 'cli' });
      const when = new Date('2026-10-03T00:00:00Z');
      const version = await store.observations.version(ws.id);
      const removed = await store.observations.remove(
        ws.id,
        { metrics: ['installs'], segments: ['a'], from: '2026-10-02', to: '2026-10-31' },
        { source: 'chat', sourceRef: '/kpi delete', actor: 'm1', at: when },
      );
      expect(removed.map((r) => [r.segment, r.day, r.value])).toEqual([['a', '2026-10-02', 2]]);
      // A delete is a write: cached answers see it (and a delete of nothing changes nothing).
      expect(await store.observations.version(ws.id)).toBe(version + 1);
      await store.observations.remove(
        ws.id,
        { metrics: ['installs'], from: '2000-01-01', to: '2000-01-02' },
        { source: 'chat', actor: 'm1' },
      );
      expect(await store.observations.version(ws.id)).toBe(version + 1);
      const [one] = await store.audit.list(ws.id, { action: 'observation.delete', actor: 'm1' });
      expect(one).toMatchObject({ target: 'installs/a/2026-10-02', before: { value: 2, source: 'csv' }, at: when });
      const [summary] = await store.audit.list(ws.id, { actions: ['observations.delete'], since: when, targetPrefix: '/kpi' });
      expect(summary?.before).toEqual({ rows: [{ metric: 'installs', segment: 'a', day: '2026-10-02', value: 2 }] });
      expect(await store.audit.list(ws.id, { action: 'observation.delete', since: new Date('2026-10-04T00:00:00Z') })).toEqual([]);
      // The other workspace keeps all three.
      expect(await store.observations.countSegment(other.id, 'a')).toBe(2);
      expect(await store.observations.countSegment(ws.id, 'a')).toBe(1);
      expect(await store.observations.moveSegment(ws.id, 'a', 'c', 'm1')).toBe(1);
      expect(await store.observations.version(ws.id)).toBe(version + 2);
      expect(await store.observations.countSegment(ws.id, 'c')).toBe(1);
      expect(await store.observations.countSegment(other.id, 'c')).toBe(0);
      await store.segments.ensure(ws.id, [{ key: 'c', name: 'C' }]);
      await store.segments.rename(ws.id, 'c', 'Channel C');
      expect((await store.segments.list(ws.id)).find((s) => s.key === 'c')?.name).toBe('Channel C');
      await store.segments.remove(ws.id, 'c');
      expect((await store.segments.list(ws.id)).find((s) => s.key === 'c')).toBeUndefined();
    });

    it('writes a large batch in one piece across statement chunks', async (ctx) => {
      if (skip) return ctx.skip();
      const rows = Array.from({ length: 1200 }, (_, i) => ({
        metric: 'clicks',
        segment: `ch${i % 12}`,
        day: `2026-0${1 + Math.floor(i / 300)}-${String(1 + (Math.floor(i / 12) % 25)).padStart(2, '0')}`,
        value: i,
      }));
      expect(await store.observations.upsert(other.id, rows, { source: 'api', actor: 'api:gb_x' })).toEqual({
        inserted: 1200,
        updated: 0,
        unchanged: 0,
      });
      const back = await store.observations.query(other.id, { metrics: ['clicks'], from: '2026-01-01', to: '2026-12-31' });
      expect(back.reduce((s, o) => s + o.value, 0)).toBe((1199 * 1200) / 2);
    });

    it('rejects a bad batch whole: nothing of it is written', async (ctx) => {
      if (skip) return ctx.skip();
      const good = { metric: 'spend', segment: 'sem', day: '2026-10-01', value: 1 };
      await expect(store.observations.upsert(ws.id, [good, { ...good, value: 2 }], { source: 'csv', actor: 'cli' })).rejects.toThrow(
        /appears twice/,
      );
      await expect(
        store.observations.upsert(ws.id, [good, { ...good, day: '2026-02-30' }], { source: 'csv', actor: 'cli' }),
      ).rejects.toThrow(/not a day/);
      await expect(
        store.observations.upsert(ws.id, [good, { ...good, day: '2026-10-02', value: Number.NaN }], { source: 'csv', actor: 'cli' }),
      ).rejects.toThrow(/finite/);
      // A failure inside the database (the workspace does not exist) rolls the transaction back.
      await expect(store.observations.upsert('no-such-workspace', [good], { source: 'csv', actor: 'cli' })).rejects.toThrow();
      expect(
        await store.observations.query(ws.id, { metrics: ['spend'], segments: ['sem'], from: '2026-01-01', to: '2026-12-31' }),
      ).toEqual([]);
    });

    it('keeps activity per source file: files add up, re-importing one changes nothing', async (ctx) => {
      if (skip) return ctx.skip();
      const day = (revenue: number) => [{ userKey: 'u1', day: '2026-11-02', segment: 'douyin', events: 1, revenue }];
      expect(await store.activity.upsertDays(ws.id, day(10), { source: 'events', sourceRef: 'utc-2026-11-01.csv', actor: 'cli' })).toEqual({
        inserted: 1,
        updated: 0,
        unchanged: 0,
      });
      expect(await store.activity.upsertDays(ws.id, day(20), { source: 'events', sourceRef: 'utc-2026-11-02.csv', actor: 'cli' })).toEqual({
        inserted: 1,
        updated: 0,
        unchanged: 0,
      });
      expect(await store.activity.upsertDays(ws.id, day(20), { source: 'events', sourceRef: 'utc-2026-11-02.csv', actor: 'cli' })).toEqual({
        inserted: 0,
        updated: 0,
        unchanged: 1,
      });
      const rows = await store.activity.scan(ws.id);
      expect(rows.reduce((s, r) => s + r.revenue, 0)).toBe(30);
      expect(rows.reduce((s, r) => s + r.events, 0)).toBe(2);
      expect(await store.activity.scan(other.id)).toEqual([]);
    });

    it("raises a workspace's data versions exactly when its observations or activity change", async (ctx) => {
      if (skip) return ctx.skip();
      const meta = { source: 'api', actor: 'cli' };
      const [obs0, act0, other0] = [
        await store.observations.version(ws.id),
        await store.activity.version(ws.id),
        await store.observations.version(other.id),
      ];
      const row = (value: number) => [{ metric: 'spend', segment: 'kuaishou', day: '2026-10-01', value }];
      await store.observations.upsert(ws.id, row(1), meta);
      const obs1 = await store.observations.version(ws.id);
      expect(obs1).toBeGreaterThan(obs0);
      await store.observations.upsert(ws.id, row(1), meta); // unchanged: the answers stay valid
      expect(await store.observations.version(ws.id)).toBe(obs1);
      await store.observations.upsert(ws.id, row(2), meta);
      expect(await store.observations.version(ws.id)).toBeGreaterThan(obs1);
      expect(await store.observations.version(other.id)).toBe(other0);
      expect(await store.activity.version(ws.id)).toBe(act0);
      const day = [{ userKey: 'v9', day: '2026-10-01', segment: '', events: 1, revenue: 0 }];
      await store.activity.upsertDays(ws.id, day, { source: 'events', sourceRef: 'v.csv', actor: 'cli' });
      const act1 = await store.activity.version(ws.id);
      expect(act1).toBeGreaterThan(act0);
      await store.activity.upsertDays(ws.id, day, { source: 'events', sourceRef: 'v.csv', actor: 'cli' });
      expect(await store.activity.version(ws.id)).toBe(act1);
      // A failed write raises nothing.
      const before = await store.observations.version(ws.id);
      await expect(
        store.observations.upsert(ws.id, [...row(3), { metric: 'spend', segment: '', day: 'bad', value: 1 }], meta),
      ).rejects.toThrow();
      expect(await store.observations.version(ws.id)).toBe(before);
    });

    it('claims outbox messages for one worker at a time, takes expired claims over, and confirms only by the holder', async (ctx) => {
      if (skip) return ctx.skip();
      const t0 = new Date('2026-11-20T06:00:00Z');
      for (let i = 0; i < 5; i++)
        expect(
          await store.outbox.enqueue({
            workspaceId: ws.id,
            key: `test:${i}`,
            kind: 'post',
            channel: `C${i}`,
            payload: { n: i },
            availableAt: t0,
          }),
        ).toEqual({ created: true });
      expect(await store.outbox.enqueue({ workspaceId: ws.id, key: 'test:0', kind: 'post', channel: 'C1', payload: {} })).toEqual({
        created: false,
      });
      const later = new Date(t0.getTime() + 60_000);
      const claims = await Promise.all(['r1', 'r2', 'r3'].map((w) => store.outbox.claim(w, later, 10, 30_000)));
      const ids = claims.flat().map((m) => m.key);
      expect(ids.sort()).toEqual(['test:0', 'test:1', 'test:2', 'test:3', 'test:4']);
      const holder = claims.findIndex((c) => c.some((m) => m.key === 'test:0'));
      const message = claims[holder]?.find((m) => m.key === 'test:0') as { id: string; attempts: number };
      expect(message.attempts).toBe(1);
      expect(await store.outbox.markSent(message.id, 'someone-else', 'ts-1', later)).toBe(false);
      // The holder dies: after the lease another worker takes the rest over.
      const takeover = await store.outbox.claim('r9', new Date(later.getTime() + 31_000), 10, 30_000);
      expect(takeover.map((m) => m.key).sort()).toEqual(['test:0', 'test:1', 'test:2', 'test:3', 'test:4']);
      expect(await store.outbox.markSent(message.id, `r${holder + 1}`, 'ts-late', later)).toBe(false);
      expect(await store.outbox.markSent(message.id, 'r9', 'ts-1', later)).toBe(true);
      expect(await store.outbox.findByKey('test:0')).toMatchObject({ state: 'sent', platformMessageId: 'ts-1', attempts: 2 });
      const t1 = takeover.find((m) => m.key === 'test:1') as { id: string };
      expect(await store.outbox.markFailed(t1.id, 'r9', 'channel_not_found')).toBe(true);
      expect((await store.outbox.list({ state: 'failed' })).map((m) => [m.key, m.lastError])).toEqual([['test:1', 'channel_not_found']]);
      expect(await store.outbox.retry(t1.id, later)).toBe(true);
      expect(await store.outbox.findByKey('test:1')).toMatchObject({ state: 'pending', attempts: 0 });
      expect(await store.outbox.purge(new Date('2100-01-01'))).toBe(1);
      // One channel's messages are claimed one at a time, in the order they were written.
      for (let i = 0; i < 3; i++)
        await store.outbox.enqueue({
          workspaceId: ws.id,
          key: `line:${i}`,
          kind: 'post',
          channel: 'CLINE',
          payload: {},
          availableAt: new Date(t0.getTime() + i),
        });
      const first = await store.outbox.claim('w', later, 10, 30_000);
      expect(first.filter((m) => m.channel === 'CLINE').map((m) => m.key)).toEqual(['line:0']);
      expect((await store.outbox.claim('w2', later, 10, 30_000)).filter((m) => m.channel === 'CLINE')).toEqual([]);
      await store.outbox.markSent(first.find((m) => m.key === 'line:0')!.id, 'w', 'ts', later);
      expect((await store.outbox.claim('w2', later, 10, 30_000)).map((m) => m.key)).toEqual(['line:1']);
    });

    it('writes a state change and the message it causes together, or neither', async (ctx) => {
      if (skip) return ctx.skip();
      await store.transaction(async (tx) => {
        await tx.audit.append({ workspaceId: ws.id, actor: 'system', action: 'alert.fired', target: 'alert-1' });
        expect(
          await tx.outbox.enqueue({ workspaceId: ws.id, key: 'alert:1:notify:1', kind: 'post', channel: 'C1', payload: { text: 'fired' } }),
        ).toEqual({ created: true });
        // A repeated key inside the transaction is a no-op, not an error that would abort it.
        expect(await tx.outbox.enqueue({ workspaceId: ws.id, key: 'alert:1:notify:1', kind: 'post', channel: 'C1', payload: {} })).toEqual({
          created: false,
        });
      });
      expect(await store.outbox.findByKey('alert:1:notify:1')).toMatchObject({ state: 'pending', payload: { text: 'fired' } });
      await expect(
        store.transaction(async (tx) => {
          await tx.audit.append({ workspaceId: ws.id, actor: 'system', action: 'alert.fired', target: 'alert-2' });
          await tx.outbox.enqueue({ workspaceId: ws.id, key: 'alert:2:notify:1', kind: 'post', channel: 'C1', payload: {} });
          throw new Error('the evaluation crashed');
        }),
      ).rejects.toThrow('the evaluation crashed');
      expect(await store.outbox.findByKey('alert:2:notify:1')).toBeUndefined();
      expect((await store.audit.list(ws.id, { action: 'alert.fired' })).map((a) => a.target)).toEqual(['alert-1']);
    });

    it('processes an inbound delivery once until it expires', async (ctx) => {
      if (skip) return ctx.skip();
      const t0 = new Date('2026-11-20T00:00:00Z');
      expect(await store.inbound.firstDelivery('slack:Ev1', 60_000, t0)).toBe(true);
      expect(await store.inbound.firstDelivery('slack:Ev1', 60_000, new Date(t0.getTime() + 1000))).toBe(false);
      const racing = await Promise.all([1, 2, 3, 4].map(() => store.inbound.firstDelivery('feishu:ev2', 60_000, t0)));
      expect(racing.filter(Boolean)).toHaveLength(1);
      expect(await store.inbound.firstDelivery('slack:Ev1', 60_000, new Date(t0.getTime() + 61_000))).toBe(true);
      expect(await store.inbound.purgeExpired(new Date(t0.getTime() + 10 * 60_000))).toBe(2);
    });

    it('lets exactly one claimant run a job slot', async (ctx) => {
      if (skip) return ctx.skip();
      const slotAt = new Date('2026-11-18T06:00:00Z');
      const claims = await Promise.all(
        ['r1', 'r2', 'r3'].map((claimedBy) => store.jobSlots.claim({ job: 'digest', workspaceId: ws.id, slotAt, claimedBy })),
      );
      expect(claims.filter(Boolean)).toHaveLength(1);
      const key = `digest:${ws.id}:2026-11-18T06:00:00.000Z`;
      await store.jobSlots.finish(key, 'sent', new Date('2026-11-18T06:00:05Z'));
      expect(await store.jobSlots.lastRun('digest', ws.id)).toEqual({
        key,
        slotAt,
        finishedAt: new Date('2026-11-18T06:00:05Z'),
        result: 'sent',
      });
      expect(await store.jobSlots.lastRun('digest', other.id)).toBeUndefined();

      // Old slots are forgotten, except each schedule's latest (the last run of a weekly job stays visible).
      for (const minutes of [0, 5, 10])
        await store.jobSlots.claim({
          job: 'alerts-remind',
          workspaceId: ws.id,
          slotAt: new Date(Date.UTC(2026, 10, 18, 7, minutes)),
          claimedBy: 'r1',
        });
      expect(await store.jobSlots.purge(new Date('2026-11-20T00:00:00Z'))).toBe(2);
      expect((await store.jobSlots.lastRun('alerts-remind', ws.id))?.slotAt).toEqual(new Date('2026-11-18T07:10:00Z'));
      expect((await store.jobSlots.lastRun('digest', ws.id))?.result).toBe('sent');
      expect(await store.jobSlots.claim({ job: 'digest', workspaceId: ws.id, slotAt, claimedBy: 'r4' })).toBe(false);
    });

    it('stores API tokens hashed, scoped and revocable', async (ctx) => {
      if (skip) return ctx.skip();
      const { token, secret } = await store.apiTokens.create(ws.id, 'warehouse job', 'cli');
      expect(secret).toMatch(/^gb_[A-Za-z0-9_-]{43}$/);
      expect(token.prefix).toBe(secret.slice(0, 9));
      expect((await store.apiTokens.authenticate(secret))?.id).toBe(token.id);
      expect(await store.apiTokens.authenticate(`${secret}x`)).toBeUndefined();
      expect(await store.apiTokens.revoke(other.id, token.id)).toBeUndefined();
      expect((await store.apiTokens.list(ws.id)).map((t) => t.name)).toEqual(['warehouse job']);
      expect((await store.apiTokens.revoke(ws.id, token.prefix))?.revokedAt).toBeInstanceOf(Date);
      expect(await store.apiTokens.authenticate(secret)).toBeUndefined();
      const actions = (await store.audit.list(ws.id)).map((a) => a.action);
      expect(actions.slice(0, 2)).toEqual(['token.revoke', 'token.create']);
    });
  });
}
