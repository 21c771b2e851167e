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
