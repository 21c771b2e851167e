import type { ObservationRepository } from '../ports/observations.ts';
import { addDays } from '../time/day-math.ts';
import { type Grain, type Period, previousPeriod, splitPeriod, yearAgoPeriod } from '../time/period.ts';
import { type Change, changeFor } from './change.ts';
import { type ComputeContext, computeMetric, type MetricValue, type SegmentScope } from './compute-metric.ts';
import { cachedIndex } from './index-cache.ts';
import type { MetricCatalog } from './metric-catalog.ts';
import type { MetricDefinition } from './metric-definition.ts';
import type { ObservationIndex } from './observation-index.ts';

/** Marks a value that covers part of its period (explained beside it wherever it is shown). */
export const PARTIAL = '†';

export interface MetricQuery {
  metric: MetricDefinition;
  period: Period;
  /** `total` (default), `each` (every segment with data, plus the total), or named segment keys. */
  segments?: 'total' | 'each' | string[];
  compare?: { previous?: boolean; yearAgo?: boolean };
  grain?: Grain;
}

export interface MetricRow {
  /** "" for the total. */
  segment: string;
  current: MetricValue;
  previous?: MetricValue;
  yearAgo?: MetricValue;
  /** 环比 */
  change?: Change;
  /** 同比 */
  yoy?: Change;
}

export interface MetricReport {
  metric: MetricDefinition;
  period: Period;
  previousPeriod?: Period;
  yearAgoPeriod?: Period;
  asOf: string;
  /** One row per segment (sorted by value, best first) when asked for segments. */
  rows: MetricRow[];
  /** Computed from the components' sums, never from the rows' values. */
  total: MetricRow;
  /** `partial`: the bucket covers part of its week or month, or only its mature cohorts count. */
  series?: { bucket: Period; value: MetricValue; partial: boolean }[];
}

/** Reads what a set of metric queries needs in one pass and indexes it (cached until the workspace's data changes). */
export async function loadIndex(
  observations: ObservationRepository,
  workspaceId: string,
  catalog: MetricCatalog,
  metricKeys: string[],
  periods: Period[],
): Promise<ObservationIndex> {
  const inputs = new Set<string>();
  for (const k of metricKeys) catalog.baseInputs(k, inputs);
  const from = periods.reduce((m, p) => (p.from < m ? p.from : m), periods[0]?.from ?? '');
  const to = periods.reduce((m, p) => (p.to > m ? p.to : m), periods[0]?.to ?? '');
  return cachedIndex(observations, workspaceId, { metrics: [...inputs], from, to });
}

function row(ctx: ComputeContext, key: string, scope: SegmentScope, segment: string, p: Period, prev?: Period, year?: Period): MetricRow {
  const current = computeMetric(ctx, key, scope, p.from, p.to);
  const unit = ctx.catalog.get(key)?.unit ?? 'count';
  const out: MetricRow = { segment, current };
  if (prev) {
    out.previous = computeMetric(ctx, key, scope, prev.from, prev.to);
    out.change = changeFor(unit, current.value, out.previous.value);
  }
  if (year) {
    out.yearAgo = computeMetric(ctx, key, scope, year.from, year.to);
    out.yoy = changeFor(unit, current.value, out.yearAgo.value);
  }
  return out;
}

/** Orders rows so the best value comes first for the metric's direction; n/a last. */
export function sortRows(rows: MetricRow[], metric: MetricDefinition): MetricRow[] {
  const sign = metric.direction === 'down' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const [x, y] = [a.current.value, b.current.value];
    if (x === null || y === null) return x === null ? (y === null ? a.segment.localeCompare(b.segment) : 1) : -1;
    return sign * (x - y) || a.segment.localeCompare(b.segment);
  });
}

/** A bucket cut by the period's ends, or whose value counts only its mature cohorts, is partial. */
export function isPartial(bucket: Period, value: MetricValue): boolean {
  return bucket.kind === 'custom' || !bucket.complete || (value.value !== null && value.to < bucket.to);
}

/** The compute context of a report on `today`: cohorts are mature relative to yesterday. */
export function ctxOf(catalog: MetricCatalog, index: ObservationIndex, today: string): ComputeContext {
  return { catalog, index, asOf: addDays(today, -1) };
}

/** Computes a metric report from an index already loaded (the digest and commands share one load). */
export function buildReport(catalog: MetricCatalog, index: ObservationIndex, query: MetricQuery, today: string): MetricReport {
  const ctx = ctxOf(catalog, index, today);
  const key = query.metric.key;
  const prev = query.compare?.previous ? previousPeriod(query.period, today) : undefined;
  const year = query.compare?.yearAgo ? yearAgoPeriod(query.period, today) : undefined;
  const wanted = query.segments ?? 'total';
  const segmentKeys = wanted === 'each' ? index.segments(catalog.baseInputs(key)) : wanted === 'total' ? [] : wanted;
  const rows = segmentKeys.map((s) => row(ctx, key, { kind: 'segments', segments: [s] }, s, query.period, prev, year));
  const totalScope: SegmentScope = Array.isArray(wanted) ? { kind: 'segments', segments: wanted } : { kind: 'total' };
  const report: MetricReport = {
    metric: query.metric,
    period: query.period,
    previousPeriod: prev,
    yearAgoPeriod: year,
    asOf: ctx.asOf,
    rows: sortRows(rows, query.metric),
    total: row(ctx, key, totalScope, '', query.period, prev, year),
  };
  if (query.grain) {
    report.series = splitPeriod(query.period, query.grain, today).map((bucket) => {
      const value = computeMetric(ctx, key, totalScope, bucket.from, bucket.to);
      return { bucket, value, partial: isPartial(bucket, value) };
    });
  }
  return report;
}

/** One metric for a period: per segment and total, with 环比/同比 and an optional day/week/month series. */
export async function queryMetric(
  observations: ObservationRepository,
  workspaceId: string,
  catalog: MetricCatalog,
  query: MetricQuery,
  today: string,
): Promise<MetricReport> {
  const periods = [query.period];
  if (query.compare?.previous) periods.push(previousPeriod(query.period, today));
  if (query.compare?.yearAgo) periods.push(yearAgoPeriod(query.period, today));
  const index = await loadIndex(observations, workspaceId, catalog, [query.metric.key], periods);
  return buildReport(catalog, index, query, today);
}
