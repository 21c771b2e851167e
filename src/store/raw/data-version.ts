import type pg from 'pg';
import type { RawConnection } from './raw-connection.ts';

/** What a counter counts: the observations, or the activity days cohorts are built from. */
export type DataKind = 'observations' | 'activity';

const BUMP = `INSERT INTO "DataVersion" ("workspaceId", "kind", "version") VALUES ($1, $2, 1)
ON CONFLICT ("workspaceId", "kind") DO UPDATE SET "version" = "DataVersion"."version" + 1`;
const READ = `SELECT "version" FROM "DataVersion" WHERE "workspaceId" = $1 AND "kind" = $2`;
const sqlite = (sql: string) => sql.replace(/\$\d/g, '?');

/**
 * Raises the workspace's counter for `kind`, inside the caller's open transaction (SQLite: the connection's;
 * PostgreSQL: the client's below), so the counter changes exactly when the data does, on every replica.
 */
export function bumpSqliteDataVersion(raw: Extract<RawConnection, { kind: 'sqlite' }>, workspaceId: string, kind: DataKind): void {
  raw.db.prepare(sqlite(BUMP)).run(workspaceId, kind);
}

/** PostgreSQL's form: the client holds the open transaction. */
export async function bumpPgDataVersion(client: pg.PoolClient, workspaceId: string, kind: DataKind): Promise<void> {
  await client.query(BUMP, [workspaceId, kind]);
}

/** The same raise inside a Prisma transaction (deletes and moves of observations go through Prisma). */
export async function bumpDataVersionInTransaction(
  tx: { $executeRawUnsafe(sql: string, ...values: unknown[]): Promise<number> },
  provider: RawConnection['kind'],
  workspaceId: string,
  kind: DataKind,
): Promise<void> {
  await tx.$executeRawUnsafe(provider === 'sqlite' ? sqlite(BUMP) : BUMP, workspaceId, kind);
}

/** The workspace's counter for `kind` (0 before the first write). */
export async function readDataVersion(raw: RawConnection, workspaceId: string, kind: DataKind): Promise<number> {
  if (raw.kind === 'sqlite') return Number((raw.db.prepare(sqlite(READ)).pluck().get(workspaceId, kind) as number | undefined) ?? 0);
  const res = await raw.pool.query<{ version: number }>(READ, [workspaceId, kind]);
  return Number(res.rows[0]?.version ?? 0);
}
