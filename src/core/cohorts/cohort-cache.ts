import { cacheOf, type VersionedCache } from '../metrics/versioned-cache.ts';
import type { ActivityRepository } from '../ports/activity.ts';
import type { Grain } from '../time/period.ts';
import { type CohortMatrix, cohortMatrix } from './cohort-matrix.ts';

/** How many cohort matrices one process keeps (each is at most a few hundred numbers). */
export const COHORT_CACHE_MAX_MATRICES = 500;

export interface Cohorts {
  matrix: CohortMatrix;
  /** The last day the matrix counts: `asOf` when given, else the newest activity day. */
  lastDay: string;
}

const caches = new WeakMap<ActivityRepository, VersionedCache<Cohorts | null>>();

/**
 * The cohort matrix of a workspace's activity days (optionally one segment), computed once per import: cached until
 * the workspace's activity changes (any import, on any replica, raises `activity.version`), so asking again reads
 * the matrix instead of scanning every activity day. Undefined when there is no activity.
 */
export async function cachedCohorts(
  activity: ActivityRepository,
  workspaceId: string,
  options: { segment?: string; grain: Grain; asOf?: string },
): Promise<Cohorts | undefined> {
  const version = await activity.version(workspaceId);
  const key = [options.segment ?? '*', options.grain, options.asOf ?? 'latest'].join('\u0000');
  const cohorts = await cacheOf(caches, activity, COHORT_CACHE_MAX_MATRICES).get(workspaceId, version, key, async () => {
    const days = await activity.scan(workspaceId, options.segment === undefined ? undefined : { segment: options.segment });
    if (days.length === 0) return { value: null, weight: 1 };
    const lastDay = options.asOf ?? days.reduce((m, d) => (d.day > m ? d.day : m), '');
    return { value: { matrix: cohortMatrix(days, options.grain, lastDay), lastDay }, weight: 1 };
  });
  return cohorts ?? undefined;
}
