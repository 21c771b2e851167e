import { InputError } from '../core/errors.ts';
import { evaluateFormula, FormulaError, formulaRefs, parseFormula } from '../core/metrics/formula.ts';
import type { ActivityDay } from '../core/ports/activity.ts';
import type { Segment } from '../core/ports/catalog.ts';
import { knownChannel } from '../core/segments/channel-aliases.ts';
import { segmentKeyResolver } from '../core/segments/resolve-segment.ts';
import { cleanName } from '../core/text/clean-text.ts';
import { isNameTooLong, MAX_NAME_LENGTH } from '../core/text/name-length.ts';
import { parseNumber } from '../core/text/numbers.ts';
import { dayInZone } from '../core/time/zoned-today.ts';
import { clip, isMissing, parseDay } from './cell-values.ts';
import type { CsvRecord } from './csv-reader.ts';

export interface EventColumns {
  /** The column holding the user id. */
  user: string;
  /** The column holding the event time (a local date-time, or an instant with a zone). */
  time: string;
  /** An optional column holding the user's segment (channel, country …). */
  segment?: string;
  /** An optional formula over column names for the event's revenue, e.g. `Quantity * UnitPrice`. */
  revenue?: string;
}

export interface ParsedEvents {
  days: ActivityDay[];
  /** Segment key → the name the file used (users' segments, registered like channels). */
  segments: Map<string, string>;
  records: number;
  /** Rows without a user id (anonymous events): not attributable to a cohort. */
  withoutUser: number;
  users: number;
}

/** A user id as exports write it: `17850.0` and `17850` are the same customer. */
export function normaliseUserId(cell: string): string {
  const text = cell.trim();
  return /^\d+\.0+$/.test(text) ? text.replace(/\.0+$/, '') : text;
}

/** The workspace-local day of an event time: instants with a zone are converted, local times keep their date. */
export function eventDay(cell: string, timezone: string): string | undefined {
  const text = cell.trim();
  if (/(?:Z|[+-]\d{2}:?\d{2})$/.test(text) && /\d{2}:\d{2}/.test(text)) {
    const instant = new Date(text);
    return Number.isNaN(instant.getTime()) ? undefined : dayInZone(instant, timezone);
  }
  return parseDay(text);
}

/** Streams an activity-event log and folds it into one row per user and day (events, revenue). */
export async function parseEventCsv(
  records: AsyncIterable<CsvRecord>,
  columns: EventColumns,
  timezone: string,
  source = 'the file',
  known: readonly Segment[] = [],
): Promise<ParsedEvents> {
  const keyOf = segmentKeyResolver(known);
  const iterator = records[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) throw new InputError(`${source} is empty: expected a header line`, { line: 1, field: 'file' });
  const header = first.value.fields.map((h) => h.trim());
  const index = (name: string, option: string) => {
    let i = header.indexOf(name);
    if (i < 0) i = header.findIndex((h) => h.toLowerCase() === name.toLowerCase());
    if (i < 0)
      throw new InputError(`${source}: --${option} names "${name}", which is not a column (${header.map(clip).join(', ')})`, {
        line: 1,
        field: option,
      });
    return i;
  };
  const userIdx = index(columns.user, 'user');
  const timeIdx = index(columns.time, 'time');
  const segIdx = columns.segment ? index(columns.segment, 'segment') : -1;
  const revenueTree = columns.revenue ? parseFormula(columns.revenue) : undefined;
  const revenueCols = new Map<string, number>();
  for (const ref of revenueTree ? formulaRefs(revenueTree) : []) {
    const i =
      header.indexOf(ref.name) >= 0 ? header.indexOf(ref.name) : header.findIndex((h) => h.toLowerCase() === ref.name.toLowerCase());
    if (i < 0) throw new FormulaError(columns.revenue as string, ref.at, `"${ref.name}" is not a column`);
    revenueCols.set(ref.name, i);
  }

  const folded = new Map<string, ActivityDay>();
  const segments = new Map<string, string>();
  const problems: string[] = [];
  let firstProblemLine: number | undefined;
  let records_ = 0;
  let withoutUser = 0;
  const users = new Set<string>();
  const problem = (line: number, text: string) => {
    firstProblemLine ??= line;
    if (problems.length < 20) problems.push(`line ${line}: ${text}`);
  };
  for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
    const { line, fields } = next.value;
    records_++;
    const userCell = fields[userIdx] ?? '';
    if (isMissing(userCell)) {
      withoutUser++;
      continue;
    }
    const day = eventDay(fields[timeIdx] ?? '', timezone);
    if (!day) {
      problem(line, `column "${clip(header[timeIdx] as string)}": "${clip(fields[timeIdx] ?? '')}" is not a date or time`);
      continue;
    }
    if (segIdx >= 0 && isNameTooLong(fields[segIdx] ?? '')) {
      problem(line, `column "${clip(header[segIdx] as string)}": a segment name is longer than ${MAX_NAME_LENGTH} characters`);
      continue;
    }
    let revenue = 0;
    if (revenueTree) {
      const v = evaluateFormula(revenueTree, (name) => parseNumber(fields[revenueCols.get(name) as number] ?? '') ?? null);
      if (v === null) {
        problem(line, `the revenue "${columns.revenue}" is not a number on this row`);
        continue;
      }
      revenue = v;
    }
    const user = normaliseUserId(userCell);
    users.add(user);
    const key = `${user}\u0000${day}`;
    const row = folded.get(key);
    if (row) {
      row.events++;
      row.revenue += revenue;
    } else {
      const name = segIdx >= 0 && !isMissing(fields[segIdx] ?? '') ? cleanName(fields[segIdx] as string) : '';
      // Stored by key like observations' segments, so /retention cohorts 抖音 finds "抖音" and "douyin" alike.
      const segment = name ? keyOf(name) : '';
      if (segment && !segments.has(segment)) segments.set(segment, knownChannel(segment)?.zh ?? name);
      folded.set(key, { userKey: user, day, segment, events: 1, revenue });
    }
  }
  if (problems.length)
    throw new InputError(`${source}: ${problems.length} problem(s); nothing was imported\n  ${problems.join('\n  ')}`, {
      line: firstProblemLine,
      field: 'file',
    });
  // Revenue sums are rounded to cents so float noise never makes a re-import look like a change.
  const days = [...folded.values()].map((d) => ({ ...d, revenue: Math.round(d.revenue * 100) / 100 }));
  return { days, segments, records: records_, withoutUser, users: users.size };
}
