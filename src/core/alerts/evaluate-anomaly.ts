// The anomaly rule on one subject: the metric's value on the latest settled day, judged against its own history
// and the workspace's calendar (core/metrics/anomaly.ts). Small channels stay quiet.
import { type AnomalyOptions, judgeDay } from '../metrics/anomaly.ts';
import { type ComputeContext, computeMetric, type SegmentScope } from '../metrics/compute-metric.ts';
import { volumeShare } from '../metrics/why-moved.ts';
import type { AnomalyDetail, RuleParams, TrendPoint } from '../ports/alerts.ts';
import { addDays } from '../time/day-math.ts';
import { HolidayCalendar } from '../time/holiday-calendar.ts';

/** A channel under this share of the metric's volume over the 4 weeks before is never alerted on (the digest's movers default). */
export const DEFAULT_MIN_SHARE = 0.05;
/** How far back an anomaly rule reads: a year and the 4 weeks before last year's same holiday. */
export const ANOMALY_LOOKBACK_DAYS = 400;

let defaultCalendar: HolidayCalendar | undefined;

/** The flagged side: the metric's bad direction (down for ROI, up for CAC; both for a neutral one), or both. */
export function flagOf(direction: 'bad' | 'any', metricDirection: 'up' | 'down' | 'neutral'): AnomalyOptions['flag'] {
  if (direction === 'any' || metricDirection === 'neutral') return 'both';
  return metricDirection === 'up' ? 'low' : 'high';
}

/** What the rule evaluation hands an anomaly rule (a part of its EvaluationInput). */
export interface AnomalyInput {
  calendar?: HolidayCalendar;
  minShare?: number;
  series?: Map<string, number | null>;
}

export interface AnomalyFinding {
  metric: string;
  subject: string;
  status: 'failing' | 'ok' | 'unknown';
  value: number | null;
  threshold: number | null;
  trend: TrendPoint[];
  valueDay: string;
  anomaly?: AnomalyDetail;
  history?: boolean;
}

export function evaluateAnomaly(
  params: Extract<RuleParams, { type: 'anomaly' }>,
  input: AnomalyInput,
  ctx: ComputeContext,
  metric: string,
  subject: string,
  day: string,
): AnomalyFinding {
  const def = ctx.catalog.get(metric);
  const scope: SegmentScope = subject === '' ? { kind: 'total' } : { kind: 'segments', segments: [subject] };
  const cache = input.series ?? new Map<string, number | null>();
  const values = (d: string): number | null => {
    if (d > day) return null;
    const key = `${metric}|${subject}|${d}`;
    if (!cache.has(key)) cache.set(key, computeMetric(ctx, metric, scope, d, d).value);
    return cache.get(key) as number | null;
  };
  const trend: TrendPoint[] = Array.from({ length: 7 }, (_, i) => addDays(day, i - 6)).map((d) => ({ day: d, value: values(d) }));
  const base = { metric, subject, valueDay: day, trend };
  // A day some channel has not finished reporting is not judged yet.
  if (computeMetric(ctx, metric, scope, day, day).incompleteDays?.includes(day))
    return { ...base, status: 'unknown', value: values(day), threshold: null };
  if (subject !== '') {
    const share = volumeShare(ctx, metric, subject, addDays(day, -28), addDays(day, -1));
    if (share !== undefined && share < (input.minShare ?? DEFAULT_MIN_SHARE))
      return { ...base, status: 'ok', value: values(day), threshold: null };
  }
  defaultCalendar ??= new HolidayCalendar();
  const options: AnomalyOptions = {
    sensitivity: params.sensitivity,
    flag: flagOf(params.direction, def?.direction ?? 'neutral'),
    ...(params.min !== undefined ? { min: params.min } : {}),
  };
  const j = judgeDay(values, input.calendar ?? defaultCalendar, day, options);
  const status = j.status === 'anomaly' ? 'failing' : j.status === 'normal' || j.status === 'marked' ? 'ok' : 'unknown';
  const names =
    j.reason === 'holiday' || j.reason === 'workday' ? j.info.holiday?.names : j.reason === 'peak' ? j.info.peak?.names : undefined;
  const anomaly: AnomalyDetail | undefined =
    j.expected === undefined
      ? undefined
      : {
          expected: j.expected,
          low: j.low as number,
          high: j.high as number,
          reason: j.reason,
          ...(names ? { names } : {}),
          ...(j.compared ? { compared: j.compared } : {}),
        };
  return {
    ...base,
    status,
    value: j.value,
    threshold: j.expected ?? null,
    ...(anomaly ? { anomaly } : {}),
    ...(j.status === 'history' ? { history: true } : {}),
  };
}
