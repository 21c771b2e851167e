import { formatValue } from '../format/format-value.ts';
import type { Locale } from '../i18n/locale.ts';
import { t } from '../i18n/messages.ts';
import type { MetricDefinition } from '../metrics/metric-definition.ts';
import type { AlertRule, RuleWindow } from '../ports/alerts.ts';
import type { TargetSetting } from './evaluate-rule.ts';

function windowText(window: RuleWindow, locale: Locale): string {
  if (window.kind === 'rolling') return t(locale, 'rule.window.rolling', { days: window.days });
  return t(locale, window.kind === 'cohort' ? 'rule.window.cohort' : 'rule.window.day');
}

/** A fraction as a share (10%) or as points (10pp) for people. */
export function formatBy(by: number, unit: 'percent' | 'points', locale: Locale): string {
  const n = Math.round(by * 1000) / 10;
  return unit === 'points' ? `${n}${locale === 'zh-CN' ? '个百分点' : 'pp'}` : `${n}%`;
}

/** The condition of a rule in the workspace's language: "falls ≥10% a day for 3 days", "below 25.0% (latest mature cohort)". */
export function describeCondition(
  rule: Pick<AlertRule, 'params' | 'metric'>,
  metric: MetricDefinition | undefined,
  locale: Locale,
  targets: Record<string, TargetSetting> = {},
  currency = 'CNY',
): string {
  const p = rule.params;
  const unit = metric?.unit ?? 'count';
  switch (p.type) {
    case 'threshold':
      return t(locale, p.op === 'above' ? 'rule.above' : 'rule.below', {
        value: formatValue(p.value, unit, locale, currency),
        window: windowText(p.window, locale),
      });
    case 'consecutive':
      return t(locale, p.direction === 'fall' ? 'rule.falls' : 'rule.rises', { by: formatBy(p.by, p.unit, locale), days: p.days });
    case 'change':
      return t(locale, `rule.change.${p.direction}`, {
        by: formatBy(p.by, 'percent', locale),
        period: t(locale, p.period === 'week' ? 'rule.period.week' : 'rule.period.month'),
      });
    case 'target': {
      const target = targets[rule.metric];
      if (!target) return t(locale, 'rule.target.unset');
      return t(locale, 'rule.target', {
        op: target.op === '<=' ? '≤' : '≥',
        value: formatValue(target.value, unit, locale, currency),
        window: windowText(p.window, locale),
      });
    }
    case 'freshness':
      return t(locale, 'rule.quiet', { days: p.days });
    case 'anomaly':
      return t(locale, 'rule.anomaly', {
        sensitivity: t(locale, `anomaly.sensitivity.${p.sensitivity}`),
        direction: t(locale, `anomaly.direction.${p.direction}`),
        min: p.min === undefined ? '' : t(locale, 'anomaly.min', { min: formatValue(p.min, unit, locale, currency) }),
      });
  }
}
