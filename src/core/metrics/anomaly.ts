// Is a day unusual for its metric? The expected value and range come from the metric's own history: the same
// weekday of the previous weeks (weekly seasonality), robust to past outliers (median, and the median absolute
// deviation of every regular day from its weekday's median, from `simple-statistics`). Holidays are compared with
// last year's same holiday, a 调休 make-up workday with the workdays before it, and a shopping peak with last
// year's peak; without last year's data a holiday or peak is marked, never alerted on.
import { median } from 'simple-statistics';
import type { Locale } from '../i18n/locale.ts';
import { addDays, isoWeekday } from '../time/day-math.ts';
import type { DayInfo, HolidayCalendar } from '../time/holiday-calendar.ts';

export type Sensitivity = 'low' | 'medium' | 'high';

/** How many robust standard deviations a day must be from its expected value. */
export const SENSITIVITY_Z: Record<Sensitivity, number> = { low: 6, medium: 4.5, high: 3.5 };
/** Weeks of the same weekday the expected value looks back over, and the fewest it needs. */
export const HISTORY_WEEKS = 8;
export const MIN_WEEKS = 4;
/** The MAD of normal noise, scaled to its standard deviation. */
const MAD_TO_SD = 1.4826;
/** A range is never narrower than this share of the expected value (a flat series is not a hair trigger). */
const MIN_RELATIVE_SCALE = 0.02;
/** Holidays and peaks are compared with one day a year ago: a wider range. */
const YEAR_AGO_WIDENING = 2;
const YEAR_AGO_MIN_RELATIVE = 0.15;
/** A 调休 make-up day is worked, but often lighter than a weekday: a workday's range, twice as wide, at least ±5% a deviation. */
const MAKEUP_MIN_RELATIVE = 0.05;

/** weekday: the same weekday before; workday: a 调休 make-up day against workdays; holiday / peak: last year's. */
export type AnomalyReason = 'weekday' | 'workday' | 'holiday' | 'peak';

export interface AnomalyOptions {
  sensitivity: Sensitivity;
  /** Which side counts: below the range, above it, or both. */
  flag: 'low' | 'high' | 'both';
  /** The smallest distance from the expected value that counts, in the metric's unit. */
  min?: number;
}

export interface AnomalyJudgement {
  day: string;
  value: number | null;
  /** anomaly: outside the range; normal: inside; marked: a holiday or peak with nothing to compare; history: fewer than 4 weeks; none: no value. */
  status: 'anomaly' | 'normal' | 'marked' | 'history' | 'none';
  reason: AnomalyReason;
  expected?: number;
  low?: number;
  high?: number;
  /** Last year's day a holiday or peak was compared with. */
  compared?: string;
  info: DayInfo;
}

type Series = (day: string) => number | null;

const isRegular = (info: DayInfo) => (info.kind === 'weekday' || info.kind === 'weekend') && !info.peak;

/** The regular days of the HISTORY_WEEKS before `day` with a value, by weekday (1 = Monday). */
function weekdayHistory(values: Series, calendar: HolidayCalendar, day: string): Map<number, { day: string; value: number }[]> {
  const byWeekday = new Map<number, { day: string; value: number }[]>();
  for (let i = 1; i <= HISTORY_WEEKS * 7; i++) {
    const d = addDays(day, -i);
    const v = values(d);
    if (v === null || !isRegular(calendar.info(d))) continue;
    const w = isoWeekday(d);
    byWeekday.set(w, [...(byWeekday.get(w) ?? []), { day: d, value: v }]);
  }
  return byWeekday;
}

/**
 * The robust spread of regular days around their own weekday's median (each left out of the median it is
 * compared with, so the spread is that of a prediction), over the HISTORY_WEEKS before `day`.
 */
