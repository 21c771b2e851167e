// Bulk import throughput of the store's upsert against the raw driver writing the same rows into the
// same table, measured in the same run (these machines are noisy, so the ratio is what counts).
import Database from 'better-sqlite3';
import pg from 'pg';
import type { ObservationInput } from '../src/core/ports/observations.ts';
import { createStore } from '../src/store/create-store.ts';
import { parseDatabaseUrl } from '../src/store/database-url.ts';
import { migrateDatabase } from '../src/store/migrations/migrate.ts';
import { pgDb, sqliteDb } from './bench-databases.ts';

export function benchRows(n: number): ObservationInput[] {
  const metrics = ['spend', 'revenue', 'new_users', 'clicks', 'impressions'];
  const rows: ObservationInput[] = [];
  for (let i = 0; rows.length < n; i++) {
    const day = new Date(Date.UTC(2024, 0, 1 + Math.floor(i / (metrics.length * 50)))).toISOString().slice(0, 10);
    rows.push({
      metric: metrics[i % metrics.length] as string,
      segment: `channel_${Math.floor(i / metrics.length) % 50}`,
      day,
      value: (i * 7919) % 100_000,
    });
  }
  return rows;
}

const INSERT_SQLITE =
  'INSERT INTO "Observation" ("workspaceId", "metric", "segment", "day", "value", "source", "sourceRef", "updatedBy", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)';

async function storeRun(url: string, rows: ObservationInput[]): Promise<number> {
  await migrateDatabase(parseDatabaseUrl(url));
  const store = await createStore(url);
  const ws = await store.workspaces.ensure({ platform: 'local', externalId: 'bench', name: 'bench', timezone: 'UTC', locale: 'en' });
  const t0 = performance.now();
  const summary = await store.observations.upsert(ws.id, rows, { source: 'csv', actor: 'bench' });
  const ms = performance.now() - t0;
  if (summary.inserted !== rows.length) throw new Error('the store did not insert every row');
  await store.close();
  return ms;
}

export async function benchSqliteIngest(n: number) {
  const rows = benchRows(n);
  const raw = sqliteDb();
  await migrateDatabase(parseDatabaseUrl(raw.url));
  const db = new Database(raw.file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.prepare(
    `INSERT INTO "Workspace" ("id", "platform", "externalId", "name", "timezone", "locale", "updatedAt") VALUES ('w', 'local', 'w', 'w', 'UTC', 'en', '2026-01-01')`,
  ).run();
  const insert = db.prepare(INSERT_SQLITE);
  const now = new Date().toISOString();
  const t0 = performance.now();
  db.transaction(() => {
    for (const r of rows) insert.run('w', r.metric, r.segment, r.day, r.value, 'csv', null, 'bench', now);
  })();
  const rawMs = performance.now() - t0;
  db.close();
  raw.drop();
  const ours = sqliteDb();
  const storeMs = await storeRun(ours.url, rows);
  ours.drop();
  return {
    rows: n,
    rawRowsPerSec: Math.round(n / (rawMs / 1000)),
    storeRowsPerSec: Math.round(n / (storeMs / 1000)),
    ratio: rawMs / storeMs,
  };
}

export async function benchPostgresIngest(n: number) {
  const rows = benchRows(n);
  const raw = await pgDb();
  if (!raw) return { skipped: 'PostgreSQL unreachable' };
  await migrateDatabase(parseDatabaseUrl(raw.url));
  const client = new pg.Client({ connectionString: raw.url });
  await client.connect();
  await client.query(
    `INSERT INTO "Workspace" ("id", "platform", "externalId", "name", "timezone", "locale", "updatedAt") VALUES ('w', 'local', 'w', 'w', 'UTC', 'en', now())`,
  );
  const now = new Date();
  const t0 = performance.now();
  await client.query('BEGIN');
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000);
    const params: unknown[] = [];
    const tuples = chunk.map((r, j) => {
      params.push('w', r.metric, r.segment, r.day, r.value, 'csv', null, 'bench', now);
      const b = j * 9;
      return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}, $${b + 7}, $${b + 8}, $${b + 9})`;
    });
    await client.query(
      `INSERT INTO "Observation" ("workspaceId", "metric", "segment", "day", "value", "source", "sourceRef", "updatedBy", "updatedAt") VALUES ${tuples.join(', ')}`,
      params,
    );
  }
  await client.query('COMMIT');
  const rawMs = performance.now() - t0;
  await client.end();
  await raw.drop();
  const ours = await pgDb();
  if (!ours) return { skipped: 'PostgreSQL unreachable' };
  const storeMs = await storeRun(ours.url, rows);
  await ours.drop();
  return {
    rows: n,
    rawRowsPerSec: Math.round(n / (rawMs / 1000)),
    storeRowsPerSec: Math.round(n / (storeMs / 1000)),
    ratio: rawMs / storeMs,
  };
}
