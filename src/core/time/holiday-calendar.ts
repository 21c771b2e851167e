// A workspace's calendar: public holidays, the 调休 make-up workdays and shopping peaks. China mainland's
// holidays come from the `chinese-days` package (the State Council's announcements, updated each year when the
// next year's schedule is published: `npm update chinese-days`), never from a table typed here; another
// country's public holidays from `date-holidays` (its rules compute any year; no make-up workdays).
import { createRequire } from 'node:module';
import type Holidays from 'date-holidays';
import type { Locale } from '../i18n/locale.ts';
import { addDays, isoWeekday } from './day-math.ts';

type Names = Record<Locale, string>;

/** weekday / weekend as usual; holiday: a day off by law; makeup: a 调休 Saturday or Sunday that is a workday. */
export type DayKind = 'weekday' | 'weekend' | 'holiday' | 'makeup';

export interface DayInfo {
  day: string;
  kind: DayKind;
  /** The holiday a day off (or a make-up workday) belongs to: its key, names, and the day's place in the break (0-based). */
  holiday?: { key: string; names: Names; index: number; estimated?: boolean };
  /** A shopping peak (618, 双11 …): marked, judged only against last year's same peak. */
  peak?: { key: string; names: Names; index: number };
}

/** A shopping peak: fixed month-days, or days relative to the first day of 春节 (年货节). */
export interface PeakDefinition {
  key: string;
  names: Names;
  /** `MM-DD` … `MM-DD` in each year. */
  from?: string;
  to?: string;
  /** Days before (negative) the first day of the Spring Festival break: [start, end]. */
  springFestivalOffset?: [number, number];
}

export const DEFAULT_PEAKS: readonly PeakDefinition[] = [
  { key: 'nianhuo', names: { 'zh-CN': '年货节', en: 'New Year shopping festival' }, springFestivalOffset: [-20, -8] },
  { key: '618', names: { 'zh-CN': '618', en: '618' }, from: '06-16', to: '06-18' },
  { key: 'double11', names: { 'zh-CN': '双11', en: 'Singles Day (11.11)' }, from: '11-10', to: '11-11' },
  { key: 'double12', names: { 'zh-CN': '双12', en: '12.12' }, from: '12-12', to: '12-12' },
];

/** Which public holidays a workspace keeps: China mainland (default), another country's (ISO code: US, JP, SG …), or none. */
export type CalendarRegion = string;

/** Whether a region is one the calendar knows: CN, none, or a country date-holidays has. */
export function isCalendarRegion(region: string): boolean {
  if (region === 'CN' || region === 'none') return true;
  return /^[A-Z]{2}$/.test(region) && Object.hasOwn(holidaysOf().getCountries('en'), region);
}

export interface CalendarSettings {
  region: CalendarRegion;
  peaks: PeakDefinition[];
}

