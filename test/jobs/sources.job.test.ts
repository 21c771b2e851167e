// The data sources' schedule through the job coordinator, on PostgreSQL (and SQLite): two replicas (two
// stores, two schedulers) run each source slot once; a missed slot is caught up within the grace, once;
// a failing source is recorded on every run, announced once, and its recovery once.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/base/logging/logger.ts';
import type { Store } from '../../src/core/ports/store.ts';
import type { Workspace } from '../../src/core/ports/workspace.ts';
import { syncSourcesScheduled } from '../../src/core/sources/sources-scheduled.ts';
import { createScheduler } from '../../src/jobs/scheduler.ts';
import { sourcesJob } from '../../src/jobs/sources.job.ts';
import { createStore } from '../../src/store/create-store.ts';
import { migratedStore } from '../helpers/migrated-store.ts';
import { PROVIDERS, type TestDatabase } from '../helpers/test-databases.ts';

const KEY = 'j'.repeat(40);
const GRACE = 6 * 60 * 60 * 1000;
const deps = { env: {}, limits: { statementTimeoutMs: 5000, maxRows: 1000 } };

for (const provider of PROVIDERS) {
  describe(`sources job: ${provider.kind}`, () => {
    let skip = false;
    let database: TestDatabase;
    let stores: Store[];
    let ws: Workspace;
    let server: Server;
    let hits = 0;
    let broken = false;

    beforeAll(async () => {
      skip = !(await provider.available());
      if (skip) return;
      server = createServer((_req, res) => {
        hits++;
        if (broken) res.writeHead(500).end('down');
        else res.writeHead(200, { 'content-type': 'text/csv' }).end('date,channel,spend\n2026-11-29,sem,12\n');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/s.csv`;
      database = await provider.create();
      const first = await migratedStore(database, KEY);
      stores = [first, await createStore(database.url, { secretKey: KEY })];
      ws = await first.workspaces.ensure({ platform: 'slack', externalId: 'T1', name: 'Acme', timezone: 'Asia/Shanghai', locale: 'zh-CN' });
      await first.workspaces.update(ws.id, { settings: { adminChannel: 'C-ADMIN' } });
      // Hourly at :00, and daily at 08:00 Shanghai time (00:00 UTC); one source never runs by itself.
      const base = { kind: 'csv-url' as const, connection: url, mapping: {}, lookbackDays: 7 };
      await first.sources.create(ws.id, { ...base, name: 'hourly', schedule: '0 * * * *' });
      await first.sources.create(ws.id, { ...base, name: 'daily', schedule: '0 8 * * *' });
      await first.sources.create(ws.id, { ...base, name: 'manual' });
      await syncSourcesScheduled(first, ws.id);
    });
    afterAll(async () => {
      if (skip) return;
      for (const s of stores) await s.close();
      await database.drop();
      await new Promise((resolve) => server.close(resolve));
    });

    const replicas = () =>
      stores.map((store, i) =>
        createScheduler({
          store,
          jobs: [sourcesJob(store, deps, GRACE)],
          logger: silentLogger,
          replica: `r${i}`,
          graceMs: GRACE,
          ticks: true,
        }),
      );
    const runs = async (name: string) => {
      const source = await stores[0]?.sources.get(ws.id, name);
      return source ? (stores[0] as Store).sources.runs(ws.id, source.id, 50) : [];
    };

    it('runs each source slot once across two replicas, and catches up a missed one within the grace', async (ctx) => {
      if (skip) return ctx.skip();
      expect((await stores[0]?.workspaces.get(ws.id))?.settings.sourcesScheduled).toBe(true);
      const schedulers = replicas();
      await Promise.all(schedulers.map((s) => s.start()));
      // 08:00 Shanghai: both sources due; both replicas tick the same minute at once.
      const eight = new Date('2026-11-30T00:00:00Z');
      await Promise.all(schedulers.map((s) => s.catchUp(eight)));
      expect((await runs('hourly')).length).toBe(1);
      expect((await runs('daily')).length).toBe(1);
      expect(await runs('manual')).toEqual([]);
      expect(hits).toBe(2);
      // 08:20: nothing new is due (the tick runs, the sources' slots are taken).
      await Promise.all(schedulers.map((s) => s.catchUp(new Date('2026-11-30T00:20:00Z'))));
      expect(hits).toBe(2);
      // The processes were down from 08:30 to 10:45: the 10:00 slot of `hourly` runs once; 09:00 is passed over.
      await Promise.all(schedulers.map((s) => s.catchUp(new Date('2026-11-30T02:45:30Z'))));
      const hourly = await runs('hourly');
      expect(hourly.map((r) => [r.trigger, r.inserted + r.updated + r.unchanged])).toEqual([
        ['schedule', 1],
        ['schedule', 1],
      ]);
      expect((await runs('daily')).length).toBe(1);
      expect((await stores[0]?.sources.get(ws.id, 'hourly'))?.lastSlotAt).toEqual(new Date('2026-11-30T02:00:00Z'));
      await Promise.all(schedulers.map((s) => s.stop()));
    });

    it('records every failing run on its source, announces the failure once and the recovery once', async (ctx) => {
      if (skip) return ctx.skip();
      broken = true;
      const schedulers = replicas();
      await Promise.all(schedulers.map((s) => s.start()));
      for (const at of ['2026-11-30T03:00:00Z', '2026-11-30T04:00:00Z', '2026-11-30T05:00:00Z'])
        await Promise.all(schedulers.map((s) => s.catchUp(new Date(at))));
      const hourly = await runs('hourly');
      expect(hourly.slice(0, 3).map((r) => r.error)).toEqual(Array(3).fill(expect.stringContaining('HTTP 500')));
      const notices = (await stores[0]?.outbox.list({ workspaceId: ws.id }))?.map((m) => m.key.split(':')[1]);
      expect(notices).toEqual(['source-failed']);
      broken = false;
      await Promise.all(schedulers.map((s) => s.catchUp(new Date('2026-11-30T06:00:00Z'))));
      const after = (await stores[0]?.outbox.list({ workspaceId: ws.id }))?.map((m) => m.key.split(':')[1]).sort();
      expect(after).toEqual(['source-failed', 'source-recovered']);
      await Promise.all(schedulers.map((s) => s.stop()));
    });
  });
}
