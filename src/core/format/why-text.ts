import type { Locale } from '../i18n/locale.ts';
import { t } from '../i18n/messages.ts';
import type { MetricDefinition, WhyMoved } from '../metrics/metric-definition.ts';
import { formatChange, formatValue } from './format-value.ts';

/** How many parts a block lists before it sums up the rest. */
export const WHY_LINES = 4;

/**
 * "Why it moved" as lines of text: the change, the largest channel parts with their rate (own ratio) and mix
 * (share) split, the rest summed, and the channels that explain most of it. `name` gives a segment's display name.
 */
export function whyText(
  why: WhyMoved,
  metric: MetricDefinition,
  locale: Locale,
  currency: string,
  name: (segment: string) => string,
): string {
  const delta = (v: number) => formatChange({ kind: 'absolute', value: v }, metric.unit, locale, currency);
  const metricName = metric.names[locale];
  if (why.change === 0) return t(locale, 'why.flat', { metric: metricName });
  const label = (segment: string) => (segment === '' ? t(locale, 'why.whole') : name(segment));
  const lines = [
    t(locale, 'why.header', {
      metric: metricName,
      previous: formatValue(why.previous.value, metric.unit, locale, currency),
      current: formatValue(why.current.value, metric.unit, locale, currency),
      change: delta(why.change),
      from: why.current.from,
      to: why.current.to,
      prevFrom: why.previous.from,
      prevTo: why.previous.to,
    }),
  ];
  const shown = why.parts.filter((p) => p.contribution !== 0 || p.rate !== 0).slice(0, WHY_LINES);
  for (const p of shown)
    lines.push(
      `• ${t(locale, 'why.part', { segment: label(p.segment), contribution: delta(p.contribution), metric: metricName, rate: delta(p.rate), mix: delta(p.mix) })}`,
    );
  const rest = why.parts.slice(shown.length).filter((p) => p.contribution !== 0);
  if (rest.length)
    lines.push(`• ${t(locale, 'why.rest', { n: rest.length, contribution: delta(rest.reduce((s, p) => s + p.contribution, 0)) })}`);
  if (why.named.length) {
    const covered = why.parts.filter((p) => why.named.includes(p.segment)).reduce((s, p) => s + p.contribution, 0);
    const share = formatValue(Math.min(1, covered / why.change), 'percent', locale);
    lines.push(t(locale, 'why.named', { names: why.named.map(label).join(locale === 'zh-CN' ? '、' : ', '), share }));
  }
  return lines.join('\n');
}
