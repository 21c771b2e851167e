import { InputError } from '../core/errors.ts';
import type { MetricCatalog } from '../core/metrics/metric-catalog.ts';
import { brokenValueRule, valueRuleText } from '../core/metrics/value-rules.ts';
import { observationKey } from '../core/observations/validate-observations.ts';
import type { Segment } from '../core/ports/catalog.ts';
import type { ObservationInput } from '../core/ports/observations.ts';
import { isTotalWord, knownChannel } from '../core/segments/channel-aliases.ts';
import { segmentKeyResolver } from '../core/segments/resolve-segment.ts';
import { cleanName } from '../core/text/clean-text.ts';
import { isNameTooLong, MAX_NAME_LENGTH } from '../core/text/name-length.ts';
import { readNumber } from '../core/text/numbers.ts';
import { clip, isMissing, parseDay, parseMonth } from './cell-values.ts';
import type { CsvRecord } from './csv-reader.ts';
import type { ImportMapping } from './import-mapping.ts';

export interface ParsedObservations {
  rows: ObservationInput[];
  /** Data records read (the header excluded). */
  records: number;
  /** Empty or `#N/A` value cells, skipped (never read as 0). */
  skippedCells: number;
  /** Rows left out by the mapping (a missing segment with `missing: "skip"`). */
  skippedRows: number;
  /** Segment key → the name the file used. */
  segments: Map<string, string>;
}

const MAX_REPORTED = 20;
const DATE_NAMES = ['date', 'day', 'ds', 'dt', 'report_date', 'event_date', '日期', '时间', '天'];
const METRIC_NAMES = ['metric', 'kpi', '指标'];
const VALUE_NAMES = ['value', '数值', '值', '数据'];
const SEGMENT_NAMES = ['segment', 'channel', 'source', 'media_source', '渠道', '分组', '来源'];

class Problems {
  readonly list: string[] = [];
  firstLine?: number;
  add(line: number, text: string) {
    this.firstLine ??= line;
    if (this.list.length < MAX_REPORTED) this.list.push(`line ${line}: ${text}`);
    else if (this.list.length === MAX_REPORTED) this.list.push('… more problems not shown');
  }
  throwIfAny(source: string) {
    if (this.list.length === 0) return;
    const count = this.list.length > MAX_REPORTED ? `${MAX_REPORTED}+` : String(this.list.length);
    throw new InputError(`${source}: ${count} problem(s); nothing was imported\n  ${this.list.join('\n  ')}`, {
      line: this.firstLine,
      field: 'file',
    });
  }
}

type Part = number | { column: string };

