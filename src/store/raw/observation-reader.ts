import type { Observation, ObservationQuery } from '../../core/ports/observations.ts';
import type { RawConnection } from './raw-connection.ts';

interface Row {
  metric: string;
  segment: string;
  day: string;
  value: number;
  source: string;
  updatedBy: string | null;
  updatedAt: string | Date;
}

const toObservation = (r: Row): Observation => ({
  metric: r.metric,
  segment: r.segment,
  day: r.day,
  value: Number(r.value),
  source: r.source,
  updatedBy: r.updatedBy ?? undefined,
  updatedAt: new Date(r.updatedAt),
});

/** The read path of commands and digests, on the driver: one indexed range scan. */
export async function readObservations(raw: RawConnection, workspaceId: string, q: ObservationQuery): Promise<Observation[]> {
  if (q.metrics.length === 0 || (q.segments && q.segments.length === 0)) return [];
  const columns = '"metric", "segment", "day", "value", "source", "updatedBy", "updatedAt"';
  if (raw.kind === 'sqlite') {
    const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');
    const segmentFilter = q.segments ? ` AND "segment" IN (${marks(q.segments.length)})` : '';
    const sql = `SELECT ${columns} FROM "Observation" WHERE "workspaceId" = ? AND "metric" IN (${marks(q.metrics.length)}) AND "day" >= ? AND "day" <= ?${segmentFilter} ORDER BY "day", "metric", "segment"`;
    const rows = raw.db.prepare(sql).all(workspaceId, ...q.metrics, q.from, q.to, ...(q.segments ?? [])) as Row[];
    return rows.map(toObservation);
  }
  const segmentFilter = q.segments ? ' AND "segment" = ANY($5::text[])' : '';
  const sql = `SELECT ${columns} FROM "Observation" WHERE "workspaceId" = $1 AND "metric" = ANY($2::text[]) AND "day" >= $3 AND "day" <= $4${segmentFilter} ORDER BY "day", "metric", "segment"`;
  const params: unknown[] = [workspaceId, q.metrics, q.from, q.to];
  if (q.segments) params.push(q.segments);
  return (await raw.pool.query<Row>(sql, params)).rows.map(toObservation);
}
