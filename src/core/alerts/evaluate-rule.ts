// A rule against the numbers: pure, deterministic, on the latest complete day in the workspace's timezone.
// Values come from computeMetric (period sums, cohort maturity), so alerts and commands agree.
import { type Change, changeBetween } from '../metrics/change.ts';
import { type ComputeContext, computeMetric, type MetricValue, maturityDays, type SegmentScope } from '../metrics/compute-metric.ts';
import type { MetricCatalog } from '../metrics/metric-catalog.ts';
import type { MetricUnit, WhyMoved } from '../metrics/metric-definition.ts';
import type { ObservationIndex } from '../metrics/observation-index.ts';
import { whyMoved } from '../metrics/why-moved.ts';
import type { AlertRule, AnomalyDetail, RuleParams, RuleWindow, TrendPoint } from '../ports/alerts.ts';
import { addDays, daysBetween, startOfMonth } from '../time/day-math.ts';
import type { HolidayCalendar } from '../time/holiday-calendar.ts';
import { monthPeriod, previousPeriod, weekPeriod } from '../time/period.ts';
import { evaluateAnomaly } from './evaluate-anomaly.ts';

export type TargetSetting = { op: '<=' | '>='; value: number };

export interface EvaluationInput {
  catalog: MetricCatalog;
  /** Observations covering at least `lookbackDays` before `day`. */
  index: ObservationIndex;
  /** The latest complete day (yesterday in the workspace's timezone). */
  day: string;
  targets: Record<string, TargetSetting>;
  /** The workspace's holidays, 调休 workdays and peaks (anomaly rules; default China mainland). */
  calendar?: HolidayCalendar;
  /** A channel under this share of its metric's volume is not alerted on by an anomaly rule. */
  minShare?: number;
  /** Daily values already computed (metric|subject|day), shared across the days of a backtest. */
  series?: Map<string, number | null>;
}

/** failing: the condition holds; ok: it does not; unknown: no data to tell (n/a changes nothing). */
export type FindingStatus = 'failing' | 'ok' | 'unknown';

export interface Finding {
  metric: string;
  /** The alert's subject: the segment ("" = total), or the quiet metric for freshness over `*`. */
  subject: string;
  status: FindingStatus;
  value: number | null;
  threshold: number | null;
  trend: TrendPoint[];
  changes?: { value: number; absolute: boolean }[];
  lastDay?: string;
  /** The last day the value covers. */
  valueDay?: string;
  /** An anomaly rule's expected value and range; `history` when there were fewer than 4 weeks to judge by. */
  anomaly?: AnomalyDetail;
  history?: boolean;
  /** A failing total: which channels moved it against the comparison period. */
  why?: WhyMoved;
}

/**
 * How many days before the evaluated day the index must reach: two whole calendar months (up to 92 days)
 * before a D30 cohort's maturity (30 days).
 */
export const LOOKBACK_DAYS = 130;
const TREND_DAYS = 7;
/** A metric "arrives daily" when it has values on most of the two weeks before its latest day. */
const DAILY_SHARE = 10 / 14;

const scopeOf = (segment: string): SegmentScope => (segment === '' ? { kind: 'total' } : { kind: 'segments', segments: [segment] });

/** The subjects a rule looks at: the total, its one segment, or every segment with data for the metric. */
export function subjectsOf(rule: AlertRule, input: EvaluationInput): string[] {
  if (rule.scope === 'total') return [''];
  if (rule.scope === 'segment') return [rule.segment ?? ''];
  return input.index.segments(input.catalog.baseInputs(rule.metric));
}

/**
 * The latest day a metric has a settled value for: the evaluated day, or for a cohort metric (Dn retention)
 * the latest cohort old enough to count — a window ending later would hold no mature cohort at all.
 */
function settledDay(input: EvaluationInput, metric: string): string {
  return addDays(input.day, -maturityDays(input.catalog, metric));
}

function windowRange(input: EvaluationInput, metric: string, window: RuleWindow): [string, string] {
  const end = settledDay(input, metric);
  if (window.kind === 'rolling') return [addDays(end, -(window.days - 1)), end];
  return [end, end];
}

function daily(ctx: ComputeContext, metric: string, scope: SegmentScope, to: string, n: number): TrendPoint[] {
  const out: TrendPoint[] = [];
  for (let i = n - 1; i >= 0; i--) {
    const day = addDays(to, -i);
    out.push({ day, value: computeMetric(ctx, metric, scope, day, day).value });
  }
  return out;
}

