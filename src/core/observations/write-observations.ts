import type { ObservationInput, UpsertSummary, WriteMeta } from '../ports/observations.ts';
import type { Store } from '../ports/store.ts';
import { assertValuesValid } from './check-values.ts';
import { announceObservationsWritten } from './observations-written.ts';

/**
 * The one place resolved observations are written (chat, API, CSV, demo): the value checks (spend ≥ 0, whole
 * counts, retained ≤ new users, NPS within −100…100), the upsert, all or nothing, then — when anything
 * changed — the "observations written" hook (alert evaluation listens there; its failures are reported to
 * the admins, never thrown at the writer).
 */
export async function writeObservations(
  store: Store,
  workspaceId: string,
  rows: readonly ObservationInput[],
  meta: WriteMeta,
  now: Date,
): Promise<UpsertSummary> {
  await assertValuesValid(store.observations, workspaceId, rows);
  const summary = await store.observations.upsert(workspaceId, rows as ObservationInput[], meta);
  if (summary.inserted + summary.updated > 0) await announceObservationsWritten({ store, workspaceId, rows, now });
  return summary;
}
