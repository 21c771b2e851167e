// The "observations written" hook: the write path announces what it changed, and whoever cares (alert
// evaluation, wired by alerts/register-alerts.ts at composition time) listens. The write path imports no feature.
import type { Store } from '../ports/store.ts';

/** What a write changed: the workspace and the (metric, segment) pairs of its rows. */
export interface ObservationsWritten {
  store: Store;
  workspaceId: string;
  rows: readonly { metric: string; segment: string }[];
  now: Date;
}

/** Runs after a write that inserted or updated rows. The write has succeeded: a listener reports its own failures, it does not throw. */
export type ObservationsWrittenListener = (written: ObservationsWritten) => Promise<void>;

const listeners = new Set<ObservationsWrittenListener>();

/** Adds a listener (at composition time; the same one twice counts once). Returns how to remove it. */
export function onObservationsWritten(listener: ObservationsWrittenListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Tells every listener, one after the other, in registration order. */
export async function announceObservationsWritten(written: ObservationsWritten): Promise<void> {
  for (const listener of [...listeners]) await listener(written);
}
