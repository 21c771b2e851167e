import type Database from 'better-sqlite3';
import type pg from 'pg';
import type { DatabaseTarget } from '../database-url.ts';

/** Told when the server drops a connection (a restart, a terminated backend): for the log; the pools reconnect by themselves. */
export type ConnectionLost = (error: Error) => void;

/** The driver itself, beside Prisma, for the bulk and hot paths (Prisma's createMany is ~2% of the driver's speed). */
export type RawConnection =
  | { kind: 'sqlite'; db: Database.Database; close(): Promise<void> }
  | { kind: 'postgres'; pool: pg.Pool; close(): Promise<void> };

/** Opens the driver of the target's kind; only that driver is loaded (a SQLite bot never loads node-postgres). */
export async function openRawConnection(target: DatabaseTarget, poolSize = 10, onLost: ConnectionLost = () => {}): Promise<RawConnection> {
  if (target.kind === 'sqlite') {
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(target.file, { timeout: 10_000 });
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    return {
      kind: 'sqlite',
      db,
      close: async () => {
        db.close();
      },
    };
  }
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: target.url, max: poolSize });
  reportLostConnections(pool, onLost);
  return { kind: 'postgres', pool, close: () => pool.end() };
}

/**
 * A connection the server drops (a restart, a terminated backend) must not end the process. node-postgres
 * emits 'error' on the client, and the pool listens only while the client is idle: between handing a fresh
 * client out and the borrower's first line of code, a termination that arrives in the same read as the
 * login's last message is an unhandled 'error' event (seen under `pg_terminate_backend` during writes).
 * So every client carries a listener for its whole life; the pool discards dead clients itself, and the
 * next query connects again. Each lost connection is reported once.
 */
export function reportLostConnections(pool: pg.Pool, onLost: ConnectionLost): void {
  pool.on('connect', (client) => {
    let reported = false;
    client.on('error', (error) => {
      if (reported) return;
      reported = true;
      onLost(error);
    });
  });
  // Idle clients' errors reach the pool too: already reported by the client's own listener.
  pool.on('error', () => {});
}

/** Timestamps as Prisma's SQLite adapter writes them, so rows written here read back as dates. */
export function sqliteTimestamp(date: Date): string {
  return date.toISOString().replace('Z', '+00:00');
}

/** PostgreSQL's deadlock_detected: it rolled one transaction back so the other could go on. */
const DEADLOCK = '40P01';

/**
 * Runs `body` on one pooled client inside BEGIN … COMMIT, rolling back on any error; a transaction the
 * server chose as a deadlock's victim runs again (up to three times), so `body` must start from nothing.
 */
export async function inPgTransaction<T>(pool: pg.Pool, body: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await onceInPgTransaction(pool, body);
    } catch (error) {
      if ((error as { code?: string }).code !== DEADLOCK || attempt === 3) throw error;
    }
  }
}

/**
 * One attempt. A client that lost its connection, or could not roll back, is released with the error so
 * the pool discards it instead of handing a dead (or mid-transaction) connection to the next caller.
 */
async function onceInPgTransaction<T>(pool: pg.Pool, body: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  const onError = (error: Error) => {
    broken ??= error;
  };
  client.on('error', onError);
  try {
    await client.query('BEGIN');
    const result = await body(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    if (!broken) await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
    throw error;
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}
