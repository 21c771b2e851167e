import type { Locale } from '../i18n/locale.ts';
import { t } from '../i18n/messages.ts';

export const ADD_CHANNEL_ACTION = 'gb.channel.add-and-log';

/** What `/kpi log` was asked to record when it met a channel nobody has: the click records exactly that. */
export interface PendingLog {
  metric: string;
  value: string;
  segment: string;
  day: string;
}

/** The button under "there is no channel …": adds the channel and records the value in one step. */
export function addChannelAction(pending: PendingLog, locale: Locale) {
  return {
    id: ADD_CHANNEL_ACTION,
    label: t(locale, 'action.addChannel', { name: pending.segment }),
    value: JSON.stringify(pending),
    style: 'primary' as const,
  };
}

/** The button's value, or undefined for anything else (a forged or stale value is not an error). */
export function parsePendingLog(value: string): PendingLog | undefined {
  try {
    const parsed = JSON.parse(value) as unknown;
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const { metric, value: v, segment, day } = parsed as Record<string, unknown>;
    return [metric, v, segment, day].every((x) => typeof x === 'string')
      ? { metric: metric as string, value: v as string, segment: segment as string, day: day as string }
      : undefined;
  } catch {
    return undefined;
  }
}
