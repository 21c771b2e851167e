// Workspace settings are one JSON value that several commands change (the digest's, the check-in's, alerts'):
// changeSettings is read-modify-write safe, so 20 changes at once all land, on SQLite and on PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandContext } from '../../src/core/commands/command-context.ts';
import { runCommand } from '../../src/core/commands/run-command.ts';
import { checkinSettings } from '../../src/core/digest/checkin-settings.ts';
import type { Store } from '../../src/core/ports/store.ts';
import { identifyCaller } from '../../src/core/workspace/identify.ts';
import { migratedStore } from '../helpers/migrated-store.ts';
import { PROVIDERS, type TestDatabase } from '../helpers/test-databases.ts';

for (const provider of PROVIDERS) {
  describe(`workspace settings under concurrent changes on ${provider.kind}`, () => {
    let database: TestDatabase;
    let store: Store;
    let admin: CommandContext;
    let skip = false;
    beforeAll(async () => {
      skip = !(await provider.available());
      if (skip) return;
      database = await provider.create();
      store = await migratedStore(database);
      const a = await identifyCaller(
        store,
        { platform: 'slack', teamId: 'T1', userId: 'UADMIN' },
        { timezone: 'Asia/Shanghai', locale: 'en' },
      );
      admin = { store, ...a, now: new Date('2026-12-01T08:00:00Z') };
    });
    afterAll(async () => {
      if (skip) return;
      await store.close();
      await database.drop();
    });

    it('keeps all of 20 simultaneous changes, each to its own key', async (ctx) => {
      if (skip) return ctx.skip();
      const id = admin.workspace.id;
      await Promise.all(Array.from({ length: 20 }, (_, i) => store.workspaces.changeSettings(id, (s) => ({ ...s, [`k${i}`]: i }))));
      const settings = (await store.workspaces.get(id))?.settings ?? {};
      expect(Array.from({ length: 20 }, (_, i) => settings[`k${i}`])).toEqual(Array.from({ length: 20 }, (_, i) => i));
    });

    it('loses no /growth checkin change made while others change the same settings', async (ctx) => {
      if (skip) return ctx.skip();
      const id = admin.workspace.id;
      // Ten admins set the threshold at once, with ten other changes to other settings in between.
      await Promise.all([
        ...Array.from({ length: 10 }, (_, i) => runCommand(admin, '/growth', `checkin threshold ${11 + i}%`)),
        ...Array.from({ length: 10 }, (_, i) => store.workspaces.changeSettings(id, (s) => ({ ...s, [`other${i}`]: true }))),
      ]);
      const ws = (await store.workspaces.get(id))!;
      expect(Array.from({ length: 10 }, (_, i) => ws.settings[`other${i}`])).toEqual(Array.from({ length: 10 }, () => true));
      expect([11, 12, 13, 14, 15, 16, 17, 18, 19, 20].map((p) => p / 100)).toContain(checkinSettings(ws).moveThreshold);
      // The keys set before are still there too.
      expect(ws.settings.k19).toBe(19);
      expect(await store.audit.list(id, { action: 'settings.update' })).toHaveLength(10);
    });
  });
}
