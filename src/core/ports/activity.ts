import type { UpsertSummary, WriteMeta } from './observations.ts';

/** One user's activity on one day (events folded on import): what cohort matrices are built from. */
export interface ActivityDay {
  userKey: string;
  day: string;
  /** The user's segment (acquisition channel, country …), "" when none. */
  segment: string;
  events: number;
  revenue: number;
}

export interface ActivityRepository {
  /** Sets each (user, day) to the given values, all or nothing; equal rows count as unchanged. */
  upsertDays(workspaceId: string, rows: readonly ActivityDay[], meta: WriteMeta): Promise<UpsertSummary>;
  /** Every activity day of the workspace (optionally one segment), ordered by user then day. */
  scan(workspaceId: string, options?: { segment?: string }): Promise<ActivityDay[]>;
  /** A number that changes whenever this workspace's activity days change (any replica): cohort matrices are cached against it. */
  version(workspaceId: string): Promise<number>;
}
