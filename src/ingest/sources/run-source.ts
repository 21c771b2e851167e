import { InputError } from '../../core/errors.ts';
import { loadCatalog } from '../../core/metrics/load-catalog.ts';
import { writeObservations } from '../../core/observations/write-observations.ts';
import type { UpsertSummary } from '../../core/ports/observations.ts';
import type { Source, SourceStatePatch } from '../../core/ports/sources.ts';
import type { Store } from '../../core/ports/store.ts';
import type { Workspace } from '../../core/ports/workspace.ts';
import { recordSourceRun } from '../../core/sources/record-source-run.ts';
import type { SourceRunRequest, SourceRunSummary } from '../../core/sources/source-runner.ts';
import { isCalendarDay } from '../../core/time/calendar-day.ts';
import { addDays } from '../../core/time/day-math.ts';
import { dayInZone } from '../../core/time/zoned-today.ts';
import { parseObservationCsv } from '../csv-observations.ts';
import type { CsvRecord } from '../csv-reader.ts';
import { parseMapping } from '../import-mapping.ts';
import { previewUpsert } from '../import-observations.ts';
import { openSourceReader, type ReadState, type SourceLimits } from './source-reader.ts';
import { nextRunAfter } from './source-schedule.ts';

/** How many rows a dry run shows. */
const PREVIEW_ROWS = 10;

export interface SourceRunDeps {
  /** Where `env:NAME` secrets are read. */
  env: Record<string, string | undefined>;
  limits: SourceLimits;
}

/** The records with the first one, already taken, put back in front. */
async function* withFirst(first: IteratorResult<CsvRecord>, rest: AsyncIterator<CsvRecord>): AsyncGenerator<CsvRecord> {
  if (first.done) return;
  yield first.value;
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
}

/**
 * One run of a source, as one ingest: read every row (a SQL source inside its read-only transaction), map
 * them exactly like a CSV import, keep the days from `since` (the last `lookbackDays`, or a backfill's day), and
 * write them through the one write path — all or nothing, idempotent, audited with the source and the run id,
 * alert rules evaluated on what changed. The run is recorded either way; a failure is rethrown after.
 */
export async function runSource(
  store: Store,
  workspace: Workspace,
  source: Source,
  request: SourceRunRequest,
  deps: SourceRunDeps,
): Promise<SourceRunSummary> {
  const today = dayInZone(request.now, workspace.timezone);
  const since = request.since ?? addDays(today, -source.lookbackDays);
  if (!isCalendarDay(since)) throw new InputError(`--since: "${since}" is not a day (YYYY-MM-DD)`, { field: 'since' });
  const dryRun = Boolean(request.dryRun);
  // A dry run or a backfill reads everything again; a regular run asks a CSV link whether it changed.
  const state: ReadState = dryRun || request.since ? {} : { etag: source.etag, lastModified: source.lastModified };
  const run = dryRun
    ? undefined
    : await store.sources.startRun(workspace.id, source.id, { trigger: request.trigger, since, startedAt: request.now });
  const nextRunAt = source.schedule ? (nextRunAfter(source.schedule, workspace.timezone, request.now) ?? null) : null;
  const summary: SourceRunSummary = {
    source: source.name,
    runId: run?.id,
    since,
    rowsRead: 0,
    observations: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    notModified: false,
    dryRun,
    metrics: [],
  };
  try {
    const mapping = parseMapping(source.mapping);
    const reader = await openSourceReader(source, deps.env, deps.limits);
    const catalog = await loadCatalog(store.metrics, workspace);
    const records = reader.readRows(since, state)[Symbol.asyncIterator]();
    const first = await records.next();
    let written: UpsertSummary = { inserted: 0, updated: 0, unchanged: 0 };
    if (first.done && state.notModified) summary.notModified = true;
    else {
      const parsed = await parseObservationCsv(withFirst(first, records), catalog, mapping, `source "${source.name}"`);
      const rows = parsed.rows.filter((r) => r.day >= since);
      summary.rowsRead = parsed.records;
      summary.observations = rows.length;
      summary.metrics = [...new Set(rows.map((r) => r.metric))].sort();
      const days = rows.map((r) => r.day).sort();
      [summary.from, summary.to] = [days[0], days[days.length - 1]];
      if (dryRun) {
        written = await previewUpsert(store, workspace.id, rows);
        summary.preview = [...rows].sort((a, b) => b.day.localeCompare(a.day) || a.metric.localeCompare(b.metric)).slice(0, PREVIEW_ROWS);
      } else {
        await store.segments.ensure(
          workspace.id,
          [...parsed.segments].map(([key, name]) => ({ key, name })),
        );
        written = await writeObservations(
          store,
          workspace.id,
          rows,
          { source: 'source', sourceRef: `${source.name}#${run?.id}`, actor: request.actor },
          request.now,
        );
      }
    }
    Object.assign(summary, written);
    if (run) {
      const patch: SourceStatePatch = { lastSuccessAt: request.now, lastError: null, nextRunAt };
      if (!summary.notModified && !request.since) [patch.etag, patch.lastModified] = [state.etag ?? null, state.lastModified ?? null];
      await recordSourceRun(store, workspace, source, run, { ...written, rowsRead: summary.rowsRead }, patch, request.now, request.actor);
    }
    return summary;
  } catch (error) {
    if (run) {
      const message = error instanceof Error ? error.message : String(error);
      await recordSourceRun(
        store,
        workspace,
        source,
        run,
        { rowsRead: summary.rowsRead, inserted: 0, updated: 0, unchanged: 0, error: message },
        { lastErrorAt: request.now, lastError: message, nextRunAt },
        request.now,
        request.actor,
      );
    }
    throw error;
  }
}