/** Whether a value's last day still waits for an input from some channel (that channel's day was left out). */
const incompleteOn = (v: MetricValue, day: string) => v.incompleteDays?.includes(day) ?? false;

const crosses = (value: number, op: 'above' | 'below', threshold: number) => (op === 'above' ? value > threshold : value < threshold);

/**
 * A step between two days, as the rule counts it: relative to a positive day before; from a zero or
 * negative day before (ROI going from −5% to −20%), in absolute units (points for percentages), so no
 * change is ever divided by a negative baseline.
 */
export function stepChange(
  previous: number,
  current: number,
  unit: 'percent' | 'points',
  metricUnit: MetricUnit,
): { value: number; absolute: boolean } | undefined {
  const c: Change = unit === 'points' ? { kind: 'absolute', value: current - previous } : changeBetween(current, previous);
  if (!c) return undefined;
  // Points only mean something for a percentage; a count or an amount from a non-positive day has no share to fall by.
  if (c.kind === 'absolute' && unit === 'percent' && metricUnit !== 'percent') return undefined;
  return { value: c.value, absolute: c.kind === 'absolute' };
}

function evaluateSubject(rule: AlertRule, params: RuleParams, input: EvaluationInput, ctx: ComputeContext, subject: string): Finding {
  const metric = rule.metric;
  const unit = input.catalog.get(metric)?.unit ?? 'count';
  const scope = scopeOf(subject);
  const base = { metric, subject, valueDay: input.day };
  switch (params.type) {
    case 'threshold':
    case 'target': {
      const target = params.type === 'target' ? input.targets[metric] : undefined;
      const window = params.window;
      const [from, to] = windowRange(input, metric, window);
      const computed = computeMetric(ctx, metric, scope, from, to);
      const value = computed.value;
      const trend = daily(ctx, metric, scope, to, TREND_DAYS);
      base.valueDay = to;
      if (params.type === 'target' && !target) return { ...base, status: 'unknown', value, threshold: null, trend };
      // A day some channel has not finished reporting is not judged yet: half a day's data never opens an alert.
      if (incompleteOn(computed, to)) return { ...base, status: 'unknown', value, threshold: null, trend };
      const op = params.type === 'threshold' ? params.op : (target as TargetSetting).op === '<=' ? 'above' : 'below';
      const threshold = params.type === 'threshold' ? params.value : (target as TargetSetting).value;
      const status: FindingStatus = value === null ? 'unknown' : crosses(value, op, threshold) ? 'failing' : 'ok';
      return { ...base, status, value, threshold, trend };
    }
    case 'consecutive': {
      const end = settledDay(input, metric);
      base.valueDay = end;
      const points = daily(ctx, metric, scope, end, Math.max(params.days + 1, TREND_DAYS));
      if (incompleteOn(computeMetric(ctx, metric, scope, end, end), end))
        return { ...base, status: 'unknown', value: null, threshold: params.by, trend: points };
      const last = points.slice(-(params.days + 1));
      const value = points[points.length - 1]?.value ?? null;
      const steps = last.some((p) => p.value === null)
        ? undefined
        : last.slice(1).map((p, i) => stepChange(last[i]?.value as number, p.value as number, params.unit, unit));
      if (!steps || steps.some((c) => c === undefined)) return { ...base, status: 'unknown', value, threshold: params.by, trend: points };
      const changes = steps as { value: number; absolute: boolean }[];
      const sign = params.direction === 'fall' ? -1 : 1;
      const failing = changes.every((c) => sign * c.value >= params.by - 1e-12);
      return { ...base, status: failing ? 'failing' : 'ok', value, threshold: params.by, trend: points, changes };
    }
    case 'change': {
      const [from, to, prevFrom, prevTo] = comparedPeriods(settledDay(input, metric), params.period);
      base.valueDay = to;
      const computed = computeMetric(ctx, metric, scope, from, to);
      const value = computed.value;
      const previous = computeMetric(ctx, metric, scope, prevFrom, prevTo).value;
      const trend = [
        { day: prevFrom, value: previous },
        { day: from, value },
      ];
      const c =
        value === null || previous === null || incompleteOn(computed, to) ? undefined : stepChange(previous, value, 'percent', unit);
      if (!c) return { ...base, status: 'unknown', value, threshold: params.by, trend };
      const failing =
        params.direction === 'any' ? Math.abs(c.value) >= params.by : (params.direction === 'fall' ? -c.value : c.value) >= params.by;
      return { ...base, status: failing ? 'failing' : 'ok', value, threshold: params.by, trend, changes: [c] };
    }
    case 'freshness':
      return freshness(input, metric, subject, params.days);
    case 'anomaly':
      return evaluateAnomaly(params, input, ctx, metric, subject, settledDay(input, metric));
  }
}

