import Database from 'better-sqlite3';
import pg from 'pg';
import type { DatabaseTarget } from '../database-url.ts';

/** The driver itself, beside Prisma, for the bulk and hot paths (Prisma's createMany is ~2% of the driver's speed). */
export type RawConnection =
  | { kind: 'sqlite'; db: Database.Database; close(): Promise<void> }
  | { kind: 'postgres'; pool: pg.Pool; close(): Promise<void> };

export function openRawConnection(target: DatabaseTarget, poolSize = 10): RawConnection {
  if (target.kind === 'sqlite') {
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
  const pool = new pg.Pool({ connectionString: target.url, max: poolSize });
  // An idle connection the server drops (a restart, a terminated backend) must not crash the process:
  // the pool discards it and the next query connects again; failing queries still throw to their callers.
  pool.on('error', () => {});
  return { kind: 'postgres', pool, close: () => pool.end() };
}

/** Timestamps as Prisma's SQLite adapter writes them, so rows written here read back as dates. */
export function sqliteTimestamp(date: Date): string {
  return date.toISOString().replace('Z', '+00:00');
}

/** Runs `body` on one pooled client inside BEGIN … COMMIT, rolling back on any error. */
export async function inPgTransaction<T>(pool: pg.Pool, body: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await body(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
