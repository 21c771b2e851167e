import { InputError } from '../errors.ts';
import { isCalendarDay } from './calendar-day.ts';
import {
  addDays,
  addMonths,
  addYears,
  daysBetween,
  endOfMonth,
  isoWeekLabel,
  isoWeekStart,
  isoWeeksInYear,
  startOfIsoWeek,
  startOfMonth,
} from './day-math.ts';

export type PeriodKind = 'day' | 'week' | 'month' | 'rolling' | 'custom';
export type Grain = 'day' | 'week' | 'month';

/** An inclusive range of calendar days in the workspace's timezone. */
export interface Period {
  kind: PeriodKind;
  from: string;
  to: string;
  /** `2026-W47`, `2026-11`, `2026-11-20`, `30d`, `2026-11-01..2026-11-15`. */
  label: string;
  /** False while the period reaches today or later: its numbers will still change. */
  complete: boolean;
}

function make(kind: PeriodKind, from: string, to: string, today: string, label?: string): Period {
  return { kind, from, to, label: label ?? `${from}..${to}`, complete: to < today };
}

export function dayPeriod(day: string, today: string): Period {
  return make('day', day, day, today, day);
}

export function weekPeriod(anyDay: string, today: string): Period {
  const from = startOfIsoWeek(anyDay);
  return make('week', from, addDays(from, 6), today, isoWeekLabel(from));
}

export function monthPeriod(anyDay: string, today: string): Period {
  return make('month', startOfMonth(anyDay), endOfMonth(anyDay), today, anyDay.slice(0, 7));
}

/** The last `n` complete days: they end yesterday, so the period is complete and comparable. */
export function rollingPeriod(n: number, today: string): Period {
  const to = addDays(today, -1);
  return make('rolling', addDays(to, -(n - 1)), to, today, `${n}d`);
}

export function customPeriod(from: string, to: string, today: string): Period {
  return make('custom', from, to, today);
}

const WORDS: Record<string, (today: string) => Period> = {
  today: (t) => dayPeriod(t, t),
  今天: (t) => dayPeriod(t, t),
  yesterday: (t) => dayPeriod(addDays(t, -1), t),
  昨天: (t) => dayPeriod(addDays(t, -1), t),
  'this-week': (t) => weekPeriod(t, t),
  本周: (t) => weekPeriod(t, t),
  这周: (t) => weekPeriod(t, t),
  'last-week': (t) => weekPeriod(addDays(t, -7), t),
  上周: (t) => weekPeriod(addDays(t, -7), t),
  'this-month': (t) => monthPeriod(t, t),
  本月: (t) => monthPeriod(t, t),
  'last-month': (t) => monthPeriod(addMonths(t, -1), t),
  上月: (t) => monthPeriod(addMonths(t, -1), t),
  上个月: (t) => monthPeriod(addMonths(t, -1), t),
};

export const PERIOD_EXAMPLES = [
  '7d',
  '30d',
  '近7天',
  'last-week',
  '上周',
  'this-month',
  '2026-W47',
  '2026-11',
  '2026-11-20',
  '2026-11-01..2026-11-15',
];

/**
 * Parses a period word in English or Chinese: rolling `30d` / `近30天` / `最近30天`, ISO week `2026-W47`,
 * month `2026-11`, day `2026-11-20`, range `2026-11-01..2026-11-15`, and the words in WORDS.
 * Full-width digits are accepted.
 */
export function parsePeriod(input: string, today: string): Period {
  const period = parseWithinYears(input, today);
  if (period.from < MIN_DAY || period.to > MAX_DAY)
    throw new InputError(`"${input}": periods fall between ${MIN_DAY.slice(0, 4)} and ${MAX_DAY.slice(0, 4)}`, { field: 'period' });
  return period;
}

const MIN_DAY = '1970-01-01';
const MAX_DAY = '9998-12-31';

