import { validateObservations } from '../../core/observations/validate-observations.ts';
import type { ObservationRepository } from '../../core/ports/observations.ts';
import { bumpDataVersionInTransaction, readDataVersion } from '../raw/data-version.ts';
import { readObservations } from '../raw/observation-reader.ts';
import { writeObservations } from '../raw/observation-writer.ts';
import type { RawConnection } from '../raw/raw-connection.ts';
import type { Db } from './prisma-client.ts';

const MAX_ROWS_IN_SUMMARY = 1000;

/** Observations: bulk writes and range reads go to the driver; the rest through Prisma. */
export function createPrismaObservationRepository(db: Db, raw: RawConnection): ObservationRepository {
  return {
    async upsert(workspaceId, rows, meta) {
      validateObservations(rows);
      if (rows.length === 0) return { inserted: 0, updated: 0, unchanged: 0 };
      return writeObservations(raw, workspaceId, rows, meta);
    },
    query: (workspaceId, q) => readObservations(raw, workspaceId, q),
    async remove(workspaceId, q, meta) {
      const where = {
        workspaceId,
        day: { gte: q.from, lte: q.to },
        ...(q.metrics.length ? { metric: { in: q.metrics } } : {}),
        ...(q.segments ? { segment: { in: q.segments } } : {}),
      };
      return db.$transaction(
        async (t) => {
          const tx = t as unknown as Db;
          const rows = await tx.observation.findMany({ where, orderBy: [{ metric: 'asc' }, { segment: 'asc' }, { day: 'asc' }] });
          if (rows.length === 0) return [];
          await tx.observation.deleteMany({ where });
          // Cached answers are keyed by the data version: a delete is a write like any other.
          await bumpDataVersionInTransaction(tx, raw.kind, workspaceId, 'observations');
          // Each value's old number stays in the audit, so a delete can be read back (and undone).
          await tx.auditEntry.createMany({
            data: rows.map((r) => ({
              workspaceId,
              actor: meta.actor,
              action: 'observation.delete',
              target: `${r.metric}/${r.segment}/${r.day}`,
              before: { value: r.value, source: r.source },
              ...(meta.at ? { at: meta.at } : {}),
            })),
          });
          await tx.auditEntry.create({
            data: {
              workspaceId,
              actor: meta.actor,
              action: 'observations.delete',
              target: meta.sourceRef ?? meta.source,
              // The rows themselves (for /kpi undo) when few; every row's old value is in its own entry anyway.
              before:
                rows.length <= MAX_ROWS_IN_SUMMARY
                  ? { rows: rows.map((r) => ({ metric: r.metric, segment: r.segment, day: r.day, value: r.value })) }
                  : { count: rows.length },
              after: { source: meta.source, deleted: rows.length },
              ...(meta.at ? { at: meta.at } : {}),
            },
          });
          return rows.map((r) => ({
            metric: r.metric,
            segment: r.segment,
            day: r.day,
            value: r.value,
            source: r.source,
            updatedBy: r.updatedBy ?? undefined,
            updatedAt: r.updatedAt,
          }));
        },
        { maxWait: 10_000, timeout: 60_000 },
      );
    },
    countSegment: (workspaceId, segment) => db.observation.count({ where: { workspaceId, segment } }),
    async moveSegment(workspaceId, from, to, actor) {
      return db.$transaction(async (t) => {
        const tx = t as unknown as Db;
        const moved = await tx.observation.updateMany({ where: { workspaceId, segment: from }, data: { segment: to, updatedBy: actor } });
        if (moved.count > 0) await bumpDataVersionInTransaction(tx, raw.kind, workspaceId, 'observations');
        await tx.auditEntry.create({
          data: {
            workspaceId,
            actor,
            action: 'observations.move',
            target: from,
            before: { segment: from },
            after: { segment: to, moved: moved.count },
          },
        });
        return moved.count;
      });
    },
    async latestDay(workspaceId, metric, segment) {
      const row = await db.observation.findFirst({
        where: { workspaceId, metric, ...(segment === undefined ? {} : { segment }) },
        orderBy: { day: 'desc' },
        select: { day: true },
      });
      return row?.day;
    },
    version: (workspaceId) => readDataVersion(raw, workspaceId, 'observations'),
  };
}
