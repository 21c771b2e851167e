import type { ObservationQuery, ObservationRepository } from '../ports/observations.ts';
import { ObservationIndex } from './observation-index.ts';
import { cacheOf, type VersionedCache } from './versioned-cache.ts';

/** How many observations the cached indexes of one process hold together; the least recently used go first. */
export const INDEX_CACHE_MAX_POINTS = 1_000_000;

const caches = new WeakMap<ObservationRepository, VersionedCache<ObservationIndex>>();

/**
 * The observations a query asks for, indexed, cached per workspace until its observations change (any write, on any
 * replica, raises `observations.version`): a repeated question costs one read of the version instead of the range
 * read and the index build.
 */
export async function cachedIndex(
  observations: ObservationRepository,
  workspaceId: string,
  query: ObservationQuery,
): Promise<ObservationIndex> {
  const version = await observations.version(workspaceId);
  const key = [[...query.metrics].sort().join(','), query.segments?.join(',') ?? '*', query.from, query.to].join('\u0000');
  return cacheOf(caches, observations, INDEX_CACHE_MAX_POINTS).get(workspaceId, version, key, async () => {
    const rows = await observations.query(workspaceId, query);
    return { value: new ObservationIndex(rows), weight: rows.length };
  });
}
