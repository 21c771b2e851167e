import type { SourceStatus } from '../ports/sources.ts';

/** A scheduled source whose next run is this far past without a run has stopped delivering. */
export const OVERDUE_AFTER_MS = 60 * 60 * 1000;

export type SourceState = 'ok' | 'failing' | 'overdue' | 'never';

export interface SourceHealth {
  state: SourceState;
  /** Its data no longer arrives: it fails, or its schedule has not run. */
  stale: boolean;
  /** Since when the data is old: the last success, else when the source was added. */
  since: Date;
}

/** How a source is doing at `now`, from what its runs recorded. */
export function sourceHealth(source: SourceStatus, now: Date): SourceHealth {
  const since = source.lastSuccessAt ?? source.createdAt;
  if (source.failingSince) return { state: 'failing', stale: true, since };
  if (source.schedule && source.nextRunAt && now.getTime() - source.nextRunAt.getTime() > OVERDUE_AFTER_MS)
    return { state: 'overdue', stale: true, since };
  return { state: source.lastSuccessAt ? 'ok' : 'never', stale: false, since };
}

/** The sources whose data is stale, with since when. */
export function staleSources(sources: readonly SourceStatus[], now: Date): { name: string; since: Date; state: SourceState }[] {
  return sources.flatMap((s) => {
    const health = sourceHealth(s, now);
    return health.stale ? [{ name: s.name, since: health.since, state: health.state }] : [];
  });
}
