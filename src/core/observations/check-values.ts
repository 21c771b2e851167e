import { InputError } from '../errors.ts';
import { t } from '../i18n/messages.ts';
import type { ValueRule } from '../metrics/metric-definition.ts';
import { brokenValueRule, valueRuleText } from '../metrics/value-rules.ts';
import type { ObservationInput, ObservationRepository } from '../ports/observations.ts';
import type { Locale } from '../ports/workspace.ts';

const RETAINED = /^retained_d\d+$/;

/** A value that breaks its metric's rule, or retained users above their cohort's new users; `index` is the row's in the batch. */
export type ValueBreach =
  | { index: number; metric: string; value: number; rule: ValueRule }
  | { index: number; metric: string; value: number; rule: 'retained'; newUsers: number; segment: string; day: string };

/** The breach in words, in a language: "spend is never negative (−5)". */
export function breachText(b: ValueBreach, locale: Locale = 'en', metricName = b.metric): string {
  if (b.rule !== 'retained') return `${valueRuleText(b.rule, metricName, locale)} (${b.value})`;
  const text = t(locale, 'value.retained', { metric: metricName, retained: b.value, newUsers: b.newUsers });
  return locale === 'en' ? `${text}, for "${b.segment || 'the whole product'}" on ${b.day}` : `${text}（${b.segment || '整体'}，${b.day}）`;
}

/**
 * Checks a batch before it is written: each value against its metric's rule, and retained_dN of a cohort day
 * against that day's new users (from the batch, else from what is stored). The first breach, or undefined.
 */
export async function findValueBreach(
  observations: Pick<ObservationRepository, 'query'>,
  workspaceId: string,
  rows: readonly ObservationInput[],
): Promise<ValueBreach | undefined> {
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as ObservationInput;
    const rule = brokenValueRule(r.metric, r.value);
    if (rule) return { index: i, metric: r.metric, value: r.value, rule };
  }
  const cohortRows = rows.flatMap((r, index) => (r.metric === 'new_users' || RETAINED.test(r.metric) ? [{ r, index }] : []));
  if (cohortRows.length === 0) return undefined;
  const key = (metric: string, segment: string, day: string) => `${metric}\u0000${segment}\u0000${day}`;
  const value = new Map<string, number>();
  const days = cohortRows.map(({ r }) => r.day).sort();
  const stored = await observations.query(workspaceId, {
    metrics: ['new_users', 'retained_d1', 'retained_d7', 'retained_d30'],
    segments: [...new Set(cohortRows.map(({ r }) => r.segment))],
    from: days[0] as string,
    to: days[days.length - 1] as string,
  });
  for (const o of stored) value.set(key(o.metric, o.segment, o.day), o.value);
  for (const { r } of cohortRows) value.set(key(r.metric, r.segment, r.day), r.value);
  for (const { r, index } of cohortRows) {
    const pairs = RETAINED.test(r.metric)
      ? [[r.metric, r.value, value.get(key('new_users', r.segment, r.day))] as const]
      : ['retained_d1', 'retained_d7', 'retained_d30'].map((m) => [m, value.get(key(m, r.segment, r.day)), r.value] as const);
    for (const [metric, retained, newUsers] of pairs)
      if (retained !== undefined && newUsers !== undefined && retained > newUsers)
        return { index, metric, value: retained, rule: 'retained', newUsers, segment: r.segment, day: r.day };
  }
  return undefined;
}

/** Throws the first breach as an InputError naming the row (`rows[i].value`, line i + 1). */
export async function assertValuesValid(
  observations: Pick<ObservationRepository, 'query'>,
  workspaceId: string,
  rows: readonly ObservationInput[],
  field = (i: number) => `rows[${i}].value`,
): Promise<void> {
  const breach = await findValueBreach(observations, workspaceId, rows);
  if (breach)
    throw new InputError(`row ${breach.index + 1}: ${breachText(breach)}`, { field: field(breach.index), line: breach.index + 1 });
}
