import type { ObservationInput, UpsertSummary, WriteMeta } from '../../core/ports/observations.ts';
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
  }).immediate();
  return summary;
}

// One statement per chunk: the CTE `old` reads the values before the upsert, the upsert skips equal
// values, and RETURNING tells inserted (no old value) from updated rows.
const PG_UPSERT = `WITH input AS (
  SELECT * FROM unnest($2::text[], $3::text[], $4::text[], $5::float8[]) AS t(metric, segment, day, value)
), old AS (
  SELECT o.metric, o.segment, o.day, o.value FROM "Observation" o
  JOIN input i ON o.metric = i.metric AND o.segment = i.segment AND o.day = i.day
  WHERE o."workspaceId" = $1
), up AS (
  INSERT INTO "Observation" ("workspaceId", "metric", "segment", "day", "value", "source", "sourceRef", "updatedBy", "updatedAt")
  SELECT $1, metric, segment, day, value, $6, $7, $8, $9 FROM input
  ON CONFLICT ("workspaceId", "metric", "segment", "day") DO UPDATE SET "value" = excluded."value", "source" = excluded."source",
    "sourceRef" = excluded."sourceRef", "updatedBy" = excluded."updatedBy", "updatedAt" = excluded."updatedAt"
  WHERE "Observation"."value" IS DISTINCT FROM excluded."value"
  RETURNING metric, segment, day, value
)
SELECT up.metric, up.segment, up.day, up.value, old.value AS old FROM up LEFT JOIN old ON up.metric = old.metric AND up.segment = old.segment AND up.day = old.day`;

const PG_AUDIT = `INSERT INTO "AuditEntry" (${AUDIT_COLUMNS})
SELECT $1, $2, $3, target, before::jsonb, after::jsonb, $4 FROM unnest($5::text[], $6::text[], $7::text[]) AS t(target, before, after)`;

async function writePostgres(
  raw: Extract<RawConnection, { kind: 'postgres' }>,
  workspaceId: string,
  rows: readonly ObservationInput[],
  meta: WriteMeta,
): Promise<UpsertSummary> {
  const now = new Date();
  const summary: UpsertSummary = { inserted: 0, updated: 0, unchanged: 0 };
  return inPgTransaction(raw.pool, async (client) => {
    for (let i = 0; i < rows.length; i += 5000) {
      const chunk = rows.slice(i, i + 5000);
      const result = await client.query<{ metric: string; segment: string; day: string; value: number; old: number | null }>(PG_UPSERT, [
        workspaceId,
        chunk.map((r) => r.metric),
        chunk.map((r) => r.segment),
        chunk.map((r) => r.day),
        chunk.map((r) => r.value),
        meta.source,
        meta.sourceRef ?? null,
        meta.actor,
        now,
      ]);
      const changed = result.rows.filter((r) => r.old !== null);
      summary.inserted += result.rows.length - changed.length;
      summary.updated += changed.length;
      summary.unchanged += chunk.length - result.rows.length;
      if (changed.length) {
        await client.query(PG_AUDIT, [
          workspaceId,
          meta.actor,
          'observation.update',
          now,
          changed.map((r) => `${r.metric}/${r.segment}/${r.day}`),
          changed.map((r) => JSON.stringify({ value: r.old })),
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
