import { basename } from 'node:path';
import type { UpsertSummary } from '../core/ports/observations.ts';
import type { Store } from '../core/ports/store.ts';
import { type EventColumns, parseEventCsv } from './csv-events.ts';
import { parseCsvFile } from './csv-reader.ts';
import type { ImportLimits } from './import-limits.ts';

export interface EventImportSummary extends UpsertSummary {
  file: string;
  records: number;
  withoutUser: number;
  users: number;
  /** Rows of (user, day) stored. */
  userDays: number;
  from?: string;
  to?: string;
  dryRun: boolean;
}

/** Streams an activity-event log into per-user-per-day rows; re-importing the same file changes nothing. */
export async function importEventFile(
  store: Store,
  workspace: { id: string; timezone: string },
  path: string,
  columns: EventColumns,
  options: { actor: string; dryRun?: boolean; onProgress?: (read: number, size: number) => void; limits?: Partial<ImportLimits> },
): Promise<EventImportSummary> {
  const source = basename(path);
  const parsed = await parseCsvFile(path, (records) => parseEventCsv(records, columns, workspace.timezone, source), options.onProgress, {
    limits: options.limits,
    source,
  });
  let from: string | undefined;
  let to: string | undefined;
  for (const d of parsed.days) {
    if (from === undefined || d.day < from) from = d.day;
    if (to === undefined || d.day > to) to = d.day;
  }
  const result = options.dryRun
    ? { inserted: parsed.days.length, updated: 0, unchanged: 0 }
    : await store.activity.upsertDays(workspace.id, parsed.days, { source: 'events', sourceRef: basename(path), actor: options.actor });
  if (!options.dryRun)
    await store.segments.ensure(
      workspace.id,
      [...parsed.segments].map(([key, name]) => ({ key, name })),
    );
  return {
    file: basename(path),
    records: parsed.records,
    withoutUser: parsed.withoutUser,
    users: parsed.users,
    userDays: parsed.days.length,
    ...result,
    from,
    to,
    dryRun: Boolean(options.dryRun),
  };
}
