import type { ActivityDay } from '../../core/ports/activity.ts';
import type { UpsertSummary, WriteMeta } from '../../core/ports/observations.ts';
import { bumpPgDataVersion, bumpSqliteDataVersion } from './data-version.ts';
import { inPgTransaction, type RawConnection, sqliteTimestamp } from './raw-connection.ts';

const COLUMNS = '"workspaceId", "userKey", "day", "segment", "events", "revenue", "sourceRef"';
// One row per user, day and source file: re-importing a file replaces its rows, other files' rows stay and add up.
const CONFLICT = `ON CONFLICT ("workspaceId", "userKey", "day", "sourceRef") DO UPDATE SET "segment" = excluded."segment", "events" = excluded."events", "revenue" = excluded."revenue"`;
const AUDIT = '"workspaceId", "actor", "action", "target", "after", "at"';

function writeSqlite(
  raw: Extract<RawConnection, { kind: 'sqlite' }>,
  workspaceId: string,
  rows: readonly ActivityDay[],
  meta: WriteMeta,
): UpsertSummary {
  const find = raw.db.prepare(
    'SELECT "segment", "events", "revenue" FROM "ActivityDay" WHERE "workspaceId" = ? AND "userKey" = ? AND "day" = ? AND "sourceRef" = ?',
  );
  const upsert = raw.db.prepare(`INSERT INTO "ActivityDay" (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?) ${CONFLICT}`);
  const summary: UpsertSummary = { inserted: 0, updated: 0, unchanged: 0 };
  raw.db
    .transaction(() => {
      for (const r of rows) {
        const old = find.get(workspaceId, r.userKey, r.day, meta.sourceRef ?? '') as
          | { segment: string; events: number; revenue: number }
          | undefined;
        if (old && old.segment === r.segment && old.events === r.events && old.revenue === r.revenue) {
          summary.unchanged++;
          continue;
        }
        upsert.run(workspaceId, r.userKey, r.day, r.segment, r.events, r.revenue, meta.sourceRef ?? '');
        if (old) summary.updated++;
        else summary.inserted++;
      }
      raw.db
        .prepare(`INSERT INTO "AuditEntry" (${AUDIT}) VALUES (?, ?, ?, ?, ?, ?)`)
        .run(
          workspaceId,
          meta.actor,
          'activity.upsert',
          meta.sourceRef ?? meta.source,
          JSON.stringify({ source: meta.source, ...summary }),
          sqliteTimestamp(new Date()),
        );
      if (summary.inserted + summary.updated > 0) bumpSqliteDataVersion(raw, workspaceId, 'activity');
    })
    .immediate();
  return summary;
}

const PG_UPSERT = `WITH input AS (
  SELECT * FROM unnest($2::text[], $3::text[], $4::text[], $5::int[], $6::float8[]) AS t("userKey", day, segment, events, revenue)
), up AS (
  INSERT INTO "ActivityDay" (${COLUMNS}) SELECT $1, "userKey", day, segment, events, revenue, $7 FROM input
  ${CONFLICT}
  WHERE ("ActivityDay"."segment", "ActivityDay"."events", "ActivityDay"."revenue") IS DISTINCT FROM (excluded."segment", excluded."events", excluded."revenue")
  RETURNING (xmax = 0) AS inserted
)
SELECT count(*) FILTER (WHERE inserted) AS inserted, count(*) FILTER (WHERE NOT inserted) AS updated FROM up`;

async function writePostgres(
  raw: Extract<RawConnection, { kind: 'postgres' }>,
  workspaceId: string,
  rows: readonly ActivityDay[],
  meta: WriteMeta,
): Promise<UpsertSummary> {
  return inPgTransaction(raw.pool, async (client) => {
    const summary: UpsertSummary = { inserted: 0, updated: 0, unchanged: 0 };
    for (let i = 0; i < rows.length; i += 5000) {
      const c = rows.slice(i, i + 5000);
      const res = await client.query<{ inserted: string; updated: string }>(PG_UPSERT, [
        workspaceId,
        c.map((r) => r.userKey),
        c.map((r) => r.day),
        c.map((r) => r.segment),
        c.map((r) => r.events),
        c.map((r) => r.revenue),
        meta.sourceRef ?? '',
      ]);
      const [ins, upd] = [Number(res.rows[0]?.inserted ?? 0), Number(res.rows[0]?.updated ?? 0)];
      summary.inserted += ins;
      summary.updated += upd;
      summary.unchanged += c.length - ins - upd;
    }
    await client.query(`INSERT INTO "AuditEntry" (${AUDIT}) VALUES ($1, $2, $3, $4, $5::jsonb, $6)`, [
      workspaceId,
      meta.actor,
      'activity.upsert',
      meta.sourceRef ?? meta.source,
      JSON.stringify({ source: meta.source, ...summary }),
      new Date(),
    ]);
    if (summary.inserted + summary.updated > 0) await bumpPgDataVersion(client, workspaceId, 'activity');
    return summary;
  });
}

export function writeActivity(
  raw: RawConnection,
  workspaceId: string,
  rows: readonly ActivityDay[],
  meta: WriteMeta,
): Promise<UpsertSummary> {
  return raw.kind === 'sqlite' ? Promise.resolve(writeSqlite(raw, workspaceId, rows, meta)) : writePostgres(raw, workspaceId, rows, meta);
}

export async function scanActivity(raw: RawConnection, workspaceId: string, segment?: string): Promise<ActivityDay[]> {
  const columns = '"userKey", "day", "segment", "events", "revenue"';
  if (raw.kind === 'sqlite') {
    const filter = segment === undefined ? '' : ' AND "segment" = ?';
    const params = segment === undefined ? [workspaceId] : [workspaceId, segment];
    return raw.db
      .prepare(`SELECT ${columns} FROM "ActivityDay" WHERE "workspaceId" = ?${filter} ORDER BY "userKey", "day"`)
      .all(...params) as ActivityDay[];
  }
  const filter = segment === undefined ? '' : ' AND "segment" = $2';
  const params = segment === undefined ? [workspaceId] : [workspaceId, segment];
  const rows = (
    await raw.pool.query(`SELECT ${columns} FROM "ActivityDay" WHERE "workspaceId" = $1${filter} ORDER BY "userKey", "day"`, params)
  ).rows;
  return rows.map((r) => ({ ...r, events: Number(r.events), revenue: Number(r.revenue) }));
}
