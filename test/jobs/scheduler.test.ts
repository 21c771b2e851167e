import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/base/logging/logger.ts';
import type { Store } from '../../src/core/ports/store.ts';
import type { Workspace } from '../../src/core/ports/workspace.ts';
import { createScheduler, type JobDefinition } from '../../src/jobs/scheduler.ts';
import { migratedStore } from '../helpers/migrated-store.ts';
import { PROVIDERS, type TestDatabase } from '../helpers/test-databases.ts';

for (const provider of PROVIDERS) {
  describe(`the scheduler on ${provider.kind}`, () => {
    let database: TestDatabase;
    let store: Store;
    let shanghai: Workspace;
    let berlin: Workspace;
    let skip = false;
    const runs: string[] = [];
    const digest: JobDefinition = {
      name: 'digest',
      cronFor: (ws) => (ws.settings.digestCron as string | undefined) ?? '0 14 * * 3',
      run: async (ws, slotAt) => {
        runs.push(`${ws.name}@${slotAt.toISOString()}`);
        if (ws.name === 'Berlin') throw new Error('boom');
        return 'sent';
      },
    };
    beforeAll(async () => {
      skip = !(await provider.available());
      if (skip) return;
      database = await provider.create();
      store = await migratedStore(database);
      shanghai = await store.workspaces.ensure({
        platform: 'slack',
        externalId: 'T1',
        name: 'Shanghai',
        timezone: 'Asia/Shanghai',
        locale: 'zh-CN',
      });
      berlin = await store.workspaces.ensure({
        platform: 'slack',
        externalId: 'T2',
        name: 'Berlin',
        timezone: 'Europe/Berlin',
        locale: 'en',
      });
    });
    afterAll(async () => {
      if (skip) return;
      await store.close();
      await database.drop();
    });

    it('catches up a missed Wednesday 14:00 digest once, in each workspace’s timezone, across two replicas', async (ctx) => {
      if (skip) return ctx.skip();
      const r1 = createScheduler({ store, jobs: [digest], logger: silentLogger, replica: 'r1' });
      const r2 = createScheduler({ store, jobs: [digest], logger: silentLogger, replica: 'r2' });
      await Promise.all([r1.start(), r2.start()]);
      try {
        // Wednesday 18 Nov 2026, 16:00 in Shanghai (08:00Z), 09:00 in Berlin: Shanghai's 14:00 slot (06:00Z) was missed.
        const now = new Date('2026-11-18T08:00:00Z');
        await Promise.all([r1.catchUp(now), r2.catchUp(now)]);
        expect(runs).toEqual(['Shanghai@2026-11-18T06:00:00.000Z']);
        expect(await store.jobSlots.lastRun('digest', shanghai.id)).toMatchObject({
          slotAt: new Date('2026-11-18T06:00:00Z'),
          result: 'sent',
        });
        // A restart within the window does not send it again; Berlin's 14:00 (13:00Z) is still ahead.
        await r1.catchUp(new Date('2026-11-18T09:00:00Z'));
        expect(runs).toHaveLength(1);
        // Berlin's slot, missed too: it fails, the failure is recorded, Shanghai is unaffected.
        await r2.catchUp(new Date('2026-11-18T15:30:00Z'));
        expect(runs).toEqual(['Shanghai@2026-11-18T06:00:00.000Z', 'Berlin@2026-11-18T13:00:00.000Z']);
        expect((await store.jobSlots.lastRun('digest', berlin.id))?.result).toBe('failed: boom');
        // After a long outage (past the 6 h window) a slot is not run the next day.
        await r1.catchUp(new Date('2026-11-26T00:00:00Z'));
        expect(runs).toHaveLength(2);
        expect(r1.list().find((j) => j.workspaceId === shanghai.id)).toMatchObject({ cron: '0 14 * * 3', timezone: 'Asia/Shanghai' });
      } finally {
        await Promise.all([r1.stop(), r2.stop()]);
      }
    });

    it('lets one replica run each live slot of node-cron', async (ctx) => {
      if (skip) return ctx.skip();
      const ticks: string[] = [];
      const everySecond: JobDefinition = {
        name: 'tick',
        cronFor: (ws) => (ws.id === shanghai.id ? '* * * * * *' : undefined),
        run: async (_ws, slotAt) => {
          ticks.push(slotAt.toISOString());
          return 'ok';
        },
      };
      const replicas = ['a', 'b'].map((replica) => createScheduler({ store, jobs: [everySecond], logger: silentLogger, replica }));
      await Promise.all(replicas.map((r) => r.start()));
      await new Promise((r) => setTimeout(r, 2500));
      await Promise.all(replicas.map((r) => r.stop()));
      expect(ticks.length).toBeGreaterThanOrEqual(2);
      expect(new Set(ticks).size).toBe(ticks.length);
    });
  });
}
