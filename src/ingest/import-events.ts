import { basename } from 'node:path';
import { cohortSeries } from '../core/cohorts/cohort-series.ts';
import { writeObservations } from '../core/observations/write-observations.ts';
import type { UpsertSummary } from '../core/ports/observations.ts';
import type { Store } from '../core/ports/store.ts';
import { type EventColumns, parseEventCsv } from './csv-events.ts';
import { parseImportFile } from './csv-reader.ts';
import type { ImportLimits } from './import-limits.ts';
import type { TextEncoding } from './text-encoding.ts';

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
  /** How the file's bytes were read: "UTF-8", "UTF-16LE", "GB18030"… (detected, or as --encoding said). */
  encoding: string;
  /** The daily cohort series written from the whole activity log (new_users, cohort_revenue_dN). */
  cohortSeries?: UpsertSummary & { observations: number };
}

/** Streams an activity-event log into per-user-per-day rows; re-importing the same file changes nothing. */
export async function importEventFile(
  store: Store,
  workspace: { id: string; timezone: string },
  path: string,
  columns: EventColumns,
  options: {
    actor: string;
    dryRun?: boolean;
    onProgress?: (read: number, size: number) => void;
    limits?: Partial<ImportLimits>;
    encoding?: TextEncoding;
  },
): Promise<EventImportSummary> {
  const known = await store.segments.list(workspace.id);
  const { parsed, encoding } = await parseImportFile(
    path,
    (records, source) => parseEventCsv(records, columns, workspace.timezone, source, known),
    { onProgress: options.onProgress, limits: options.limits, encoding: options.encoding, rowMeaning: 'one row per event' },
  );
  let from: string | undefined;
  let to: string | undefined;
  for (const d of parsed.days) {
    if (from === undefined || d.day < from) from = d.day;
    if (to === undefined || d.day > to) to = d.day;
  }
  const result = options.dryRun
    ? { inserted: parsed.days.length, updated: 0, unchanged: 0 }
    : await store.activity.upsertDays(workspace.id, parsed.days, { source: 'events', sourceRef: basename(path), actor: options.actor });
  let series: EventImportSummary['cohortSeries'];
  if (!options.dryRun) {
    await store.segments.ensure(
      workspace.id,
      [...parsed.segments].map(([key, name]) => ({ key, name })),
    );
    // The cohort series come from the whole log (other files may hold a user's first day), so LTV needs no other source.
    const all = await store.activity.scan(workspace.id);
    const last = all.reduce((m, d) => (d.day > m ? d.day : m), '');
    const rows = cohortSeries(all, last);
    const written = await writeObservations(
      store,
      workspace.id,
      rows,
      { source: 'events', sourceRef: basename(path), actor: options.actor },
      new Date(),
    );
    series = { ...written, observations: rows.length };
  }
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
    encoding,
    ...(series ? { cohortSeries: series } : {}),
  };
}