export function pooledScale(values: Series, calendar: HolidayCalendar, day: string): { scale: number; count: number; relative: boolean } {
  const groups = [...weekdayHistory(values, calendar, day).values()].filter((p) => p.length >= 4);
  // A positive series (spend, sign-ups) is noisier where it is larger: its spread is relative to the weekday's
  // level (a quiet Sunday and a busy Tuesday alike); a series that reaches zero or below (ROI) is spread in its units.
  const relative = groups.every((p) => p.every((x) => x.value > 0));
  const residuals: number[] = [];
  for (const points of groups)
    points.forEach((p, i) => {
      const m = median(points.filter((_, j) => j !== i).map((x) => x.value));
      residuals.push(Math.abs(p.value - m) / (relative ? m : 1));
    });
  return { scale: residuals.length ? MAD_TO_SD * median(residuals) : 0, count: residuals.length, relative };
}

/** The spread around an expected value: relative spreads scale with it. */
const spreadAt = (pooled: { scale: number; relative: boolean }, expected: number) =>
  pooled.relative ? pooled.scale * Math.abs(expected) : pooled.scale;

/**
 * The expected value of a regular day: its weekday's median over the weeks before, moved by how far the last
 * two weeks' regular days sit from their own weekdays' medians (the level now, not a month ago).
 */
function weekdayExpected(values: Series, calendar: HolidayCalendar, day: string): number | undefined {
  const history = weekdayHistory(values, calendar, day);
  const own = history.get(isoWeekday(day)) ?? [];
  if (own.length < MIN_WEEKS) return undefined;
  const medians = new Map([...history].filter(([, p]) => p.length >= 3).map(([w, p]) => [w, median(p.map((x) => x.value))]));
  const recent: number[] = [];
  for (const [w, points] of history)
    for (const p of points) if (p.day >= addDays(day, -14) && medians.has(w)) recent.push(p.value - (medians.get(w) as number));
  const shift = recent.length >= 5 ? median(recent) : 0;
  return median(own.map((x) => x.value)) + shift;
}

function regularBefore(values: Series, calendar: HolidayCalendar, start: string, days: number, keep: (info: DayInfo) => boolean): number[] {
  const out: number[] = [];
  for (let i = 1; i <= days; i++) {
    const d = addDays(start, -i);
    const v = values(d);
    if (v !== null && keep(calendar.info(d))) out.push(v);
  }
  return out;
}

/** Last year's day of the same holiday or peak, at the same place in its run (the last day when this run is longer). */
function yearAgoDay(
  calendar: HolidayCalendar,
  info: DayInfo,
  kind: 'holiday' | 'peak',
): { day?: string; start?: string; lastStart?: string } {
  const year = Number(info.day.slice(0, 4));
  const mark = kind === 'holiday' ? info.holiday : info.peak;
  if (!mark) return {};
  const runOf = (y: number) => (kind === 'holiday' ? calendar.holidayDays(mark.key, y) : calendar.peakDaysOf(mark.key, y));
  // A run that started the year before (a peak before 春节 in late January) belongs to the run that holds the day.
  const here = [year, year + 1].map(runOf).find((r) => r.includes(info.day)) ?? [];
  const hereYear = Number((here[0] ?? info.day).slice(0, 4));
  const last = kind === 'holiday' ? runOf(year - 1) : runOf(hereYear - 1);
  if (last.length === 0) return {};
  // A long peak (年货节) is compared weekday with weekday: its closest day of the same weekday last year.
  const sameWeekday = last
    .map((d, i) => ({ d, i }))
    .filter((x) => kind === 'peak' && last.length >= 7 && isoWeekday(x.d) === isoWeekday(info.day))
    .sort((a, b) => Math.abs(a.i - mark.index) - Math.abs(b.i - mark.index))[0]?.d;
  return { day: sameWeekday ?? last[Math.min(mark.index, last.length - 1)], start: here[0], lastStart: last[0] };
}

function verdict(
  base: Omit<AnomalyJudgement, 'status'>,
  value: number,
  expected: number,
  scale: number,
  options: AnomalyOptions,
): AnomalyJudgement {
  const z = SENSITIVITY_Z[options.sensitivity];
  const low = expected - z * scale;
  const high = expected + z * scale;
  const outside = (value < low && options.flag !== 'high') || (value > high && options.flag !== 'low');
  const bigEnough = options.min === undefined || Math.abs(value - expected) >= options.min;
  return { ...base, status: outside && bigEnough ? 'anomaly' : 'normal', expected, low, high };
}

