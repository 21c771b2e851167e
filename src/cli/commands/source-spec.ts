import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { InputError } from '../../core/errors.ts';
import { SOURCE_KINDS, type SourceKind, type SourceSpec } from '../../core/ports/sources.ts';
import { MAX_NAME_LENGTH } from '../../core/text/name-length.ts';
import { loadMapping } from '../../ingest/import-mapping.ts';
import { isValidSchedule } from '../../ingest/sources/source-schedule.ts';

/** A query file is a query: a few KB. */
const MAX_QUERY_BYTES = 262_144;

/** `Name: value` → [name, value]; a value may be `env:NAME`. */
function header(text: string): [string, string] {
  const i = text.indexOf(':');
  const name = text.slice(0, i).trim();
  if (i <= 0 || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name))
    throw new InputError(`--header "${text.split(':')[0]}…": write a header as "Name: value" (the value may be env:NAME)`, {
      field: 'header',
    });
  return [name, text.slice(i + 1).trim()];
}

function readQuery(path: string): string {
  const file = resolve(path);
  try {
    if (statSync(file).size > MAX_QUERY_BYTES)
      throw new InputError(`--query-file ${path} is larger than ${MAX_QUERY_BYTES} bytes`, { field: 'query-file' });
    return readFileSync(file, 'utf8').trim();
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`--query-file ${path} cannot be read: ${(error as Error).message}`, { field: 'query-file' });
  }
}

/**
 * The fields the options set (for `add`, all that are needed; for `edit`, those given). Each mistake names its
 * option: an unknown kind, a bad cron, a query missing for a SQL kind.
 */
export function specFromOptions(values: Record<string, unknown>, name: string, existing?: SourceSpec): Partial<SourceSpec> {
  const spec: Partial<SourceSpec> = {};
  if (!existing) {
    if (!name || /\s/.test(name) || name.length > MAX_NAME_LENGTH)
      throw new InputError(`a source name is one word of at most ${MAX_NAME_LENGTH} characters, such as warehouse or ad-sheet`, {
        field: 'name',
      });
    spec.name = name;
  }
  if (typeof values.rename === 'string') spec.name = values.rename;
  if (typeof values.kind === 'string') {
    if (!SOURCE_KINDS.includes(values.kind as SourceKind))
      throw new InputError(`--kind ${values.kind}: say one of ${SOURCE_KINDS.join(', ')}`, { field: 'kind' });
    spec.kind = values.kind as SourceKind;
  }
  if (typeof values.url === 'string') spec.connection = values.url.trim();
  if (Array.isArray(values.header)) spec.headers = Object.fromEntries((values.header as string[]).map(header));
  if (typeof values.query === 'string') spec.query = values.query.trim();
  if (typeof values['query-file'] === 'string') spec.query = readQuery(values['query-file']);
  if (typeof values.mapping === 'string') spec.mapping = loadMapping(resolve(values.mapping)) as Record<string, unknown>;
  if (typeof values.schedule === 'string') {
    const cron = values.schedule.trim();
    if (cron === 'none' || cron === '') spec.schedule = undefined;
    else if (!isValidSchedule(cron))
      throw new InputError(
        `--schedule "${cron}" is not a cron expression (minute hour day month weekday, such as "0 * * * *"), or say none`,
        {
          field: 'schedule',
        },
      );
    else spec.schedule = cron;
  }
  if (typeof values.lookback === 'string') {
    const days = Number(values.lookback);
    if (!Number.isInteger(days) || days < 0 || days > 366)
      throw new InputError(`--lookback ${values.lookback}: give a whole number of days from 0 to 366`, { field: 'lookback' });
    spec.lookbackDays = days;
  }
  const kind = spec.kind ?? existing?.kind;
  if (!kind) throw new InputError(`--kind is needed: one of ${SOURCE_KINDS.join(', ')}`, { field: 'kind' });
  if (!(spec.connection ?? existing?.connection))
    throw new InputError('--url is needed: the connection URL (or env:NAME to read it from the environment)', { field: 'url' });
  const query = spec.query ?? existing?.query;
  if (kind !== 'csv-url' && !query) throw new InputError(`a ${kind} source needs --query or --query-file`, { field: 'query' });
  if (kind === 'csv-url' && spec.query) throw new InputError('a csv-url source has no query: the URL is what it reads', { field: 'query' });
  if (!existing) {
    spec.mapping ??= {};
    spec.lookbackDays ??= 7;
  }
  return spec;
}
