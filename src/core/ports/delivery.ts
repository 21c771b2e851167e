/** Inbound deliveries already processed: platforms retry, replicas race; each is handled once. */
export interface InboundEventRepository {
  /** True the first time `key` is seen (until it expires), false for every repeat. */
  firstDelivery(key: string, ttlMs: number, now?: Date): Promise<boolean>;
  purgeExpired(now?: Date): Promise<number>;
}

export interface JobSlotClaim {
  job: string;
  workspaceId?: string;
  slotAt: Date;
  claimedBy: string;
}

/** Once-per-slot jobs across replicas: the replica whose claim is inserted first runs the slot. */
export interface JobSlotRepository {
  claim(claim: JobSlotClaim): Promise<boolean>;
  finish(key: string, result: string, now?: Date): Promise<void>;
  lastRun(job: string, workspaceId?: string): Promise<{ key: string; slotAt: Date; finishedAt?: Date; result?: string } | undefined>;
  /**
   * Forgets slots older than `before` (keep it well beyond the catch-up window), except each schedule's
   * latest, so `jobs list` still shows the last run of a weekly job. Returns how many were removed.
   */
  purge(before: Date): Promise<number>;
}

export function jobSlotKey(claim: Pick<JobSlotClaim, 'job' | 'workspaceId' | 'slotAt'>): string {
  return `${claim.job}:${claim.workspaceId ?? '*'}:${claim.slotAt.toISOString()}`;
}
