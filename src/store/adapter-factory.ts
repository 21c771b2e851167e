import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import pg from 'pg';
import type { DatabaseTarget } from './database-url.ts';

export interface AdapterHandle {
  factory: SqlMigrationAwareDriverAdapterFactory;
  /** Disposes every connection the factory handed out and ends the PostgreSQL pool. */
  close(): Promise<void>;
}

/**
 * The Prisma driver adapter for a database target (better-sqlite3 or node-postgres), tracking the
 * connections it opens: the schema engine does not dispose them on `free()`, and an idle SQLite
 * connection it left behind would hold the file's lock against the next one.
 */
export function createAdapterFactory(target: DatabaseTarget, poolSize = 10): AdapterHandle {
  const pool = target.kind === 'postgres' ? new pg.Pool({ connectionString: target.url, max: poolSize }) : undefined;
  // An idle connection the server drops (a restart, a terminated backend) must not crash the process:
  // the pool discards it and the next query connects again; failing queries still throw to their callers.
  pool?.on('error', () => {});
  const inner: SqlMigrationAwareDriverAdapterFactory =
    target.kind === 'sqlite' ? new PrismaBetterSqlite3({ url: target.file, timeout: 10_000 }) : new PrismaPg(pool as pg.Pool);
  const opened: SqlDriverAdapter[] = [];
  const track = async (connecting: Promise<SqlDriverAdapter>) => {
    const adapter = await connecting;
    opened.push(adapter);
    return adapter;
  };
  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: () => track(inner.connect()),
    connectToShadowDb: () => track(inner.connectToShadowDb()),
  };
  let closed = false;
  return {
    factory,
    close: async () => {
      if (closed) return;
      closed = true;
      for (const adapter of opened.splice(0)) await adapter.dispose().catch(() => {});
      await pool?.end();
    },
  };
}
