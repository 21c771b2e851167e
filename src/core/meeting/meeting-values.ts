// The numbers the meeting's records keep beside their words: the value a note explains (the digest's
// week) and the value an action is measured from and against (the 7 complete days before a moment).
import type { MetricCatalog } from '../metrics/metric-catalog.ts';
import { queryMetric } from '../metrics/query-metric.ts';
import type { ObservationRepository } from '../ports/observations.ts';
import { addDays } from '../time/day-math.ts';
import { type Period, rollingPeriod, weekPeriod } from '../time/period.ts';

/** The metric a channel-only record is about: the channel's headline number in the digest. */
export const CHANNEL_METRIC = 'roi';

/** The days an action's metric is read over: the 7 complete days before `today`. */
export const ACTION_WINDOW_DAYS = 7;

/** The week a note explains on `today`: the last complete ISO week, the one the next digest shows. */
export function noteWeek(today: string): Period {
  return weekPeriod(addDays(today, -7), today);
}

/** The window an action's value is read over on `today` (ends yesterday). */
export function actionWindow(today: string): Period {
  return rollingPeriod(ACTION_WINDOW_DAYS, today);
}

/**
 * A metric over a period, for one channel or the whole product (`segment` undefined), from period sums as
 * every answer computes it; null when there is no data (n/a).
 */
export async function metricValue(
  observations: ObservationRepository,
  workspaceId: string,
  catalog: MetricCatalog,
  metricKey: string,
  segment: string | undefined,
  period: Period,
  today: string,
): Promise<number | null> {
  const metric = catalog.get(metricKey);
  if (!metric) return null;
  const report = await queryMetric(observations, workspaceId, catalog, { metric, period, segments: segment ? [segment] : 'total' }, today);
  return report.total.current.value;
}

/**
 * Whether a note speaks to a number (a metric on a channel, '' = the whole product): the same channel, and
 * the same metric, or any of the channel's numbers for a note on the channel alone.
 */
export function noteExplains(note: { metric?: string; segment?: string }, subject: { metric: string; segment: string }): boolean {
  if ((note.segment ?? '') !== subject.segment) return false;
  return note.metric === undefined || note.metric === subject.metric;
}
