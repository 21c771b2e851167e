import type { Locale } from '../ports/workspace.ts';
import { BUILTIN_METRICS } from './builtin-metrics.ts';
import type { ValueRule } from './metric-definition.ts';

const RULES = new Map<string, ValueRule>();
for (const m of BUILTIN_METRICS) if (m.kind === 'base' && m.valueRule) RULES.set(m.key, m.valueRule);

/** The rule a base metric's values obey (spend ≥ 0, whole counts, NPS within −100…100), if any. */
export function valueRuleOf(metric: string): ValueRule | undefined {
  return RULES.get(metric);
}

/** The rule a value breaks for its metric, or undefined when it may be stored. */
export function brokenValueRule(metric: string, value: number): ValueRule | undefined {
  const rule = RULES.get(metric);
  if (!rule || !Number.isFinite(value)) return undefined;
  if (rule === 'nps') return value < -100 || value > 100 ? rule : undefined;
  if (value < 0) return rule;
  return rule === 'count' && !Number.isInteger(value) ? rule : undefined;
}

const TEXT: Record<ValueRule, Record<Locale, (metric: string) => string>> = {
  nonNegative: { en: (m) => `${m} is never negative`, 'zh-CN': (m) => `${m}不能为负数` },
  count: { en: (m) => `${m} is a count: a whole number, never negative`, 'zh-CN': (m) => `${m}是人数/次数：必须是非负整数` },
  nps: { en: (m) => `${m} is a score within −100…100`, 'zh-CN': (m) => `${m}必须在 −100 到 100 之间` },
};

/** The rule in words, for a refusal: "spend is never negative". */
export function valueRuleText(rule: ValueRule, metricName: string, locale: Locale = 'en'): string {
  return TEXT[rule][locale](metricName);
}
