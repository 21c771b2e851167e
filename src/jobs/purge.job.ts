import type { Logger } from '../base/logging/logger.ts';
import type { Store } from '../core/ports/store.ts';

/** How long claimed job slots are kept: far beyond any catch-up window (CATCH_UP_GRACE_MS). */
export const JOB_SLOT_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

/** How often the purge runs (real time, on every replica: each delete is idempotent). */
export const PURGE_INTERVAL_MS = 60 * 60_000;

/**
 * Hourly housekeeping, not per workspace: inbound event ids are kept a day (platform retries come within
 * hours) and dropped when expired; reminder passes claim a slot every five minutes per workspace, so slots
 * older than a week are forgotten. A failure is logged and tried again next hour. Returns the stop.
 */
export function startPurge(store: Store, logger: Logger, now: () => number = Date.now): () => void {
  const purge = setInterval(() => {
    store.inbound.purgeExpired().catch((error) => logger.warn('purging inbound events failed', { error }));
    store.jobSlots.purge(new Date(now() - JOB_SLOT_RETENTION_MS)).catch((error) => logger.warn('purging job slots failed', { error }));
  }, PURGE_INTERVAL_MS);
  purge.unref();
  return () => clearInterval(purge);
}
