import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { migratedStore } from '../helpers/migrated-store.ts';
import { POSTGRES_ADMIN_URL, postgresAvailable, postgresTestDatabase } from '../helpers/test-databases.ts';

describe('the PostgreSQL store when the server drops its connections', () => {
  it('survives terminated idle connections and answers the next query', async (ctx) => {
    if (!(await postgresAvailable())) return ctx.skip();
    const database = await postgresTestDatabase();
    const store = await migratedStore(database);
    try {
      const ws = await store.workspaces.ensure({ platform: 'local', externalId: 'l', name: 'l', timezone: 'UTC', locale: 'en' });
      await store.observations.upsert(ws.id, [{ metric: 'spend', segment: '', day: '2026-11-20', value: 1 }], {
        source: 'api',
        actor: 't',
      });
      const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await admin.connect();
      const name = new URL(database.url).pathname.slice(1);
      const killed = await admin.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [name],
      );
      await admin.end();
      expect(killed.rowCount).toBeGreaterThan(0);
      await new Promise((r) => setTimeout(r, 100));
      const rows = await store.observations.query(ws.id, { metrics: ['spend'], from: '2026-11-20', to: '2026-11-20' });
      expect(rows.map((r) => r.value)).toEqual([1]);
      await expect(store.ping()).resolves.toBeUndefined();
    } finally {
      await store.close();
      await database.drop();
    }
  });
});
