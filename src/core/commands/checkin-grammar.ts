// `/growth checkin …` (会前确认): show the check-in's settings, set its schedule, turn it off, send it now,
// or set the week-over-week move that puts an owner's number on it.
import { parseSchedule } from '../digest/schedule-text.ts';
import { CommandUsageError } from '../text/usage-error.ts';

export type CheckinCommand =
  | { sub: 'show' | 'off' | 'send' }
  | { sub: 'schedule'; cron: string; text: string }
  | { sub: 'threshold'; value: number };

/** The first word of `/growth <word> …` that names the check-in. */
export const CHECKIN_WORDS = new Set(['checkin', 'check-in', '会前确认', '会前']);

const SUBS: Record<string, 'schedule' | 'off' | 'send' | 'threshold'> = {
  schedule: 'schedule',
  时间: 'schedule',
  定时: 'schedule',
  off: 'off',
  关闭: 'off',
  停用: 'off',
  send: 'send',
  发送: 'send',
  threshold: 'threshold',
  阈值: 'threshold',
};

/** A percentage from 1% to 100%: `15%`, `15`, `0.15`. */
function readThreshold(text: string): number | undefined {
  const raw = text.trim().replace(/％/g, '%');
  const n = Number(raw.replace(/%$/, ''));
  if (!raw || !Number.isFinite(n)) return undefined;
  const share = raw.endsWith('%') || n > 1 ? n / 100 : n;
  return share >= 0.01 && share <= 1 ? share : undefined;
}

/** Reads the words after `checkin`; mistakes throw CommandUsageError with the check-in's usage. */
export function parseCheckin(words: string[]): CheckinCommand {
  const [first, ...rest] = words;
  if (first === undefined) return { sub: 'show' };
  const sub = SUBS[first.toLowerCase()];
  if (!sub) throw new CommandUsageError('growth', 'checkin.error.sub', { word: first });
  if (sub === 'schedule') {
    const text = rest.join(' ');
    const cron = parseSchedule(text);
    if (!cron) throw new CommandUsageError('growth', 'error.badSchedule', { text });
    return { sub, cron, text };
  }
  if (sub === 'threshold') {
    const text = rest.join(' ');
    const value = readThreshold(text);
    if (value === undefined) throw new CommandUsageError('growth', 'checkin.error.badThreshold', { text });
    return { sub, value };
  }
  if (rest.length) throw new CommandUsageError('growth', 'error.unexpected', { word: rest[0] as string });
  return { sub };
}
