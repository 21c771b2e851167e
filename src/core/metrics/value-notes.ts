import { t } from '../i18n/messages.ts';
import type { Locale } from '../ports/workspace.ts';
import type { MetricValue } from './compute-metric.ts';
import type { MetricCatalog } from './metric-catalog.ts';

/**
 * What a reader must know about a value, in their language: days left out because an input was not
 * reported ("2 days without revenue left out"), and an LTV that is n/a because there is no cohort revenue
 * or no cohort old enough yet (never ARPU in its place).
 */
export function valueNotes(catalog: MetricCatalog, key: string, value: MetricValue, locale: Locale): string[] {
  const notes: string[] = [];
  const covered = new Set<string>();
  const name = (k: string) => catalog.get(k)?.names[locale] ?? k;
  const cohortRevenue = [...catalog.baseInputs(key)].filter((k) => k.startsWith('cohort_revenue_d'));
  if (value.value === null && cohortRevenue.length) {
    const metric = cohortRevenue[0] as string;
    const days = Number(metric.slice('cohort_revenue_d'.length));
    if (value.to < value.from) notes.push(t(locale, 'note.noMatureCohort', { days }));
    else if (value.missing?.includes(metric) || Object.keys(value.inputs).length === 0 || value.inputs[metric] === null) {
      notes.push(t(locale, 'note.noCohortRevenue', { metric }));
      covered.add(metric);
    }
  }
  // An input nobody reported in the window makes the value n/a; data notes on quiet metrics say so.
  for (const [input, days] of Object.entries(value.leftOut ?? {}))
    if (!covered.has(input) && !value.missing?.includes(input))
      notes.push(t(locale, days === 1 ? 'note.leftOutOne' : 'note.leftOut', { days, metric: name(input) }));
  return notes;
}