function parseWithinYears(input: string, today: string): Period {
  const text = input
    .trim()
    .replace(/[\uFF10-\uFF19]/g, (c) => String(c.charCodeAt(0) - 0xff10))
    .replace(/[～~]|到|至/g, '..')
    .toLowerCase();
  const word = WORDS[text.replace(/_/g, '-')];
  if (word) return word(today);
  const rolling = text.match(/^(?:last-?|近|最近|过去)?(\d{1,4})\s*(?:d|days?|天|日)$/);
  if (rolling) {
    const n = Number(rolling[1]);
    if (n < 1 || n > 3660) throw new InputError(`"${input}": a rolling period has 1 to 3660 days`, { field: 'period' });
    return rollingPeriod(n, today);
  }
  const week = text.match(/^(\d{4})-?w(\d{1,2})$/);
  if (week) {
    const [year, n] = [Number(week[1]), Number(week[2])];
    if (n < 1 || n > isoWeeksInYear(year))
      throw new InputError(`"${input}": ${year} has weeks 1 to ${isoWeeksInYear(year)}`, { field: 'period' });
    return weekPeriod(isoWeekStart(year, n), today);
  }
  const month = text.match(/^(\d{4})-(\d{1,2})$/);
  if (month && Number(month[2]) >= 1 && Number(month[2]) <= 12) return monthPeriod(`${month[1]}-${month[2]!.padStart(2, '0')}-01`, today);
  if (isCalendarDay(text)) return dayPeriod(text, today);
  const range = text.match(/^(\S+)\s*\.\.\s*(\S+)$/);
  if (range && isCalendarDay(range[1]!) && isCalendarDay(range[2]!)) {
    const [from, to] = [range[1]!, range[2]!];
    if (from > to) throw new InputError(`"${input}": the range starts after it ends`, { field: 'period' });
    if (daysBetween(from, to) > 3660) throw new InputError(`"${input}": a range spans at most ten years`, { field: 'period' });
    return customPeriod(from, to, today);
  }
  throw new InputError(`"${input}" is not a period; try ${PERIOD_EXAMPLES.join(', ')}`, { field: 'period' });
}

/** The period just before (环比): the previous week, month, or the same number of days. */
export function previousPeriod(p: Period, today: string): Period {
  switch (p.kind) {
    case 'week':
      return weekPeriod(addDays(p.from, -7), today);
    case 'month':
      return monthPeriod(addMonths(p.from, -1), today);
    case 'day':
      return dayPeriod(addDays(p.from, -1), today);
    default: {
      const length = daysBetween(p.from, p.to) + 1;
      const to = addDays(p.from, -1);
      const out = make(p.kind, addDays(to, -(length - 1)), to, today);
      return p.kind === 'rolling' ? { ...out, label: `${p.label} before` } : out;
    }
  }
}

/** The same period a year earlier (同比): the same ISO week number, the same month, or the same dates. */
export function yearAgoPeriod(p: Period, today: string): Period {
  switch (p.kind) {
    case 'week': {
      const [year, week] = p.label.split('-W').map(Number) as [number, number];
      return weekPeriod(isoWeekStart(year - 1, Math.min(week, isoWeeksInYear(year - 1))), today);
    }
    case 'month':
      return monthPeriod(addYears(p.from, -1), today);
    case 'day':
      return dayPeriod(addYears(p.from, -1), today);
    default:
      return make(p.kind === 'rolling' ? 'custom' : p.kind, addYears(p.from, -1), addYears(p.to, -1), today);
  }
}

/** The bucket a day belongs to at a grain: the day itself, its ISO week's Monday, or its month's first day. */
export function bucketStart(day: string, grain: Grain): string {
  return grain === 'day' ? day : grain === 'week' ? startOfIsoWeek(day) : startOfMonth(day);
}

/** The label of a bucket: `2026-11-20`, `2026-W47`, `2026-11`. */
export function bucketLabel(start: string, grain: Grain): string {
  return grain === 'day' ? start : grain === 'week' ? isoWeekLabel(start) : start.slice(0, 7);
}

/** Splits a period into day, week or month buckets, clipped to the period. */
export function splitPeriod(p: Period, grain: Grain, today: string): Period[] {
  const out: Period[] = [];
  for (let start = bucketStart(p.from, grain); start <= p.to; ) {
    const next = grain === 'day' ? addDays(start, 1) : grain === 'week' ? addDays(start, 7) : addMonths(start, 1);
    const from = start < p.from ? p.from : start;
    const end = addDays(next, -1);
    const to = end > p.to ? p.to : end;
    out.push(make(grain === 'day' ? 'day' : from === start && to === end ? grain : 'custom', from, to, today, bucketLabel(start, grain)));
    start = next;
  }
  return out;
}
