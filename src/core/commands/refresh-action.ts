import type { Locale } from '../i18n/locale.ts';
import { t } from '../i18n/messages.ts';

export const REFRESH_ACTION = 'gb.refresh';

/** The refresh button under a command's answer: it re-runs the same command. */
export function refreshAction(command: string, text: string, locale: Locale) {
  return { id: REFRESH_ACTION, label: t(locale, 'action.refresh'), value: JSON.stringify({ command, text }) };
}

/** A refresh button's value, or undefined for anything else (a forged or stale value is not an error). */
export function parseRefreshValue(value: string): { command: string; text: string } | undefined {
  try {
    const parsed = JSON.parse(value) as unknown;
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const { command, text } = parsed as Record<string, unknown>;
    return typeof command === 'string' && typeof text === 'string' ? { command, text } : undefined;
  } catch {
    return undefined;
  }
}
