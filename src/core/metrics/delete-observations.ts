import { InputError } from '../errors.ts';
import { announceObservationsWritten } from '../observations/observations-written.ts';
import type { Observation, ObservationFilter, WriteMeta } from '../ports/observations.ts';
import type { Store } from '../ports/store.ts';
import { requireSegment } from '../segments/resolve-segment.ts';
import { isCalendarDay } from '../time/calendar-day.ts';
import { loadCatalog } from './load-catalog.ts';

/** What a person or a job asks to delete, by names: the CLI's flags and the API's query string. */
export interface DeleteRequest {
  metric: string;
  /** A channel by name, key or alias; omitted: every segment, the whole product's row included. */
  segment?: string;
  from: string;
  to: string;
}

/**
 * Turns names into a filter, refusing with the field and the value: an unknown or computed metric, an unknown
 * segment, a day that is not YYYY-MM-DD, a range that ends before it starts.
 */
export async function resolveDeleteRequest(store: Store, workspaceId: string, request: DeleteRequest): Promise<ObservationFilter> {
  const catalog = await loadCatalog(store.metrics, workspaceId);
  const metric = catalog.resolve(request.metric);
  if (!metric) throw new InputError(`metric: unknown metric "${request.metric}"`, { field: 'metric' });
  if (metric.kind === 'derived')
    throw new InputError(`metric: ${metric.key} is computed from ${[...catalog.baseInputs(metric.key)].join(', ')}; delete those instead`, {
      field: 'metric',
    });
  for (const field of ['from', 'to'] as const)
    if (!isCalendarDay(request[field])) throw new InputError(`${field}: "${request[field]}" is not a date (use 2026-11-20)`, { field });
  if (request.to < request.from) throw new InputError(`to: ${request.to} is before from (${request.from})`, { field: 'to' });
  let segments: string[] | undefined;
  if (request.segment !== undefined && request.segment.trim() === '') segments = [''];
  else if (request.segment !== undefined) {
    const known = await store.segments.list(workspaceId);
    try {
      segments = [requireSegment(known, request.segment).key];
    } catch (error) {
      if (error instanceof InputError) throw new InputError(`segment: ${error.message}`, { field: 'segment' });
      throw error;
    }
  }
  return { metrics: [metric.key], ...(segments ? { segments } : {}), from: request.from, to: request.to };
}

/**
 * The one delete path (chat's /kpi delete and undo, the CLI, the API): removes the values all or nothing,
 * audited with their old values by the repository, then announces what it touched on the "observations
 * written" hook, so alert evaluation re-runs for those metrics and channels as it does after a write.
 */
export async function deleteObservations(
  store: Store,
  workspaceId: string,
  filter: ObservationFilter,
  meta: WriteMeta,
  now: Date,
): Promise<Observation[]> {
  const removed = await store.observations.remove(workspaceId, filter, { ...meta, at: meta.at ?? now });
  if (removed.length > 0) await announceObservationsWritten({ store, workspaceId, rows: removed, now });
  return removed;
}
