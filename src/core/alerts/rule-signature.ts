import type { AlertRule } from '../ports/alerts.ts';

/** JSON with keys in one order, so two equal conditions compare equal however they were built. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_, v) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}

/**
 * What makes two rules the same rule: the metric, the scope (and its channel) and the condition. A workspace holds
 * each at most once (a unique key in the database), since the same condition twice would alert twice.
 */
export function ruleSignature(rule: Pick<AlertRule, 'metric' | 'scope' | 'segment' | 'params'>): string {
  return stableJson([rule.metric, rule.scope ?? 'total', rule.segment ?? '', rule.params]);
}
