// The source repository's contract, on SQLite and on PostgreSQL (the store.contract.ts pattern).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceSpec } from '../../src/core/ports/sources.ts';
import type { Store } from '../../src/core/ports/store.ts';
import type { Workspace } from '../../src/core/ports/workspace.ts';
import { createStore } from '../../src/store/create-store.ts';
import { migratedStore } from '../helpers/migrated-store.ts';
import { PROVIDERS, type TestDatabase } from '../helpers/test-databases.ts';

const KEY = 'k'.repeat(40);
const spec: SourceSpec = {
  name: 'warehouse',
  kind: 'postgres',
  connection: 'postgres://reader:s3cret-pass@db.internal:5432/analytics',
  headers: { Authorization: 'Bearer tok-123' },
  query: 'SELECT day, spend FROM daily WHERE day >= {{since}}',
  mapping: { date: 'day', columns: { spend: 'spend' } },
  schedule: '0 * * * *',
  lookbackDays: 7,
};

for (const provider of PROVIDERS) {
  describe(`Source repository contract: ${provider.kind}`, () => {
    let database: TestDatabase;
    let store: Store;
    let ws: Workspace;
    let other: Workspace;
    let skip = false;

    beforeAll(async () => {
      skip = !(await provider.available());
      if (skip) return;
      database = await provider.create();
      store = await migratedStore(database, KEY);
      ws = await store.workspaces.ensure({ platform: 'slack', externalId: 'T1', name: 'Acme', timezone: 'UTC', locale: 'en' });
      other = await store.workspaces.ensure({ platform: 'slack', externalId: 'T2', name: 'Other', timezone: 'UTC', locale: 'en' });
    });
    afterAll(async () => {
      if (skip) return;
      await store.close();
      await database.drop();
    });

    it('stores a source with its secrets encrypted, per workspace, names unique', async (ctx) => {
      if (skip) return ctx.skip();
      expect(await store.sources.any()).toBe(false);
      const created = await store.sources.create(ws.id, spec, 'cli');
      expect(created).toMatchObject({ ...spec, workspaceId: ws.id, createdBy: 'cli' });
      expect(await store.sources.any()).toBe(true);
      await expect(store.sources.create(ws.id, spec)).rejects.toMatchObject({ code: 'input_invalid', field: 'name' });
      // Another workspace may use the same name and cannot see the first one.
      await store.sources.create(other.id, { ...spec, connection: 'mysql://x@y/z', kind: 'mysql' });
      expect((await store.sources.get(other.id, 'warehouse'))?.kind).toBe('mysql');
      expect((await store.sources.list(ws.id)).map((s) => s.kind)).toEqual(['postgres']);
      expect(await store.sources.statuses(ws.id)).toEqual([
        {
          name: 'warehouse',
          kind: 'postgres',
          schedule: '0 * * * *',
          createdAt: created.createdAt,
          lastSuccessAt: undefined,
          failingSince: undefined,
          nextRunAt: undefined,
        },
      ]);
      // Nothing secret is in the database in clear.
      const raw = JSON.stringify(await rawSources(database));
      expect(raw).not.toContain('s3cret-pass');
      expect(raw).not.toContain('tok-123');
      expect(raw).toContain('v1:');
    });

    it('lets one of 20 simultaneous adds of the same name win; the others are told the name is taken', async (ctx) => {
      if (skip) return ctx.skip();
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) =>
          store.sources.create(ws.id, { ...spec, name: 'race', connection: `https://x/${i}.csv`, kind: 'csv-url' }),
        ),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'input_invalid', field: 'name' });
      expect((await store.sources.list(ws.id)).filter((s) => s.name === 'race')).toHaveLength(1);
      expect(await store.sources.remove(ws.id, 'race')).toBe(true);
    });

    it('refuses to store or read a source without GROWTHBEAT_SECRET_KEY', async (ctx) => {
      if (skip) return ctx.skip();
      const keyless = await createStore(database.url);
      try {
        await expect(keyless.sources.create(ws.id, { ...spec, name: 'other' })).rejects.toMatchObject({
          code: 'config_invalid',
          variable: 'GROWTHBEAT_SECRET_KEY',
        });
        await expect(keyless.sources.list(ws.id)).rejects.toMatchObject({ code: 'config_invalid' });
        // Health needs no key: the digest and every answer read it.
        expect((await keyless.sources.statuses(ws.id)).map((s) => s.name)).toEqual(['warehouse']);
        // A different key cannot open them.
        const wrong = await createStore(database.url, { secretKey: 'w'.repeat(40) });
        await expect(wrong.sources.get(ws.id, 'warehouse')).rejects.toThrow(/changed since it was stored/);
        await wrong.close();
      } finally {
        await keyless.close();
      }
    });

    it('edits and removes only within the workspace', async (ctx) => {
      if (skip) return ctx.skip();
      const edited = await store.sources.update(ws.id, 'warehouse', { schedule: undefined, lookbackDays: 3, headers: {} });
      expect(edited).toMatchObject({ lookbackDays: 3, schedule: undefined, headers: undefined, connection: spec.connection });
      expect(await store.sources.update(ws.id, 'missing', { lookbackDays: 1 })).toBeUndefined();
      await store.sources.create(ws.id, { ...spec, name: 'sheet', kind: 'csv-url', connection: 'https://x/y.csv' });
      await expect(store.sources.update(ws.id, 'sheet', { name: 'warehouse' })).rejects.toMatchObject({ field: 'name' });
      expect(await store.sources.remove(other.id, 'sheet')).toBe(false);
      expect(await store.sources.remove(ws.id, 'sheet')).toBe(true);
      expect(await store.sources.get(ws.id, 'sheet')).toBeUndefined();
      await store.sources.update(ws.id, 'warehouse', { schedule: '0 * * * *', lookbackDays: 7 });
    });

    it('records runs and their effect, announces failure and recovery once, claims each slot once', async (ctx) => {
      if (skip) return ctx.skip();
      const source = (await store.sources.get(ws.id, 'warehouse')) as NonNullable<Awaited<ReturnType<Store['sources']['get']>>>;
      await expect(store.sources.startRun(other.id, source.id, { trigger: 'manual', startedAt: new Date() })).rejects.toMatchObject({
        code: 'input_invalid',
      });
      const t0 = new Date('2026-11-30T10:00:00Z');
      const run = await store.sources.startRun(ws.id, source.id, { trigger: 'schedule', since: '2026-11-23', startedAt: t0 });
      const t1 = new Date('2026-11-30T10:00:05Z');
      await store.transaction(async (tx) => {
        await tx.sources.finishRun(ws.id, run.id, { rowsRead: 10, inserted: 4, updated: 1, unchanged: 5, error: 'boom' }, t1, {
          lastErrorAt: t1,
          lastError: 'boom',
        });
        expect(await tx.sources.markFailing(ws.id, source.id, t1)).toBe(true);
      });
      expect(await store.sources.markFailing(ws.id, source.id, new Date())).toBe(false);
      expect(await store.sources.markFailing(other.id, source.id, new Date())).toBe(false);
      const failing = await store.sources.get(ws.id, 'warehouse');
      expect(failing).toMatchObject({ failingSince: t1, lastError: 'boom', lastErrorAt: t1 });
      expect(await store.sources.runs(ws.id, source.id, 5)).toEqual([
        expect.objectContaining({
          id: run.id,
          since: '2026-11-23',
          startedAt: t0,
          finishedAt: t1,
          rowsRead: 10,
          inserted: 4,
          error: 'boom',
        }),
      ]);
      expect(await store.sources.runs(other.id, source.id, 5)).toEqual([]);
      const recovered = await Promise.all(Array.from({ length: 5 }, () => store.sources.markRecovered(ws.id, source.id)));
      expect(recovered.filter(Boolean)).toHaveLength(1);
      const slot = new Date('2026-11-30T11:00:00Z');
      const claims = await Promise.all(Array.from({ length: 10 }, () => store.sources.claimSlot(ws.id, source.id, slot)));
      expect(claims.filter(Boolean)).toHaveLength(1);
      expect(await store.sources.claimSlot(ws.id, source.id, new Date('2026-11-30T10:00:00Z'))).toBe(false);
      expect(await store.sources.claimSlot(other.id, source.id, new Date('2026-11-30T12:00:00Z'))).toBe(false);
      // Removing a source removes its runs.
      expect(await store.sources.remove(ws.id, 'warehouse')).toBe(true);
      expect(await store.sources.runs(ws.id, source.id, 5)).toEqual([]);
    });
  });
}

/** The source rows as stored, read past the repository. */
async function rawSources(database: TestDatabase): Promise<unknown[]> {
  if (database.url.startsWith('file:')) {
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(database.url.slice('file:'.length), { readonly: true });
    try {
      return db.prepare('SELECT * FROM "Source"').all();
    } finally {
      db.close();
    }
  }
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    return (await client.query('SELECT * FROM "Source"')).rows;
  } finally {
    await client.end();
  }
}