interface HolidayData {
  /** day → "English name,中文名,n" */
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

// Loaded on first use, not at start: date-holidays brings moment-timezone and astronomical tables (about 10 MB of a
// running bot), needed only by a workspace outside China mainland.
let holidaysClass: typeof Holidays | undefined;
const holidaysOf = (region?: string): Holidays => {
  holidaysClass ??= createRequire(import.meta.url)('date-holidays') as typeof Holidays;
  return region === undefined ? new holidaysClass() : new holidaysClass(region);
};

let chinaData: HolidayData | undefined;
const chineseDays = () =>
  createRequire(import.meta.url)('chinese-days') as {
    getSolarDateFromLunar(lunar: string): { date: string };
    getSolarTerms(from: string, to: string): { date: string; name: string }[];
  };
function china(): HolidayData {
  chinaData ??= createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as HolidayData;
  return chinaData;
}

/**
 * China's days off in a year the State Council has not announced yet, estimated from the lunar calendar and the
 * usual lengths (除夕 to 初六, 清明 ±1, 劳动节 1–5 May, 端午 and 中秋 ±1, 国庆 1–7 Oct); no 调休 workdays. Marked
 * estimated, and replaced by the real schedule with `npm update chinese-days`.
 */
function estimatedChina(year: number): Record<string, string> {
  const cd = chineseDays();
  const out: Record<string, string> = {};
  const run = (name: string, start: string, from: number, to: number) => {
    for (let i = from; i <= to; i++) out[addDays(start, i)] = name;
  };
  run("New Year's Day,元旦,1", `${year}-01-01`, 0, 0);
  run('Spring Festival,春节,4', cd.getSolarDateFromLunar(`${year}-01-01`).date, -1, 6);
  const qingming = cd.getSolarTerms(`${year}-04-01`, `${year}-04-10`).find((t) => t.name === '清明')?.date;
  if (qingming) run('Tomb-sweeping Day,清明,1', qingming, -1, 1);
  run('Labour Day,劳动节,2', `${year}-05-01`, 0, 4);
  run('Dragon Boat Festival,端午,1', cd.getSolarDateFromLunar(`${year}-05-05`).date, -1, 1);
  run('Mid-autumn Festival,中秋,1', cd.getSolarDateFromLunar(`${year}-08-15`).date, -1, 1);
  run('National Day,国庆节,3', `${year}-10-01`, 0, 6);
  return out;
}

const KEYS: Record<string, string> = {
  "New Year's Day": 'new_year',
  'Spring Festival': 'spring_festival',
  'Tomb-sweeping Day': 'qingming',
  'Labour Day': 'labour_day',
  'Dragon Boat Festival': 'dragon_boat',
  'Mid-autumn Festival': 'mid_autumn',
  'National Day': 'national_day',
};

function parseName(raw: string): { key: string; names: Names } {
  const [en = raw, zh = en] = raw.split(',');
  return { key: KEYS[en] ?? en.toLowerCase().replace(/\W+/g, '_'), names: { 'zh-CN': zh, en } };
}

const MONTH_DAY = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** The calendar settings kept in `workspace.settings.calendar`, with defaults for anything unset or broken. */
export function calendarSettings(settings: Record<string, unknown>): CalendarSettings {
  const raw = (settings.calendar ?? {}) as { region?: unknown; peaks?: unknown };
  const region = typeof raw.region === 'string' && isCalendarRegion(raw.region) ? raw.region : 'CN';
  const peaks = Array.isArray(raw.peaks)
    ? (raw.peaks as PeakDefinition[]).filter(
        (p) =>
          typeof p?.key === 'string' &&
          ((typeof p.from === 'string' && MONTH_DAY.test(p.from) && typeof p.to === 'string' && MONTH_DAY.test(p.to)) ||
            Array.isArray(p.springFestivalOffset)),
      )
    : [...DEFAULT_PEAKS];
  return { region, peaks };
}

/** A workspace's days: what kind each is, and where last year's same holiday or peak was. */
export class HolidayCalendar {
  private readonly data: HolidayData;
  private readonly runs = new Map<string, Map<number, string[]>>();
  private readonly peakDays = new Map<string, DayInfo['peak']>();
  private readonly peakRuns = new Map<string, Map<number, string[]>>();
  private readonly other?: Holidays;
  private readonly loadedYears = new Set<number>();
  private readonly known: Set<number>;
  private readonly estimated = new Set<string>();

  constructor(readonly settings: CalendarSettings = { region: 'CN', peaks: [...DEFAULT_PEAKS] }) {
    // A copy: an estimated year is added to this calendar's tables, never to the package's.
    this.data =
      settings.region === 'CN' ? { holidays: { ...china().holidays }, workdays: china().workdays } : { holidays: {}, workdays: {} };
    this.known = new Set(Object.keys(this.data.holidays).map((d) => Number(d.slice(0, 4))));
    if (settings.region !== 'CN' && settings.region !== 'none') this.other = holidaysOf(settings.region);
    this.index(Object.keys(this.data.holidays));
  }

