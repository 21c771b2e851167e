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

export type NewAuditRecord = Omit<AuditRecord, 'id' | 'at'>;

export interface AuditRepository {
  append(entry: NewAuditRecord): Promise<void>;
  /** Newest first. */
  list(workspaceId: string, options?: { limit?: number; action?: string }): Promise<AuditRecord[]>;
}
