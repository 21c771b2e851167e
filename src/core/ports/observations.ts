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

export interface ObservationRepository {
  /**
   * Idempotent upsert, all or nothing: a row equal to what is stored counts as unchanged and is not
   * written; every changed value is audited with its old and new value. Duplicate keys in `rows` are
   * an error (the caller sums or picks before writing).
   */
  upsert(workspaceId: string, rows: ObservationInput[], meta: WriteMeta): Promise<UpsertSummary>;
  query(workspaceId: string, query: ObservationQuery): Promise<Observation[]>;
  /** The latest day with a value for the metric (optionally in one segment). */
  latestDay(workspaceId: string, metric: string, segment?: string): Promise<string | undefined>;
  /**
   * A number that changes whenever this workspace's observations change, in the transaction that changes them,
   * whichever process or replica wrote: what answers computed from observations are cached against.
   */
  version(workspaceId: string): Promise<number>;
}
