import { afterAll, describe, expect, it } from 'vitest';
import { startApp } from '../../src/app/serve.ts';
import { createHttpServer } from '../../src/base/http/http-server.ts';
import { silentLogger } from '../../src/base/logging/logger.ts';
import { loadConfig } from '../../src/config/load-config.ts';
import { healthRoute } from '../../src/server/health.route.ts';
import { createStore } from '../../src/store/create-store.ts';
import { readMigrationSet } from '../../src/store/migrations/migration-files.ts';
import { PROVIDERS, type TestDatabase } from '../helpers/test-databases.ts';

const dropped: TestDatabase[] = [];
afterAll(async () => {
  for (const d of dropped) await d.drop();
});

describe('GET /healthz', () => {
  for (const provider of PROVIDERS) {
    it(`answers 200 with version, database kind and migrations on a freshly migrated ${provider.kind}`, async (ctx) => {
      if (!(await provider.available())) return ctx.skip();
      const database = await provider.create();
      dropped.push(database);
      const app = await startApp(loadConfig({ DATABASE_URL: database.url, PORT: '0', LOG_LEVEL: 'silent' }), silentLogger);
      try {
        const res = await fetch(`${app.url}/healthz`);
        expect(res.status).toBe(200);
        expect(await res.json()).toEqual({
          status: 'ok',
          version: '0.1.0',
          database: provider.kind,
          migrations: { applied: readMigrationSet(provider.kind).directories.length, pending: [] },
        });
      } finally {
        await app.stop();
      }
    });
  }

  it('answers 503 when the database is unreachable', async () => {
    const store = await createStore('postgres://postgres@127.0.0.1:1/nowhere');
    const http = createHttpServer(silentLogger);
    http.route('GET', '/healthz', healthRoute(store, '0.1.0'));
    const { port } = await http.listen(0, '127.0.0.1');
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ status: 'database_unreachable', database: 'postgres' });
    } finally {
      await http.close(100);
      await store.close();
    }
  });
});
