import { basename } from 'node:path';
import { loadCatalog } from '../core/metrics/load-catalog.ts';
import { observationKey } from '../core/observations/validate-observations.ts';
import { writeObservations } from '../core/observations/write-observations.ts';
import type { ObservationInput, UpsertSummary } from '../core/ports/observations.ts';
import type { Store } from '../core/ports/store.ts';
import { parseObservationCsv } from './csv-observations.ts';
import { parseImportFile } from './csv-reader.ts';
import type { ImportLimits } from './import-limits.ts';
import type { ImportMapping } from './import-mapping.ts';
import type { TextEncoding } from './text-encoding.ts';

export interface ImportSummary extends UpsertSummary {
  file: string;
  /** Data records read from the file. */
  records: number;
  /** Observations after summing rows for the same metric, segment and day. */
  observations: number;
  skippedCells: number;
  skippedRows: number;
  metrics: string[];
  segments: string[];
  from?: string;
  to?: string;
  dryRun: boolean;
  /** How the file's bytes were read: "UTF-8", "UTF-16LE", "GB18030"… (detected, or as --encoding said). */
  encoding: string;
}

/** What an upsert would do, without writing: compares with what is stored. */
export async function previewUpsert(store: Store, workspaceId: string, rows: ObservationInput[]): Promise<UpsertSummary> {
  const summary: UpsertSummary = { inserted: 0, updated: 0, unchanged: 0 };
  if (rows.length === 0) return summary;
  const days = rows.map((r) => r.day).sort();
  const existing = await store.observations.query(workspaceId, {
    metrics: [...new Set(rows.map((r) => r.metric))],
    from: days[0] as string,
    to: days[days.length - 1] as string,
  });
  const stored = new Map(existing.map((o) => [observationKey(o), o.value]));
  for (const r of rows) {
    const old = stored.get(observationKey(r));
    if (old === undefined) summary.inserted++;
    else if (old === r.value) summary.unchanged++;
    else summary.updated++;
  }
  return summary;
}

/** Imports a CSV (or .csv.gz) of observations: parsed whole first, then written in one transaction. */
export async function importObservationFile(
  store: Store,
  workspaceId: string,
  path: string,
  options: {
    mapping?: ImportMapping;
    dryRun?: boolean;
    actor: string;
    onProgress?: (read: number, size: number) => void;
    limits?: Partial<ImportLimits>;
    /** Read the file as this encoding instead of detecting it. */
    encoding?: TextEncoding;
  },
): Promise<ImportSummary> {
  const catalog = await loadCatalog(store.metrics, workspaceId);
  const known = await store.segments.list(workspaceId);
  const { parsed, encoding } = await parseImportFile(
    path,
    (records, source) => parseObservationCsv(records, catalog, options.mapping, source, known),
    { onProgress: options.onProgress, limits: options.limits, encoding: options.encoding, rowMeaning: 'one row per day' },
  );
  const days = parsed.rows.map((r) => r.day).sort();
  const result = options.dryRun
    ? await previewUpsert(store, workspaceId, parsed.rows)
    : await (async () => {
        await store.segments.ensure(
          workspaceId,
          [...parsed.segments].map(([key, name]) => ({ key, name })),
        );
        return writeObservations(
          store,
          workspaceId,
          parsed.rows,
          { source: 'csv', sourceRef: basename(path), actor: options.actor },
          new Date(),
        );
      })();
  return {
    file: basename(path),
    records: parsed.records,
    observations: parsed.rows.length,
    skippedCells: parsed.skippedCells,
    skippedRows: parsed.skippedRows,
    ...result,
    metrics: [...new Set(parsed.rows.map((r) => r.metric))].sort(),
    segments: [...parsed.segments.keys()].sort(),
    from: days[0],
    to: days[days.length - 1],
    dryRun: Boolean(options.dryRun),
    encoding,
  };
}
