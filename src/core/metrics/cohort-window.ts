import { addDays } from '../time/day-math.ts';
import { customPeriod, type Period } from '../time/period.ts';
import { maturityDays } from './compute-metric.ts';
import type { MetricCatalog } from './metric-catalog.ts';

/** LTV-type values are read over the latest this-many cohort days old enough: what the playbook's LTV/CAC rule judges. */
export const COHORT_WINDOW_DAYS = 30;

/** Whether a metric is computed from cohort revenue (LTV, LTV/CAC, a workspace formula over them). */
export function isLtvMetric(catalog: MetricCatalog, key: string): boolean {
  return [...catalog.baseInputs(key)].some((b) => b.startsWith('cohort_revenue_d'));
}

/**
 * The latest `COHORT_WINDOW_DAYS` cohort days at least the metric's maturity old on the day before `today`
 * (LTV/CAC at 90 days on 2026-11-25: cohorts of 2026-07-28 … 2026-08-26). The digest, /kpi show and the
 * playbook's rule all read LTV over this window, so they agree.
 */
export function latestMatureWindow(catalog: MetricCatalog, key: string, today: string): Period {
  const to = addDays(today, -1 - maturityDays(catalog, key));
  return customPeriod(addDays(to, -(COHORT_WINDOW_DAYS - 1)), to, today);
}
