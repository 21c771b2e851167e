export interface AuditRecord {
  id: number;
  workspaceId: string;
  actor: string;
  action: string;
  target?: string;
  before?: unknown;
  after?: unknown;
  at: Date;
}

/** `at` defaults to the database's now; a use case with an injected clock passes its own. */
export type NewAuditRecord = Omit<AuditRecord, 'id' | 'at'> & { at?: Date };

export interface AuditQuery {
  limit?: number;
  action?: string;
  /** Any of these actions. */
  actions?: string[];
  actor?: string;
  /** Entries at or after this time. */
  since?: Date;
  /** Entries whose target starts with this text (`spend/` for one metric's values). */
  targetPrefix?: string;
}

export interface AuditRepository {
  append(entry: NewAuditRecord): Promise<void>;
  /** Newest first. */
  list(workspaceId: string, options?: AuditQuery): Promise<AuditRecord[]>;
}
