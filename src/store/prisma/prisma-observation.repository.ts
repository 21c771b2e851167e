import { observationKey, validateObservations } from '../../core/observations/validate-observations.ts';
import type { Observation, ObservationInput, ObservationRepository, UpsertSummary, WriteMeta } from '../../core/ports/observations.ts';
import type { Db, Tx } from './prisma-client.ts';
import { insertRows } from './raw-insert.ts';
import { valueTuples } from './sql-dialect.ts';

// Parameters per statement stay far below SQLite's 32766 and PostgreSQL's 65535.
const CHUNK = 500;

export function createPrismaObservationRepository(db: Db, kind: 'sqlite' | 'postgres'): ObservationRepository {
  async function existingValues(tx: Tx, workspaceId: string, rows: ObservationInput[]): Promise<Map<string, number>> {
    const params: unknown[] = [workspaceId];
    for (const r of rows) params.push(r.metric, r.segment, r.day);
    const sql = `SELECT "metric", "segment", "day", "value" FROM "Observation" WHERE "workspaceId" = ${kind === 'sqlite' ? '?' : '$1'} AND ("metric", "segment", "day") IN (VALUES ${valueTuples(kind, rows.length, 3, 2)})`;
    const found = await tx.$queryRawUnsafe<{ metric: string; segment: string; day: string; value: number }[]>(sql, ...params);
    return new Map(found.map((r) => [observationKey(r), Number(r.value)]));
  }

  return {
    async upsert(workspaceId, rows, meta: WriteMeta) {
      validateObservations(rows);
      const summary: UpsertSummary = { inserted: 0, updated: 0, unchanged: 0 };
      if (rows.length === 0) return summary;
      const now = new Date();
      await db.$transaction(
        async (tx) => {
          for (let i = 0; i < rows.length; i += CHUNK) {
            const chunk = rows.slice(i, i + CHUNK);
            const before = await existingValues(tx, workspaceId, chunk);
            const write: ObservationInput[] = [];
            const changes: unknown[][] = [];
            for (const row of chunk) {
              const old = before.get(observationKey(row));
              if (old === undefined) {
                summary.inserted++;
                write.push(row);
              } else if (old !== row.value) {
                summary.updated++;
                write.push(row);
                changes.push([
                  workspaceId,
                  meta.actor,
                  'observation.update',
                  `${row.metric}/${row.segment}/${row.day}`,
                  JSON.stringify({ value: old }),
                  JSON.stringify({ value: row.value, source: meta.source }),
                  now,
                ]);
              } else summary.unchanged++;
            }
            await insertRows(
              tx,
              kind,
              'Observation',
              ['workspaceId', 'metric', 'segment', 'day', 'value', 'source', 'sourceRef', 'updatedBy', 'updatedAt'],
              write.map((r) => [workspaceId, r.metric, r.segment, r.day, r.value, meta.source, meta.sourceRef ?? null, meta.actor, now]),
              `ON CONFLICT ("workspaceId", "metric", "segment", "day") DO UPDATE SET "value" = excluded."value", "source" = excluded."source", "sourceRef" = excluded."sourceRef", "updatedBy" = excluded."updatedBy", "updatedAt" = excluded."updatedAt"`,
            );
            await insertRows(tx, kind, 'AuditEntry', ['workspaceId', 'actor', 'action', 'target', 'before', 'after', 'at'], changes);
          }
          await tx.auditEntry.create({
            data: {
              workspaceId,
              actor: meta.actor,
              action: 'observation.upsert',
              target: meta.sourceRef ?? meta.source,
              after: { source: meta.source, ...summary },
            },
          });
        },
        { timeout: 600_000, maxWait: 30_000 },
      );
      return summary;
    },

    async query(workspaceId, q) {
      const rows = await db.observation.findMany({
        where: {
          workspaceId,
          metric: { in: q.metrics },
          ...(q.segments ? { segment: { in: q.segments } } : {}),
          day: { gte: q.from, lte: q.to },
        },
        orderBy: [{ day: 'asc' }, { metric: 'asc' }, { segment: 'asc' }],
      });
      return rows.map(
        (r): Observation => ({
          metric: r.metric,
          segment: r.segment,
          day: r.day,
          value: r.value,
          source: r.source,
          updatedBy: r.updatedBy ?? undefined,
          updatedAt: r.updatedAt,
        }),
      );
    },

    async latestDay(workspaceId, metric, segment) {
      const row = await db.observation.findFirst({
        where: { workspaceId, metric, ...(segment === undefined ? {} : { segment }) },
        orderBy: { day: 'desc' },
        select: { day: true },
      });
      return row?.day;
    },
  };
}