/** Judges one day of a series against its own history and the workspace's calendar. */
export function judgeDay(values: Series, calendar: HolidayCalendar, day: string, options: AnomalyOptions): AnomalyJudgement {
  const info = calendar.info(day);
  const value = values(day);
  const reason: AnomalyReason = info.kind === 'holiday' ? 'holiday' : info.kind === 'makeup' ? 'workday' : info.peak ? 'peak' : 'weekday';
  const base = { day, value, reason, info };
  if (value === null) return { ...base, status: 'none' };
  const floor = (expected: number, relative: number) => Math.max(relative * Math.abs(expected), Number.EPSILON);

  if (reason === 'holiday' || reason === 'peak') {
    const ago = yearAgoDay(calendar, info, reason);
    const then = ago.day ? values(ago.day) : null;
    if (!ago.day || then === null) return { ...base, status: 'marked' };
    const pooled = pooledScale(values, calendar, day);
    // Last year's value, moved by how the level changed since: the 4 weeks of regular days before each run.
    const nowLevel = regularBefore(values, calendar, ago.start ?? day, 28, isRegular);
    const thenLevel = regularBefore(values, calendar, ago.lastStart ?? ago.day, 28, isRegular);
    const ratio = nowLevel.length >= 10 && thenLevel.length >= 10 && median(thenLevel) !== 0 ? median(nowLevel) / median(thenLevel) : 1;
    const expected = then * ratio;
    const scale = Math.max(YEAR_AGO_WIDENING * spreadAt(pooled, expected), floor(expected, YEAR_AGO_MIN_RELATIVE));
    return verdict({ ...base, compared: ago.day }, value, expected, scale, options);
  }
  const pooled = pooledScale(values, calendar, day);
  if (pooled.count < MIN_WEEKS * 5) return { ...base, status: 'history' };
  // A make-up workday against the workdays of the 6 weeks before; any other day against its own weekday.
  let expected: number | undefined;
  if (reason === 'workday') {
    const workdays = regularBefore(values, calendar, day, 42, (i) => i.kind === 'weekday' && !i.peak);
    expected = workdays.length >= 5 ? median(workdays) : undefined;
  } else expected = weekdayExpected(values, calendar, day);
  if (expected === undefined) return { ...base, status: 'history' };
  if (reason === 'workday')
    return verdict(
      base,
      value,
      expected,
      Math.max(YEAR_AGO_WIDENING * spreadAt(pooled, expected), floor(expected, MAKEUP_MIN_RELATIVE)),
      options,
    );
  return verdict(base, value, expected, Math.max(spreadAt(pooled, expected), floor(expected, MIN_RELATIVE_SCALE)), options);
}

/** What a day was compared with, in words: "against the previous Tuesdays", "春节, against last year's 2025-01-30". */
export function reasonText(
  j: { reason: AnomalyReason; day: string; names?: Record<Locale, string>; compared?: string },
  locale: Locale,
): string {
  const zh = locale === 'zh-CN';
  const weekday = zh
    ? ['周一', '周二', '周三', '周四', '周五', '周六', '周日'][isoWeekday(j.day) - 1]
    : ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'][isoWeekday(j.day) - 1];
  const name = j.names?.[locale] ?? '';
  switch (j.reason) {
    case 'weekday':
      return zh ? `与前几周的${weekday}相比` : `against the previous ${weekday}s`;
    case 'workday':
      return zh ? `${name}调休上班日，与工作日相比` : `a make-up workday (${name}), against workdays`;
    case 'holiday':
    case 'peak':
      if (!j.compared) return zh ? `${name}（去年无数据，仅标注）` : `${name} (no data last year: marked only)`;
      return zh ? `${name}，与去年同期 ${j.compared} 相比` : `${name}, against last year's ${j.compared}`;
  }
}
