import type { CohortMatrix, CohortRow } from './cohort-matrix.ts';

/** What chat and the CLI show of a cohort matrix by default: the latest cohorts and the first periods. */
export const MAX_COHORTS_SHOWN = 24;
export const MAX_PERIODS_SHOWN = 12;

export interface CohortTable {
  cohorts: CohortRow[];
  /** Period columns shown: +0 … +(periods − 1). */
  periods: number;
  /** Set when something was left out, so the reader is told (never a silent cut). */
  trimmed?: { shown: number; total: number; periods: number; allPeriods: number };
}

/** The same cohorts for chat and the CLI: all of them up to the limits, the latest first kept, trimming said out loud. */
export function cohortTable(matrix: CohortMatrix, limits: { cohorts?: number; periods?: number } = {}): CohortTable {
  const maxCohorts = limits.cohorts ?? MAX_COHORTS_SHOWN;
  const allPeriods = Math.max(0, ...matrix.cohorts.map((c) => c.shares.length));
  const periods = Math.min(limits.periods ?? MAX_PERIODS_SHOWN, allPeriods);
  const cohorts = matrix.cohorts.slice(-maxCohorts);
  const cut = cohorts.length < matrix.cohorts.length || periods < allPeriods;
  return {
    cohorts,
    periods,
    ...(cut ? { trimmed: { shown: cohorts.length, total: matrix.cohorts.length, periods, allPeriods } } : {}),
  };
}

/** A cell (or a cohort label) with † when it covers part of its period. */
export function markPartial(text: string, partial: boolean): string {
  return partial ? `${text}†` : text;
}
