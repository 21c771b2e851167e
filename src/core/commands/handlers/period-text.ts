import type { Locale } from '../../i18n/locale.ts';
import { t } from '../../i18n/messages.ts';
import type { Period } from '../../time/period.ts';

/** `2026-11-15 … 2026-11-21 (7d)`, with a mark when the period is not over yet. */
export function periodText(p: Period, locale: Locale): string {
  const range = p.from === p.to ? p.from : `${p.from} … ${p.to}`;
  const label = p.kind === 'custom' || p.kind === 'day' ? '' : ` (${p.label})`;
  return `${range}${label}${p.complete ? '' : t(locale, 'incomplete')}`;
}