/** The last complete ISO week (or calendar month) up to `day`, and the one before it. */
export function comparedPeriods(day: string, period: 'week' | 'month'): [string, string, string, string] {
  const today = addDays(day, 1);
  // The week holding day − 6 ends on `day` when `day` is a Sunday, else it is the week before.
  const current = period === 'week' ? weekPeriod(addDays(day, -6), today) : monthPeriod(addDays(startOfMonth(today), -1), today);
  const previous = previousPeriod(current, today);
  return [current.from, current.to, previous.from, previous.to];
}

/** No value for `days` days, for a metric that normally arrives daily (cohort counts arrive N days late). */
function freshness(input: EvaluationInput, metric: string, segment: string, days: number): Finding {
  const def = input.catalog.get(metric);
  const lag = def?.kind === 'base' ? (def.cohortDay ?? 0) : 0;
  const expected = addDays(input.day, -lag);
  const seen = input.index.daysIn(metric, addDays(expected, -(LOOKBACK_DAYS - lag)), expected).filter((d) => {
    const values = input.index.valuesOn(metric, d);
    return segment === '' ? (values?.size ?? 0) > 0 : values?.has(segment);
  });
  const lastDay = seen[seen.length - 1];
  const base = { metric, subject: segment, value: null, threshold: days, trend: [] as TrendPoint[] };
  if (!lastDay) return { ...base, status: 'unknown' };
  const before = seen.filter((d) => d < lastDay && d >= addDays(lastDay, -14)).length;
  if (before < Math.ceil(14 * DAILY_SHARE)) return { ...base, status: 'unknown', lastDay };
  const gap = daysBetween(lastDay, expected);
  return { ...base, value: gap, status: gap >= days ? 'failing' : 'ok', lastDay };
}

/**
 * The periods a failing finding is explained over: the rule's own comparison for a change rule, the streak's first
 * day for a consecutive rule, and the same-length window before for a threshold or target.
 */
function comparedWindows(
  input: EvaluationInput,
  rule: AlertRule,
): [{ from: string; to: string }, { from: string; to: string }] | undefined {
  const p = rule.params;
  const end = settledDay(input, rule.metric);
  if (p.type === 'freshness') return undefined;
  if (p.type === 'anomaly') {
    // The unusual day against the same weekday a week before.
    return [
      { from: end, to: end },
      { from: addDays(end, -7), to: addDays(end, -7) },
    ];
  }
  if (p.type === 'change') {
    const [from, to, prevFrom, prevTo] = comparedPeriods(end, p.period);
    return [
      { from, to },
      { from: prevFrom, to: prevTo },
    ];
  }
  if (p.type === 'consecutive') {
    const start = addDays(end, -p.days);
    return [
      { from: end, to: end },
      { from: start, to: start },
    ];
  }
  const [from, to] = windowRange(input, rule.metric, p.window);
  const length = daysBetween(from, to) + 1;
  return [
    { from, to },
    { from: addDays(from, -length), to: addDays(from, -1) },
  ];
}

/** Adds "why it moved" to a failing finding on a total, when the metric splits by channel. */
function explained(rule: AlertRule, input: EvaluationInput, ctx: ComputeContext, f: Finding): Finding {
  if (f.subject !== '' || f.status !== 'failing' || rule.metric === '*') return f;
  const windows = comparedWindows(input, rule);
  if (!windows) return f;
  const result = whyMoved(ctx, rule.metric, windows[0], windows[1]);
  return result.kind === 'ok' ? { ...f, why: result.why } : f;
}

/** Every finding of a rule on the evaluated day: one per subject. */
export function evaluateRule(rule: AlertRule, input: EvaluationInput, onlySubjects?: ReadonlySet<string>): Finding[] {
  const ctx: ComputeContext = { catalog: input.catalog, index: input.index, asOf: input.day };
  if (rule.params.type === 'freshness' && rule.metric === '*') {
    const out: Finding[] = [];
    for (const def of input.catalog.list()) {
      if (def.kind !== 'base' || input.index.lastDay(def.key) === undefined) continue;
      if (onlySubjects && !onlySubjects.has(def.key)) continue;
      out.push({ ...freshness(input, def.key, '', rule.params.days), subject: def.key });
    }
    return out;
  }
  const subjects = subjectsOf(rule, input).filter((s) => !onlySubjects || onlySubjects.has(s));
  return subjects.map((s) => explained(rule, input, ctx, evaluateSubject(rule, rule.params, input, ctx, s)));
}
