import type { PrismaClient as SqliteClient } from '../../generated/sqlite/client.ts';
import { type DatabaseTarget, ensureSqliteFolder } from '../database-url.ts';
import { type ConnectionLost, reportLostConnections } from '../raw/raw-connection.ts';

/** Both generated clients have the same models; the code is written against one of their types. */
export type Db = SqliteClient;
export type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

export interface PrismaHandle {
  db: Db;
  kind: DatabaseTarget['kind'];
  close(): Promise<void>;
}

/** Opens the generated client of the provider that DATABASE_URL names, over its driver adapter (only that one is loaded). */
export async function openPrismaClient(target: DatabaseTarget, poolSize = 10, onLost: ConnectionLost = () => {}): Promise<PrismaHandle> {
  if (target.kind === 'sqlite') {
    ensureSqliteFolder(target);
    const { PrismaClient } = await import('../../generated/sqlite/client.ts');
    const { PrismaBetterSqlite3 } = await import('@prisma/adapter-better-sqlite3');
    const db = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: target.file, timeout: 10_000 }) });
    // WAL lets readers go on while an import writes; the busy timeout queues concurrent writers.
    await db.$queryRawUnsafe('PRAGMA journal_mode = WAL');
    await db.$executeRawUnsafe('PRAGMA synchronous = NORMAL');
    return { db, kind: 'sqlite', close: () => db.$disconnect() };
  }
  const { PrismaClient } = await import('../../generated/postgres/client.ts');
  const { PrismaPg } = await import('@prisma/adapter-pg');
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: target.url, max: poolSize });
  reportLostConnections(pool, onLost);
  const db = new PrismaClient({ adapter: new PrismaPg(pool) }) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    close: async () => {
      await db.$disconnect();
      await pool.end();
    },
  };
}
