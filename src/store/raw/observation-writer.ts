import type { ObservationInput, UpsertSummary, WriteMeta } from '../../core/ports/observations.ts';
import { bumpPgDataVersion, bumpSqliteDataVersion } from './data-version.ts';
import { inPgTransaction, type RawConnection, sqliteTimestamp } from './raw-connection.ts';

const SQLITE_INSERT = `INSERT OR IGNORE INTO "Observation" ("workspaceId", "metric", "segment", "day", "value", "source", "sourceRef", "updatedBy", "updatedAt")
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`;
const SQLITE_UPDATE = `UPDATE "Observation" SET "value" = ?, "source" = ?, "sourceRef" = ?, "updatedBy" = ?, "updatedAt" = ?
WHERE "workspaceId" = ? AND "metric" = ? AND "segment" = ? AND "day" = ?`;

const AUDIT_COLUMNS = '"workspaceId", "actor", "action", "target", "before", "after", "at"';

function writeSqlite(
  raw: Extract<RawConnection, { kind: 'sqlite' }>,
  workspaceId: string,
  rows: readonly ObservationInput[],
  meta: WriteMeta,
): UpsertSummary {
  const { db } = raw;
  const find = db
    .prepare('SELECT "value" FROM "Observation" WHERE "workspaceId" = ? AND "metric" = ? AND "segment" = ? AND "day" = ?')
    .pluck();
  const insert = db.prepare(SQLITE_INSERT);
  const update = db.prepare(SQLITE_UPDATE);
  const audit = db.prepare(`INSERT INTO "AuditEntry" (${AUDIT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const now = sqliteTimestamp(new Date());
  const summary: UpsertSummary = { inserted: 0, updated: 0, unchanged: 0 };
  db.transaction(() => {
    // New rows (the bulk of a first import) cost one statement; only existing keys are read back.
    for (const r of rows) {
      if (
        insert.run(workspaceId, r.metric, r.segment, r.day, r.value, meta.source, meta.sourceRef ?? null, meta.actor, now).changes === 1
      ) {
        summary.inserted++;
        continue;
      }
      const old = find.get(workspaceId, r.metric, r.segment, r.day) as number;
      if (old === r.value) summary.unchanged++;
      else {
        update.run(r.value, meta.source, meta.sourceRef ?? null, meta.actor, now, workspaceId, r.metric, r.segment, r.day);
        summary.updated++;
        audit.run(
          workspaceId,
          meta.actor,
          'observation.update',
          `${r.metric}/${r.segment}/${r.day}`,
          JSON.stringify({ value: old }),
          JSON.stringify({ value: r.value, source: meta.source }),
          now,
        );
      }
    }
    audit.run(
      workspaceId,
      meta.actor,
      'observation.upsert',
      meta.sourceRef ?? meta.source,
      null,
      JSON.stringify({ source: meta.source, ...summary }),
      now,
    );
    if (summary.inserted + summary.updated > 0) bumpSqliteDataVersion(raw, workspaceId, 'observations');
  }).immediate();
  return summary;
}

// PostgreSQL, per chunk of keys in one sorted order (so two writers lock in the same order and cannot deadlock):
// 1. lock the keys' existing rows and read their values (FOR UPDATE waits for a concurrent writer of the same
//    key to commit, then reads what it wrote: the "old" of every audit entry is the value it replaces);
// 2. insert the keys that had no row (ON CONFLICT DO NOTHING: a key another writer inserted meanwhile is skipped);
// 3. lock and read those skipped keys, now committed by the other writer, as in 1;
// 4. update the locked rows whose value changes, and audit each change with its old value.
// Two concurrent writes of one key thus take turns, and its audit entries form a chain.
const INPUT_KEYS = 'unnest($2::text[], $3::text[], $4::text[]) AS i(metric, segment, day)';
const PG_LOCK = `SELECT o.metric, o.segment, o.day, o.value FROM "Observation" o JOIN ${INPUT_KEYS}
  ON o.metric = i.metric AND o.segment = i.segment AND o.day = i.day
WHERE o."workspaceId" = $1 ORDER BY o.metric, o.segment, o.day FOR UPDATE OF o`;
const PG_INSERT = `INSERT INTO "Observation" ("workspaceId", "metric", "segment", "day", "value", "source", "sourceRef", "updatedBy", "updatedAt")
SELECT $1, metric, segment, day, value, $6, $7, $8, $9
FROM unnest($2::text[], $3::text[], $4::text[], $5::float8[]) WITH ORDINALITY AS t(metric, segment, day, value, n) ORDER BY n
ON CONFLICT ("workspaceId", "metric", "segment", "day") DO NOTHING RETURNING metric, segment, day`;
const PG_UPDATE = `UPDATE "Observation" o SET "value" = i.value, "source" = $6, "sourceRef" = $7, "updatedBy" = $8, "updatedAt" = $9
FROM unnest($2::text[], $3::text[], $4::text[], $5::float8[]) AS i(metric, segment, day, value)
WHERE o."workspaceId" = $1 AND o.metric = i.metric AND o.segment = i.segment AND o.day = i.day`;

const PG_AUDIT = `INSERT INTO "AuditEntry" (${AUDIT_COLUMNS})
SELECT $1, $2, $3, target, before::jsonb, after::jsonb, $4 FROM unnest($5::text[], $6::text[], $7::text[]) AS t(target, before, after)`;

type Key = Pick<ObservationInput, 'metric' | 'segment' | 'day'>;
const keyOf = (r: Key) => `${r.metric}\u0000${r.segment}\u0000${r.day}`;
const byKey = (a: Key, b: Key) =>
  a.metric < b.metric
    ? -1
    : a.metric > b.metric
      ? 1
      : a.segment < b.segment
        ? -1
        : a.segment > b.segment
          ? 1
          : a.day < b.day
            ? -1
            : a.day > b.day
              ? 1
              : 0;
const keyColumns = (rows: readonly Key[]) => [rows.map((r) => r.metric), rows.map((r) => r.segment), rows.map((r) => r.day)];

async function writePostgres(
  raw: Extract<RawConnection, { kind: 'postgres' }>,
  workspaceId: string,
  rows: readonly ObservationInput[],
  meta: WriteMeta,
): Promise<UpsertSummary> {
  const now = new Date();
  // Byte order, as PostgreSQL's "C" collation and the ORDER BY of the lock compare: one order for every writer.
  const sorted = [...rows].sort(byKey);
  return inPgTransaction(raw.pool, async (client) => {
    const summary: UpsertSummary = { inserted: 0, updated: 0, unchanged: 0 };
    const lock = async (keys: readonly Key[], into: Map<string, number>) => {
      if (keys.length === 0) return;
      const found = await client.query<Key & { value: number }>(PG_LOCK, [workspaceId, ...keyColumns(keys)]);
      for (const r of found.rows) into.set(keyOf(r), Number(r.value));
    };
    const write = (sql: string, chunk: readonly ObservationInput[]) =>
      client.query<Key>(sql, [
        workspaceId,
        ...keyColumns(chunk),
        chunk.map((r) => r.value),
        meta.source,
        meta.sourceRef ?? null,
        meta.actor,
        now,
      ]);
    for (let i = 0; i < sorted.length; i += 5000) {
      const chunk = sorted.slice(i, i + 5000);
      const old = new Map<string, number>();
      await lock(chunk, old);
      const fresh = chunk.filter((r) => !old.has(keyOf(r)));
      const inserted = new Set(fresh.length ? (await write(PG_INSERT, fresh)).rows.map(keyOf) : []);
      await lock(
        fresh.filter((r) => !inserted.has(keyOf(r))),
        old,
      );
      const changed = chunk.filter((r) => old.has(keyOf(r)) && old.get(keyOf(r)) !== r.value);
      summary.inserted += inserted.size;
      summary.updated += changed.length;
      summary.unchanged += chunk.length - inserted.size - changed.length;
      if (changed.length) {
        await write(PG_UPDATE, changed);
        await client.query(PG_AUDIT, [
          workspaceId,
          meta.actor,
          'observation.update',
          now,
          changed.map((r) => `${r.metric}/${r.segment}/${r.day}`),
          changed.map((r) => JSON.stringify({ value: old.get(keyOf(r)) })),
          changed.map((r) => JSON.stringify({ value: r.value, source: meta.source })),
        ]);
      }
    }
    await client.query(`INSERT INTO "AuditEntry" (${AUDIT_COLUMNS}) VALUES ($1, $2, $3, $4, NULL, $5::jsonb, $6)`, [
      workspaceId,
      meta.actor,
      'observation.upsert',
      meta.sourceRef ?? meta.source,
      JSON.stringify({ source: meta.source, ...summary }),
      now,
    ]);
    // Last, after every row lock (taken in key order): two writers meet here only once their rows are settled.
    if (summary.inserted + summary.updated > 0) await bumpPgDataVersion(client, workspaceId, 'observations');
    return summary;
  });
}

/** The bulk upsert on the driver, in one transaction: all rows or none. */
export async function writeObservations(
  raw: RawConnection,
  workspaceId: string,
  rows: readonly ObservationInput[],
  meta: WriteMeta,
): Promise<UpsertSummary> {
  return raw.kind === 'sqlite' ? writeSqlite(raw, workspaceId, rows, meta) : writePostgres(raw, workspaceId, rows, meta);
}
