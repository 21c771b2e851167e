import { COHORT_REVENUE_DAYS } from '../metrics/cohort-metrics.ts';
import type { ActivityDay } from '../ports/activity.ts';
import type { ObservationInput } from '../ports/observations.ts';
import { addDays } from '../time/day-math.ts';

/**
 * The daily cohort series of an activity log, as observations: new_users (users first seen that day) and
 * cohort_revenue_dN (their revenue on days 0…N−1, the first day being day 0), for the whole product ("")
 * and for each user's segment (the segment of their first day). A cohort gets cohort_revenue_dN only once
 * it is at least N days old at `lastDay`, the same maturity rule the metrics apply.
 */
export function cohortSeries(days: Iterable<ActivityDay>, lastDay: string): ObservationInput[] {
  const first = new Map<string, ActivityDay>();
  const all: ActivityDay[] = [];
  for (const d of days) {
    all.push(d);
    const f = first.get(d.userKey);
    if (f === undefined || d.day < f.day) first.set(d.userKey, d);
  }
  const sums = new Map<string, ObservationInput>();
  const add = (metric: string, segment: string, day: string, value: number) => {
    const k = `${metric}\u0000${segment}\u0000${day}`;
    const row = sums.get(k);
    if (row) row.value += value;
    else sums.set(k, { metric, segment, day, value });
  };
  const segmentsOf = (f: ActivityDay) => (f.segment ? ['', f.segment] : ['']);
  // The day each horizon ends (exclusive), per cohort day: computed once per day, not per user-day.
  const ends = new Map<string, string[]>();
  const endsOf = (day: string) => {
    let e = ends.get(day);
    if (!e) {
      e = COHORT_REVENUE_DAYS.map((n) => addDays(day, n));
      ends.set(day, e);
    }
    return e;
  };
  for (const f of first.values()) for (const s of segmentsOf(f)) add('new_users', s, f.day, 1);
  for (const d of all) {
    const f = first.get(d.userKey) as ActivityDay;
    endsOf(f.day).forEach((end, i) => {
      if (end > lastDay || d.day >= end) return;
      for (const s of segmentsOf(f)) add(`cohort_revenue_d${COHORT_REVENUE_DAYS[i]}`, s, f.day, d.revenue);
    });
  }
  // Cohorts with no revenue in their first N days still have a value: 0, not "not reported".
  for (const f of first.values())
    endsOf(f.day).forEach((end, i) => {
      if (end <= lastDay) for (const s of segmentsOf(f)) add(`cohort_revenue_d${COHORT_REVENUE_DAYS[i]}`, s, f.day, 0);
    });
  // Sums of per-user-day amounts already rounded to cents, rounded again so float noise never looks like a change.
  return [...sums.values()].map((r) => (r.metric === 'new_users' ? r : { ...r, value: Math.round(r.value * 100) / 100 }));
}
