import type { Locale } from '../i18n/locale.ts';
import type { Change } from '../metrics/change.ts';
import type { MetricUnit } from '../metrics/metric-definition.ts';

const NA: Record<Locale, string> = { 'zh-CN': 'n/a', en: 'n/a' };
const cache = new Map<string, Intl.NumberFormat>();

function nf(locale: Locale, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, options);
    cache.set(key, f);
  }
  return f;
}

/** A metric value for people: ¥12,000 / 25.0% / 1.25x / 12,000 / 42; n/a for null. */
export function formatValue(value: number | null, unit: MetricUnit, locale: Locale, currency = 'CNY'): string {
  if (value === null || !Number.isFinite(value)) return NA[locale];
  switch (unit) {
    case 'currency': {
      const digits = Math.abs(value) >= 1000 ? 0 : 2;
      return nf(locale, { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
    }
    case 'percent':
      return nf(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);
    case 'ratio':
      return `${nf(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value)}x`;
    case 'score':
      return nf(locale, { maximumFractionDigits: 1 }).format(value);
    default:
      return nf(locale, { maximumFractionDigits: Math.abs(value) >= 100 ? 0 : 2 }).format(value);
  }
}

/** A change for people: +10.0% (relative), +2.5pp for percentages, or the absolute difference in the unit. */
export function formatChange(change: Change, unit: MetricUnit, locale: Locale, currency = 'CNY'): string {
  if (change === null) return NA[locale];
  // The sign follows what is shown: a change that rounds to zero is ±0, not −0.0.
  const shown = change.kind === 'percent' || unit === 'percent' ? Math.round(change.value * 1000) : Math.round(change.value * 100);
  const sign = shown > 0 ? '+' : shown < 0 ? '−' : '±';
  if (change.kind === 'percent') return `${sign}${formatValue(Math.abs(change.value), 'percent', locale)}`;
  if (unit === 'percent')
    return `${sign}${nf(locale, { maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(Math.abs(change.value) * 100)}${locale === 'zh-CN' ? '个百分点' : 'pp'}`;
  return `${sign}${formatValue(Math.abs(change.value), unit, locale, currency)}`;
}
