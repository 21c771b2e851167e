import type { ActivityDay } from '../ports/activity.ts';
import { addDays, addMonths, daysBetween } from '../time/day-math.ts';
import { bucketLabel, bucketStart, type Grain } from '../time/period.ts';

export interface CohortRow {
  /** `2011-01`, `2011-W02`, `2011-01-04`. */
  cohort: string;
  start: string;
  /** Users whose first activity falls in this cohort. */
  size: number;
  /** Users active at each offset (0 = the cohort's own period), up to the last complete period. */
  active: number[];
  /** active / size per offset. */
  shares: number[];
  /** Cumulative revenue per cohort user at each offset (the LTV curve). */
  revenuePerUser: number[];
  /** The cohort's own period is only partly covered by the data (the log starts or ends inside it). */
  partial: boolean;
  /** Offsets whose period the data covers only in part (usually the last: a month with 9 days of data). */
  partialOffsets: number[];
}

export interface CohortMatrix {
  grain: Grain;
  /** The first and last day of data counted. */
  from: string;
  to: string;
  cohorts: CohortRow[];
}

function bucketEnd(start: string, grain: Grain): string {
  return addDays(grain === 'day' ? addDays(start, 1) : grain === 'week' ? addDays(start, 7) : addMonths(start, 1), -1);
}

function shift(start: string, k: number, grain: Grain): string {
  return grain === 'day' ? addDays(start, k) : grain === 'week' ? addDays(start, 7 * k) : addMonths(start, k);
}

function offset(from: string, to: string, grain: Grain): number {
  if (grain === 'day') return daysBetween(from, to);
  if (grain === 'week') return Math.round(daysBetween(from, to) / 7);
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  return (ty - fy) * 12 + (tm - fm);
}

/**
 * A user's cohort is the day, week or month of their first activity; the matrix gives each cohort's size,
 * the share active in each later period, and cumulative revenue per user. Offsets stop at `lastDay`'s
 * period, so a young cohort has a short row rather than zeros for periods that have not happened.
 */
export function cohortMatrix(days: Iterable<ActivityDay>, grain: Grain, lastDay: string): CohortMatrix {
  const firstSeen = new Map<string, string>();
  const all: ActivityDay[] = [];
  for (const d of days) {
    all.push(d);
    const f = firstSeen.get(d.userKey);
    if (f === undefined || d.day < f) firstSeen.set(d.userKey, d.day);
  }
  const lastBucket = bucketStart(lastDay, grain);
  let firstDay = lastDay;
  for (const d of all) if (d.day < firstDay) firstDay = d.day;
  const covered = (start: string) => start >= firstDay && bucketEnd(start, grain) <= lastDay;
  const cohorts = new Map<string, { size: number; active: Map<number, Set<string>>; revenue: Map<number, number> }>();
  for (const first of firstSeen.values()) {
    const c = bucketStart(first, grain);
    const row = cohorts.get(c) ?? { size: 0, active: new Map(), revenue: new Map() };
    row.size++;
    cohorts.set(c, row);
  }
  for (const d of all) {
    const c = bucketStart(firstSeen.get(d.userKey) as string, grain);
    const row = cohorts.get(c);
    if (!row) continue;
    const k = offset(c, bucketStart(d.day, grain), grain);
    let users = row.active.get(k);
    if (!users) {
      users = new Set();
      row.active.set(k, users);
    }
    users.add(d.userKey);
    row.revenue.set(k, (row.revenue.get(k) ?? 0) + d.revenue);
  }
  const out: CohortRow[] = [...cohorts.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .filter(([start]) => start <= lastBucket)
    .map(([start, row]) => {
      const width = offset(start, lastBucket, grain) + 1;
      const active: number[] = [];
      const revenuePerUser: number[] = [];
      let cumulative = 0;
      for (let k = 0; k < width; k++) {
        active.push(row.active.get(k)?.size ?? 0);
        cumulative += row.revenue.get(k) ?? 0;
        revenuePerUser.push(cumulative / row.size);
      }
      const partialOffsets = active.flatMap((_, k) => (covered(shift(start, k, grain)) ? [] : [k]));
      return {
        cohort: bucketLabel(start, grain),
        start,
        size: row.size,
        active,
        shares: active.map((a) => a / row.size),
        revenuePerUser,
        partial: !covered(start),
        partialOffsets,
      };
    });
  return { grain, from: firstDay, to: lastDay, cohorts: out };
}
