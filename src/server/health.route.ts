import { type Handler, sendJson } from '../base/http/http-server.ts';
import type { Store } from '../core/ports/store.ts';

/** GET /healthz: 200 with version, database kind and migration state; 503 when the database is unreachable. */
export function healthRoute(store: Store, version: string): Handler {
  return async (_req, res) => {
    try {
      await store.ping();
      const migrations = await store.migrationState();
      const ready = migrations.pending.length === 0;
      sendJson(res, ready ? 200 : 503, {
        status: ready ? 'ok' : 'migrations_pending',
        version,
        database: store.kind,
        migrations: { applied: migrations.applied.length, pending: migrations.pending },
      });
    } catch (error) {
      sendJson(res, 503, { status: 'database_unreachable', version, database: store.kind, error: (error as Error).message.split('\n')[0] });
    }
  };
}