/** Parses a long (`date,metric,segment,value`) or wide CSV into summed observations; any problem refuses the whole file. */
export async function parseObservationCsv(
  records: AsyncIterable<CsvRecord>,
  catalog: MetricCatalog,
  mapping: ImportMapping = {},
  source = 'the file',
  known: readonly Segment[] = [],
): Promise<ParsedObservations> {
  const keyOf = segmentKeyResolver(known);
  const iterator = records[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) throw new InputError(`${source} is empty: expected a header line`, { line: 1, field: 'file' });
  const header = first.value.fields.map((h) => h.trim());
  const columnList = header.map(clip).join(', ');
  const problems = new Problems();
  const column = (name: string): number => header.findIndex((h) => h.toLowerCase() === name.toLowerCase());
  const requireColumn = (name: string, what: string): number => {
    const i = column(name);
    if (i < 0)
      throw new InputError(`${source}: the ${what} column "${clip(name)}" is not in the header (${columnList})`, { line: 1, field: what });
    return i;
  };
  const used = new Set<number>();

  // The day of a record.
  let dayOf: (f: string[], line: number) => string | undefined;
  const dateSpec = mapping.date;
  if (dateSpec && typeof dateSpec === 'object' && 'year' in dateSpec) {
    const read = (p: Part, what: 'year' | 'month' | 'day') => {
      if (typeof p === 'number') return () => p;
      const i = requireColumn(p.column, what);
      used.add(i);
      return (f: string[]) => (what === 'month' ? parseMonth(f[i] ?? '') : Number.parseInt(f[i] ?? '', 10));
    };
    const [y, m, d] = [read(dateSpec.year, 'year'), read(dateSpec.month, 'month'), read(dateSpec.day, 'day')];
    dayOf = (f, line) => {
      const text = `${y(f)}-${String(m(f)).padStart(2, '0')}-${String(d(f)).padStart(2, '0')}`;
      const day = parseDay(text);
      if (!day) problems.add(line, `the date parts make "${text}", which is not a day`);
      return day;
    };
  } else {
    const name = typeof dateSpec === 'string' ? dateSpec : dateSpec?.column;
    const i = name ? requireColumn(name, 'date') : header.findIndex((h) => DATE_NAMES.includes(h.toLowerCase()));
    if (i < 0)
      throw new InputError(
        `${source}: no date column (looked for ${DATE_NAMES.join(', ')}); name it in a mapping file: {"date": "<column>"}`,
        { line: 1, field: 'date' },
      );
    used.add(i);
    const order = typeof dateSpec === 'object' && 'order' in dateSpec ? dateSpec.order : undefined;
    dayOf = (f, line) => {
      const day = parseDay(f[i] ?? '', order);
      if (!day) problems.add(line, `column "${clip(header[i] as string)}": "${clip(f[i] ?? '')}" is not a date (YYYY-MM-DD)`);
      return day;
    };
  }

  // The segment of a record.
  const segSpec = typeof mapping.segment === 'string' ? { column: mapping.segment } : (mapping.segment ?? {});
  const segments = new Map<string, string>();
  const segIndex = segSpec.column
    ? requireColumn(segSpec.column, 'segment')
    : segSpec.value !== undefined
      ? -1
      : header.findIndex((h) => SEGMENT_NAMES.includes(h.toLowerCase()));
  if (segIndex >= 0) used.add(segIndex);
  const segmentOf = (f: string[], line: number): string | null => {
    // A name is kept on one line: a quoted cell may hold line breaks, a mapping file anything.
    let text = cleanName(segIndex >= 0 ? (f[segIndex] ?? '') : (segSpec.value ?? ''));
    if (segSpec.map && Object.hasOwn(segSpec.map, text)) text = segSpec.map[text] as string;
    if (isNameTooLong(text)) {
      problems.add(line, `column "${clip(header[segIndex] ?? 'segment')}": a segment name is longer than ${MAX_NAME_LENGTH} characters`);
      return null;
    }
    // An empty cell is the whole product (DAU, MAU …); `#N/A` and the like are unattributed rows.
    if (segIndex >= 0 && text !== '' && isMissing(text)) {
      if (segSpec.missing === 'skip') return null;
      text = 'unknown';
    }
    // A summary row ("合计", "Total") is the whole product's row, not another channel to add up.
    if (text === '' || isTotalWord(text)) return '';
    const key = keyOf(text);
    if (!segments.has(key)) segments.set(key, knownChannel(key) ? (knownChannel(key)?.zh as string) : text);
    return key;
  };

  const baseMetric = (name: string): { key: string } | string => {
    if (isNameTooLong(name)) return `a metric name is longer than ${MAX_NAME_LENGTH} characters`;
    const m = catalog.resolve(name);
    if (!m) return `"${clip(name)}" is not a metric`;
    if (m.kind === 'derived') return `${m.key} is computed from ${[...catalog.baseInputs(m.key)].join(', ')}: import those instead`;
    return m;
  };

  const sums = new Map<string, ObservationInput>();
  const firstLine = new Map<string, number>();
  // Rows for the same metric, segment and day add up for summed metrics (spend split by campaign);
  // an average or last value (DAU, MAU, NPS) cannot be added, so a repeat is refused.
  const add = (row: ObservationInput, line: number) => {
    const k = observationKey(row);
    const existing = sums.get(k);
    if (!existing) {
      sums.set(k, row);
      firstLine.set(k, line);
      return;
    }
    const def = catalog.get(row.metric);
    if (def?.kind === 'base' && def.aggregation !== 'sum') {
      problems.add(
        line,
        `${row.metric} for "${row.segment || 'the whole product'}" on ${row.day} appears again (first on line ${firstLine.get(k)}); ${row.metric} is not summed, so give one value`,
      );
      return;
    }
    existing.value += row.value;
  };
  let recordsRead = 0;
  let skippedCells = 0;
  let skippedRows = 0;
  const readValue = (cell: string, col: string, line: number, metric: string, scale = 1): number | undefined => {
    if (isMissing(cell)) {
      skippedCells++;
      return undefined;
    }
    const reading = readNumber(cell);
    if (!('value' in reading)) {
      problems.add(
        line,
        `column "${clip(col)}": "${clip(cell)}" ${reading.problem === 'out_of_range' ? 'is out of range (at most 10^15 either side of zero)' : 'is not a number'}`,
      );
      return undefined;
    }
    const rule = brokenValueRule(metric, reading.value * scale);
    if (rule) problems.add(line, `column "${clip(col)}": ${valueRuleText(rule, metric)} ("${clip(cell)}")`);
    return rule ? undefined : reading.value * scale;
  };

  // A long file's columns, in English or Chinese (指标, 数值).
  const anyColumn = (names: string[]): number => header.findIndex((h) => names.includes(h.toLowerCase()));
  const metricIdx = anyColumn(METRIC_NAMES);
  const valueIdx = anyColumn(VALUE_NAMES);
  const long = mapping.format === 'long' || (mapping.format === undefined && metricIdx >= 0 && valueIdx >= 0);

  if (long) {
    if (metricIdx < 0 || valueIdx < 0)
      throw new InputError(`${source}: a long file needs "metric" and "value" columns`, { line: 1, field: 'format' });
    const cache = new Map<string, { key: string } | string>();
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      const { line, fields } = next.value;
      recordsRead++;
      const day = dayOf(fields, line);
      const segment = segmentOf(fields, line);
      if (segment === null) {
        skippedRows++;
        continue;
      }
      const name = (fields[metricIdx] ?? '').trim();
      let metric = cache.get(name);
      if (!metric) {
        metric = baseMetric(name);
        cache.set(name, metric);
      }
      if (typeof metric === 'string') {
        problems.add(line, `column "metric": ${metric}`);
        continue;
      }
      const value = readValue(fields[valueIdx] ?? '', 'value', line, metric.key);
      if (day && value !== undefined) add({ metric: metric.key, segment, day, value }, line);
    }
  } else {
    const targets: { index: number; metric: string; segment?: string; scale: number }[] = [];
    header.forEach((h, index) => {
      if (used.has(index)) return;
      const mapped = mapping.columns?.[h];
      if (mapped === null) return;
      if (mapped === undefined && mapping.columns && mapping.ignoreOtherColumns) return;
      const spec = typeof mapped === 'string' ? { metric: mapped } : (mapped ?? { metric: h });
      const metric = baseMetric(spec.metric);
      if (typeof metric === 'string') {
        if (mapped === undefined && mapping.ignoreOtherColumns) return;
        const hint =
          mapped === undefined
            ? `; map it in a mapping file ({"columns": {"${clip(h)}": "spend"}} or {"${clip(h)}": {"metric": "spend", "segment": "tv"}}) or ignore it ({"${clip(h)}": null})`
            : '';
        problems.add(1, `column "${clip(h)}": ${metric}${hint}`);
        return;
      }
      const segment = 'segment' in spec && spec.segment ? keyOf(spec.segment) : undefined;
      if (segment && 'segment' in spec && spec.segment && !segments.has(segment))
        segments.set(segment, knownChannel(segment)?.zh ?? spec.segment);
      targets.push({ index, metric: metric.key, segment, scale: 'scale' in spec && spec.scale ? spec.scale : 1 });
    });
    problems.throwIfAny(source);
    if (targets.length === 0)
      throw new InputError(`${source}: no metric columns found in the header (${columnList})`, { line: 1, field: 'columns' });
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      const { line, fields } = next.value;
      recordsRead++;
      const day = dayOf(fields, line);
      const rowSegment = segmentOf(fields, line);
      if (rowSegment === null) {
        skippedRows++;
        continue;
      }
      for (const t of targets) {
        const value = readValue(fields[t.index] ?? '', header[t.index] as string, line, t.metric, t.scale);
        if (day && value !== undefined) add({ metric: t.metric, segment: t.segment ?? rowSegment, day, value }, line);
      }
    }
  }
  problems.throwIfAny(source);
  return { rows: [...sums.values()], records: recordsRead, skippedCells, skippedRows, segments };
}
