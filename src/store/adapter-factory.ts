import { randomUUID } from 'node:crypto';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import pg from 'pg';
import type { DatabaseTarget } from './database-url.ts';
import { reportLostConnections } from './raw/raw-connection.ts';

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
  // PostgreSQL from discrete fields, not a connection string: the adapter builds its shadow database's
  // pool as { ...config, database }, and a connectionString in config would override that database.
  // Our own pool, so that every client it hands out listens for a dropped connection (see reportLostConnections).
  const pool = target.kind === 'postgres' ? new pg.Pool({ ...pgFieldsFromUrl(target.url), max: poolSize }) : undefined;
  if (pool) reportLostConnections(pool, () => {});
  const inner: SqlMigrationAwareDriverAdapterFactory =
    target.kind === 'sqlite'
      ? new PrismaBetterSqlite3({ url: target.file, timeout: 10_000 })
      : new PrismaPg(pool as pg.Pool, { onConnectionError: () => {} });
  const opened: SqlDriverAdapter[] = [];
  const track = async (connecting: Promise<SqlDriverAdapter>) => {
    const adapter = target.kind === 'sqlite' ? withScriptAwareExecuteRaw(await connecting) : await connecting;
    opened.push(adapter);
    return adapter;
  };
  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: () => track(inner.connect()),
    connectToShadowDb: () => (target.kind === 'postgres' ? track(postgresShadow(target.url, inner)) : track(inner.connectToShadowDb())),
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

/**
 * A scratch database for the engine to replay migrations into. The adapter's own version drops the
 * database while its pool still holds a connection (and fails); here the pool ends first.
 */
async function postgresShadow(url: string, main: SqlMigrationAwareDriverAdapterFactory): Promise<SqlDriverAdapter> {
  const admin = await main.connect();
  const name = `prisma_migrate_shadow_db_${randomUUID().replace(/-/g, '')}`;
  await admin.executeScript(`CREATE DATABASE "${name}"`);
  const shadow = await new PrismaPg({ ...pgFieldsFromUrl(url), database: name, max: 2 }, { onPoolError: () => {} }).connect();
  const dispose = shadow.dispose.bind(shadow);
  return new Proxy(shadow, {
    get(target, property, receiver) {
      if (property !== 'dispose') return Reflect.get(target, property, receiver);
      return async () => {
        await dispose();
        await admin.executeScript(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await admin.dispose();
      };
    },
  });
}

/** Host, port, user, password and database of a postgres:// URL (sslmode and other parameters kept as options). */
export function pgFieldsFromUrl(url: string): pg.PoolConfig {
  const u = new URL(url);
  const ssl = u.searchParams.get('sslmode');
  return {
    host: decodeURIComponent(u.hostname) || undefined,
    port: u.port ? Number(u.port) : undefined,
    user: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    database: u.pathname.length > 1 ? decodeURIComponent(u.pathname.slice(1)) : undefined,
    ...(ssl && ssl !== 'disable' ? { ssl: ssl === 'no-verify' ? { rejectUnauthorized: false } : true } : {}),
  };
}

/**
 * The schema engine replays a migration on SQLite's shadow database by sending the whole migration.sql
 * to `executeRaw`, which the better-sqlite3 adapter runs as one prepared statement and refuses
 * ("contains more than one statement"). A parameterless multi-statement script goes to `executeScript`.
 */
function withScriptAwareExecuteRaw(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const executeRaw = adapter.executeRaw.bind(adapter);
  return new Proxy(adapter, {
    get(target, property, receiver) {
      if (property !== 'executeRaw') return Reflect.get(target, property, receiver);
      return async (query: Parameters<SqlDriverAdapter['executeRaw']>[0]) => {
        if (query.args.length === 0 && /;\s*\S/.test(query.sql.replace(/--[^\n]*/g, ''))) {
          await target.executeScript(query.sql);
          return 0;
        }
        return executeRaw(query);
      };
    },
  });
}
