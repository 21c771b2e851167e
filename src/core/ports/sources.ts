/** Where a source reads from: a database query, or a CSV behind a URL. */
export const SOURCE_KINDS = ['postgres', 'mysql', 'clickhouse', 'csv-url'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** What an admin sets: the connection and headers in clear here; the store keeps them encrypted. */
export interface SourceSpec {
  name: string;
  kind: SourceKind;
  /** A connection URL (`postgres://…`, `mysql://…`, `http://…`), or `env:NAME` to read it from the environment at run time. */
  connection: string;
  /** HTTP headers (csv-url, clickhouse); a value may be `env:NAME`. */
  headers?: Record<string, string>;
  /** The SQL query (not for csv-url); `{{since}}` stands for the first day to read. */
  query?: string;
  /** The mapping of `growthbeat import --mapping`: which columns hold the date, the segment, the metrics. */
  mapping: Record<string, unknown>;
  /** A cron expression in the workspace's timezone; undefined runs only by hand. */
  schedule?: string;
  /** How many days back every run reads again (late corrections). */
  lookbackDays: number;
}

export interface Source extends SourceSpec {
  id: string;
  workspaceId: string;
  createdBy?: string;
  createdAt: Date;
  lastSuccessAt?: Date;
  lastErrorAt?: Date;
  lastError?: string;
  /** Set on the first failure after a success (announced once), cleared on recovery. */
  failingSince?: Date;
  nextRunAt?: Date;
  lastSlotAt?: Date;
  etag?: string;
  lastModified?: string;
}

/** What health needs of a source, readable without GROWTHBEAT_SECRET_KEY (the digest, every answer). */
export type SourceStatus = Pick<
  Source,
  'name' | 'kind' | 'schedule' | 'createdAt' | 'lastSuccessAt' | 'lastErrorAt' | 'lastError' | 'failingSince' | 'nextRunAt'
>;

export type SourceTrigger = 'schedule' | 'manual' | 'test';

export interface SourceRunResult {
  rowsRead: number;
  inserted: number;
  updated: number;
  unchanged: number;
  error?: string;
}

export interface SourceRun extends SourceRunResult {
  id: string;
  workspaceId: string;
  sourceId: string;
  trigger: SourceTrigger;
  since?: string;
  startedAt: Date;
  finishedAt?: Date;
}

/** What a run changes on its source besides the run row. */
export interface SourceStatePatch {
  lastSuccessAt?: Date;
  lastErrorAt?: Date;
  lastError?: string | null;
  nextRunAt?: Date | null;
  lastSlotAt?: Date;
  etag?: string | null;
  lastModified?: string | null;
}

export interface SourceRepository {
  /** Stores a new source (name unique in the workspace, else an InputError); needs GROWTHBEAT_SECRET_KEY (else a ConfigError). */
  create(workspaceId: string, spec: SourceSpec, createdBy?: string): Promise<Source>;
  /** The workspace's source of that name, secrets opened; another workspace's is never found. */
  get(workspaceId: string, name: string): Promise<Source | undefined>;
  /** Every source of the workspace by name, secrets opened. */
  list(workspaceId: string): Promise<Source[]>;
  /** Every source's status by name, secrets left sealed (no key needed). */
  statuses(workspaceId: string): Promise<SourceStatus[]>;
  /** Whether any workspace has a source (the secret key is then required). */
  any(): Promise<boolean>;
  /** Changes what is given (and when it runs next, for a new schedule); undefined when there is no such source. */
  update(workspaceId: string, name: string, patch: Partial<SourceSpec> & { nextRunAt?: Date | null }): Promise<Source | undefined>;
  /** Removes the source and its runs; false when there was none. */
  remove(workspaceId: string, name: string): Promise<boolean>;
  /** Records a run's start. */
  startRun(workspaceId: string, sourceId: string, run: { trigger: SourceTrigger; since?: string; startedAt: Date }): Promise<SourceRun>;
  /** Records a run's end and its effect on the source's state. */
  finishRun(workspaceId: string, runId: string, result: SourceRunResult, finishedAt: Date, state: SourceStatePatch): Promise<void>;
  /** Sets failingSince when it is not set; true only for the call that set it (so a failure is announced once). */
  markFailing(workspaceId: string, sourceId: string, at: Date): Promise<boolean>;
  /** Clears failingSince; true only for the call that cleared it (so a recovery is announced once). */
  markRecovered(workspaceId: string, sourceId: string): Promise<boolean>;
  /** Claims a scheduled slot for the source: true only for the first caller with a slot later than the last one. */
  claimSlot(workspaceId: string, sourceId: string, slotAt: Date): Promise<boolean>;
  /** The latest runs of a source, newest first. */
  runs(workspaceId: string, sourceId: string, limit: number): Promise<SourceRun[]>;
}
