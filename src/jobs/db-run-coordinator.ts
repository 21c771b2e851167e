import type { RunCoordinator } from 'node-cron';
import type { JobSlotRepository } from '../core/ports/delivery.ts';

const ISO_LENGTH = '2026-11-18T06:00:00.000Z'.length;

/** Splits a node-cron coordination key `<job>:<workspace>:<slotISO>`. */
export function parseSlotKey(key: string): { job: string; workspaceId?: string; slotAt: Date } {
  const iso = key.slice(-ISO_LENGTH);
  const [job = '', workspaceId] = key.slice(0, -ISO_LENGTH - 1).split(':');
  return { job, workspaceId: workspaceId === '*' ? undefined : workspaceId, slotAt: new Date(iso) };
}

/**
 * node-cron's RunCoordinator over the job-slot table: every replica runs every schedule, and the one whose
 * insert of the slot key wins runs the slot. Outcomes are recorded when the run completes.
 */
export function createDbRunCoordinator(slots: JobSlotRepository, replica: string, outcomes: Map<string, string>): RunCoordinator {
  return {
    async shouldRun(key) {
      const { job, workspaceId, slotAt } = parseSlotKey(key);
      return slots.claim({ job, workspaceId, slotAt, claimedBy: replica });
    },
    async onComplete(key) {
      const name = key.slice(0, -ISO_LENGTH - 1);
      await slots.finish(key, outcomes.get(name) ?? 'ok');
      outcomes.delete(name);
    },
  };
}
