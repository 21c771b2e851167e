/** One value of a base metric for a segment ("" = the whole product) on a calendar day `YYYY-MM-DD`. */
export interface ObservationInput {
  metric: string;
  segment: string;
  day: string;
  value: number;
}

export interface Observation extends ObservationInput {
  source: string;
  updatedBy?: string;
  updatedAt: Date;
}

export interface WriteMeta {
  /** csv | api | chat | demo | events */
  source: string;
  /** The file name, request id or message that brought the data. */
  sourceRef?: string;
  /** Who: a member id, `cli`, `api:<token prefix>`. */
  actor: string;
  /** When, for the audit (default: the database's now); deletes pass the use case's clock. */
  at?: Date;
}

export interface UpsertSummary {
  inserted: number;
  updated: number;
  unchanged: number;
}

export interface ObservationQuery {
  metrics: string[];
  /** Omit for every segment; [""] for the whole-product rows only. */
  segments?: string[];
  /** Inclusive day range. */
  from: string;
  to: string;
}

/** What a delete selects: like a query, but `metrics` may be empty for every metric. */
export type ObservationFilter = ObservationQuery;

export interface ObservationRepository {
  /**
   * Idempotent upsert, all or nothing: a row equal to what is stored counts as unchanged and is not
   * written; every changed value is audited with its old and new value. Duplicate keys in `rows` are
   * an error (the caller sums or picks before writing).
   */
  upsert(workspaceId: string, rows: ObservationInput[], meta: WriteMeta): Promise<UpsertSummary>;
  query(workspaceId: string, query: ObservationQuery): Promise<Observation[]>;
  /**
   * Deletes the stored values the query selects (`metrics` empty: every metric), all or nothing, auditing each
   * with its old value (`observation.delete`) and the whole with one `observations.delete` entry; returns them.
   */
  remove(workspaceId: string, query: ObservationFilter, meta: WriteMeta): Promise<Observation[]>;
  /** How many values the workspace holds for a segment (any metric, any day). */
  countSegment(workspaceId: string, segment: string): Promise<number>;
  /** Moves a segment's values to another segment (a channel merged into another); the caller checks they do not overlap. */
  moveSegment(workspaceId: string, from: string, to: string, actor: string): Promise<number>;
  /** The latest day with a value for the metric (optionally in one segment). */
  latestDay(workspaceId: string, metric: string, segment?: string): Promise<string | undefined>;
  /**
   * A number that changes whenever this workspace's observations change, in the transaction that changes them,
   * whichever process or replica wrote: what answers computed from observations are cached against.
   */
  version(workspaceId: string): Promise<number>;
}
