import { validateObservations } from '../../core/observations/validate-observations.ts';
import type { ObservationRepository } from '../../core/ports/observations.ts';
import { readDataVersion } from '../raw/data-version.ts';
import { readObservations } from '../raw/observation-reader.ts';
import { writeObservations } from '../raw/observation-writer.ts';
import type { RawConnection } from '../raw/raw-connection.ts';
import type { Db } from './prisma-client.ts';

/** Observations: bulk writes and range reads go to the driver; the rest through Prisma. */
export function createPrismaObservationRepository(db: Db, raw: RawConnection): ObservationRepository {
  return {
    async upsert(workspaceId, rows, meta) {
      validateObservations(rows);
      if (rows.length === 0) return { inserted: 0, updated: 0, unchanged: 0 };
      return writeObservations(raw, workspaceId, rows, meta);
    },
    query: (workspaceId, q) => readObservations(raw, workspaceId, q),
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