  /** Another country's public holidays of a year, from date-holidays, into the same tables (once per year). */
  private load(year: number): void {
    if (this.loadedYears.has(year)) return;
    this.loadedYears.add(year);
    if (this.settings.region === 'CN') {
      if (this.known.has(year) || year < 2005) return;
      const estimated = estimatedChina(year);
      for (const [day, name] of Object.entries(estimated)) {
        this.data.holidays[day] = name;
        this.estimated.add(day);
      }
      this.index(Object.keys(estimated));
      return;
    }
    if (!this.other) return;
    const days: string[] = [];
    for (const h of this.other.getHolidays(year, 'en')) {
      if (h.type !== 'public') continue;
      const day = h.date.slice(0, 10);
      // An observed "substitute day" belongs to its holiday: last year's same holiday is found by name.
      this.data.holidays[day] = h.name.replace(/\s*\(substitute day\)$/i, '');
      days.push(day);
    }
    this.index(days);
  }

  /** Each holiday's days off per year, in order (the break of 春节 2026 is 15–23 Feb). */
  private index(days: string[]): void {
    for (const day of days.sort()) {
      const { key } = parseName(this.data.holidays[day] as string);
      const byYear = this.runs.get(key) ?? new Map<number, string[]>();
      const year = Number(day.slice(0, 4));
      byYear.set(year, [...(byYear.get(year) ?? []), day]);
      this.runs.set(key, byYear);
    }
  }

  /** The days of a holiday's break in a year, in order (empty when the package has no such year). */
  holidayDays(key: string, year: number): string[] {
    this.load(year);
    return this.runs.get(key)?.get(year) ?? [];
  }

  /** The days of a shopping peak in a year, in order. */
  peakDaysOf(key: string, year: number): string[] {
    let byYear = this.peakRuns.get(key);
    if (!byYear) {
      byYear = new Map();
      this.peakRuns.set(key, byYear);
    }
    const cached = byYear.get(year);
    if (cached) return cached;
    const peak = this.settings.peaks.find((p) => p.key === key);
    let days: string[] = [];
    if (peak?.from && peak.to) {
      const [from, to] = [`${year}-${peak.from}`, `${year}-${peak.to}`];
      for (let d = from; d <= to; d = addDays(d, 1)) days.push(d);
    } else if (peak?.springFestivalOffset) {
      const start = this.holidayDays('spring_festival', year)[0];
      if (start) {
        const [a, b] = peak.springFestivalOffset;
        for (let i = a; i <= b; i++) days.push(addDays(start, i));
      }
    }
    days = days.sort();
    byYear.set(year, days);
    return days;
  }

  private peakOf(day: string): DayInfo['peak'] {
    if (this.peakDays.has(day)) return this.peakDays.get(day);
    const year = Number(day.slice(0, 4));
    for (const p of this.settings.peaks)
      for (const y of [year, year + 1]) {
        const index = this.peakDaysOf(p.key, y).indexOf(day);
        if (index >= 0) {
          const found = { key: p.key, names: p.names, index };
          this.peakDays.set(day, found);
          return found;
        }
      }
    this.peakDays.set(day, undefined);
    return undefined;
  }

  info(day: string): DayInfo {
    this.load(Number(day.slice(0, 4)));
    const weekend = isoWeekday(day) >= 6;
    const peak = this.peakOf(day);
    const off = this.data.holidays[day];
    if (off) {
      const { key, names } = parseName(off);
      const index = this.holidayDays(key, Number(day.slice(0, 4))).indexOf(day);
      return {
        day,
        kind: 'holiday',
        holiday: { key, names, index, ...(this.estimated.has(day) ? { estimated: true } : {}) },
        ...(peak ? { peak } : {}),
      };
    }
    const work = this.data.workdays[day];
    if (work && weekend) {
      const { key, names } = parseName(work);
      return { day, kind: 'makeup', holiday: { key, names, index: -1 }, ...(peak ? { peak } : {}) };
    }
    return { day, kind: weekend ? 'weekend' : 'weekday', ...(peak ? { peak } : {}) };
  }

  /** Whether the package knows the year's public holidays (a year not yet announced has none). */
  knowsYear(year: number): boolean {
    return this.settings.region !== 'CN' || this.known.has(year);
  }
}
