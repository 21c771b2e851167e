import type { DatabaseTarget } from '../database-url.ts';

const SQL = 'SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL';

/** The migrations Prisma's history table records as applied, or undefined when there is no history yet. */
export async function appliedMigrations(target: DatabaseTarget): Promise<Set<string> | undefined> {
  try {
    if (target.kind === 'sqlite') {
      const { default: Database } = await import('better-sqlite3');
      const db = new Database(target.file, { fileMustExist: true, readonly: true });
      try {
        return new Set((db.prepare(SQL).all() as { migration_name: string }[]).map((r) => r.migration_name));
      } finally {
        db.close();
      }
    }
    const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString: target.url, connectionTimeoutMillis: 5000 });
    // A connection dropped while we hold it emits 'error' on the client; unheard, that would end the process.
    // The query or end() in progress fails too, and that answers "unknown" below.
    client.on('error', () => {});
    await client.connect();
    try {
      return new Set((await client.query<{ migration_name: string }>(SQL)).rows.map((r) => r.migration_name));
    } finally {
      await client.end();
    }
  } catch {
    return undefined;
  }
}
