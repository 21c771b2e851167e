import { SourceError } from '../../core/errors.ts';
import type { Source } from '../../core/ports/sources.ts';
import { cleanText } from '../../core/text/clean-text.ts';
import type { CsvRecord } from '../csv-reader.ts';
import type { ImportLimits } from '../import-limits.ts';

/** What a run may cost the source: a statement timeout and a row limit (SOURCE_STATEMENT_TIMEOUT_MS, SOURCE_MAX_ROWS). */
export interface SourceLimits {
  statementTimeoutMs: number;
  maxRows: number;
  /** Bounds on a csv-url body (IMPORT_MAX_*), as for an imported file. */
  importLimits?: Partial<ImportLimits>;
}

export const DEFAULT_SOURCE_LIMITS: Readonly<SourceLimits> = { statementTimeoutMs: 60_000, maxRows: 1_000_000 };

/** The conditional-request state of a csv-url source: sent with the request, updated from the answer. */
export interface ReadState {
  etag?: string;
  lastModified?: string;
  /** The server answered 304: nothing changed since the last run. */
  notModified?: boolean;
}

/**
 * Every kind of source behind one contract: the header record (column names) first, then one record per
 * row, as the CSV reader yields them, so the same mapping turns them into observations. A SQL source reads
 * inside a read-only transaction with a statement timeout and refuses more than `maxRows` rows.
 */
export interface SourceReader {
  readRows(since: string, state: ReadState): AsyncIterable<CsvRecord>;
}

/** `env:NAME` reads the variable at run time; anything else is the value itself. */
export function resolveSecret(value: string, env: Record<string, string | undefined>, source: string): string {
  const m = value.match(/^env:([A-Za-z_][A-Za-z0-9_]*)$/);
  if (!m) return value;
  const found = env[m[1] as string];
  if (found === undefined || found === '') throw new SourceError(source, `the environment variable ${m[1]} is not set`);
  return found;
}

/** The query with `{{since}}` replaced by the day as a SQL literal (a checked YYYY-MM-DD, so nothing else can get in). */
export function bindSince(query: string, since: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(since)) throw new Error(`not a day: ${since}`);
  return query.replace(/;\s*$/, '').replace(/\{\{\s*since\s*\}\}/g, `'${since}'`);
}

/**
 * A cell as text, as the CSV reader would give it: nothing as an empty cell, code-only characters (mention marks,
 * controls) removed, so a value from a database is read exactly like the same value in a file.
 */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString();
  return cleanText(typeof value === 'object' ? JSON.stringify(value) : String(value));
}

/** Refuses the read once more rows came than the limit allows: a query that large is a mistake, not a day's numbers. */
export function rowLimitError(source: string, maxRows: number): SourceError {
  return new SourceError(
    source,
    `the query returned more than ${maxRows.toLocaleString('en-US')} rows (the limit SOURCE_MAX_ROWS=${maxRows}); nothing was imported — aggregate by day in the query, or raise SOURCE_MAX_ROWS`,
  );
}

/** A driver's error as a SourceError, with any secret that slipped into its text blanked out. */
export function sourceFailure(source: string, error: unknown, secrets: string[]): Error {
  if (error instanceof SourceError) return error;
  let text = error instanceof Error ? error.message : String(error);
  for (const secret of secrets) if (secret.length >= 4) text = text.split(secret).join('•••');
  return new SourceError(source, text, { cause: error });
}

/** The reader for a source's kind; the driver module loads only when a source of that kind runs. */
export async function openSourceReader(
  source: Source,
  env: Record<string, string | undefined>,
  limits: SourceLimits,
): Promise<SourceReader> {
  const connection = resolveSecret(source.connection, env, source.name);
  const headers = Object.fromEntries(Object.entries(source.headers ?? {}).map(([k, v]) => [k, resolveSecret(v, env, source.name)]));
  const query = source.query ?? '';
  const target = { name: source.name, connection, headers, query, limits };
  switch (source.kind) {
    case 'postgres':
      return (await import('./postgres-source.ts')).postgresReader(target);
    case 'mysql':
      return (await import('./mysql-source.ts')).mysqlReader(target);
    case 'clickhouse':
      return (await import('./clickhouse-source.ts')).clickhouseReader(target);
    case 'csv-url':
      return (await import('./csv-url-source.ts')).csvUrlReader(target);
  }
}

/** What every reader is given: the secrets already resolved. */
export interface ReaderTarget {
  name: string;
  connection: string;
  headers: Record<string, string>;
  query: string;
  limits: SourceLimits;
}

/** The secrets a failure's text must never show. */
export function secretsOf(target: ReaderTarget): string[] {
  const secrets = [target.connection, ...Object.values(target.headers)];
  try {
    const url = new URL(target.connection);
    if (url.password) secrets.push(decodeURIComponent(url.password), url.password);
  } catch {
    // not a URL: the whole string is already listed
  }
  return secrets;
}
