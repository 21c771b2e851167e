import type { MetricUnit } from './metric-definition.ts';

/**
 * A comparison with an earlier value. Percent change only from a positive baseline; from a zero or
 * negative baseline (ROI going from −5% to −20%) the change is absolute. null when either side is n/a.
 */
export type Change = { kind: 'percent'; value: number } | { kind: 'absolute'; value: number } | null;

export function changeBetween(current: number | null, previous: number | null): Change {
  if (current === null || previous === null) return null;
  if (previous > 0) return { kind: 'percent', value: (current - previous) / previous };
  return { kind: 'absolute', value: current - previous };
}

/**
 * The change a reader sees, one unit per metric: a percentage moves in percentage points and a score (NPS) in
 * points, never in percent of itself; other metrics relative to a positive baseline (see changeBetween).
 */
export function changeFor(unit: MetricUnit, current: number | null, previous: number | null): Change {
  if (unit !== 'percent' && unit !== 'score') return changeBetween(current, previous);
  return current === null || previous === null ? null : { kind: 'absolute', value: current - previous };
}
