// A cron expression read as node-cron reads it (5 fields, or 6 with seconds first; `@weekly` and the other
// nicknames; month and weekday names, full or short, any case; lists, ranges — wrapping ones too — and steps; `?`;
// weekday 7 as Sunday; the day tokens L, W, # and 5L), into what a schedule derived from it needs: the times of
// day it fires at and, when it fires on the same weekdays every week, which. Pure: no scheduler.

/** Why a cron does not fire on the same weekdays every week. */
export type NotWeekly = 'monthDays' | 'months' | 'nthWeekday';

export interface CronSchedule {
  /** Minutes of the day it fires at (hour × 60 + minute), ascending; seconds are not kept. */
  times: number[];
  /** The minutes and hours it fires at, ascending (`times` is every minute at every hour). */
  minutes: number[];
  hours: number[];
  /** Weekdays it fires on (0 = Sunday), ascending, when it fires on those every week. */
  weekdays?: number[];
  /** Why it does not: restricted days of the month, some months only, or a weekday of the month (`1#1`, `5L`). */
  notWeekly?: NotWeekly;
  /** The day of month, month and weekday fields as written (names and all), for a cron at other times on the same days. */
  dayFields: [string, string, string];
}

const NICKNAMES: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** Bounds of second, minute, hour, day of month, month, weekday, as `*` expands them. */
const BOUNDS: [number, number][] = [
  [0, 59],
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [0, 6],
];

/** Full names, then their first three letters, replaced by their numbers (January = 1, Sunday = 0), as node-cron does. */
function replaceNames(field: string, names: string[], first: number): string {
  let out = field;
  for (const list of [names, names.map((n) => n.slice(0, 3))])
    list.forEach((name, i) => {
      out = out.replace(new RegExp(name, 'gi'), String(i + first));
    });
  return out;
}

/** The largest value a field may be written with (weekday 7 is Sunday). */
const highest = (index: number) => (index === 5 ? 7 : (BOUNDS[index] as [number, number])[1]);

/** A field's values: numbers, and the day tokens (L, 15W, L-2, 5#2, 5L) as written; undefined when unreadable. */
function expand(field: string, index: number): (number | string)[] | undefined {
  const [min, max] = BOUNDS[index] as [number, number];
  const out: (number | string)[] = [];
  for (const raw of field.split(',')) {
    const token = raw.replace('*', `${min}-${max}`);
    const range = token.match(/^(\d+)-(\d+)(?:\/(\d+))?$/);
    if (range) {
      const [first, last, step] = [Number(range[1]), Number(range[2]), Number(range[3] ?? 1)];
      if (!(step >= 1)) return undefined;
      if (first <= last) for (let v = first; v <= last; v += step) out.push(v);
      else {
        // A range that wraps (`fri-mon`, `22-2`) runs past the top of the field on from its bottom.
        const size = max - min + 1;
        const span = (((last - first) % size) + size) % size;
        for (let offset = 0; offset <= span; offset += step) out.push(first + offset > max ? first + offset - size : first + offset);
      }
    } else if (/^\d+$/.test(token)) out.push(Number(token));
    else if (index >= 3 && /^(L|L-\d{1,2}|(\d{1,2}|L)W|[0-7]L|[0-7]#[1-5])$/i.test(token)) out.push(token.toUpperCase());
    else return undefined;
  }
  return out.every((v) => typeof v === 'string' || (v >= min && v <= highest(index))) ? out : undefined;
}

const sorted = (values: number[]) => [...new Set(values)].sort((a, b) => a - b);
const numbers = (values: (number | string)[]) => values.filter((v): v is number => typeof v === 'number');
const covers = (values: (number | string)[], index: number) => {
  const [min, max] = BOUNDS[index] as [number, number];
  const set = new Set(numbers(values));
  for (let v = min; v <= max; v++) if (!set.has(v)) return false;
  return true;
};

/** The cron as node-cron reads it; undefined for one it would not accept (or one this cannot read). */
export function readCron(expression: string): CronSchedule | undefined {
  const resolved = NICKNAMES[expression.trim().toLowerCase()] ?? expression;
  const written = resolved.trim().split(/\s+/);
  if (written.length !== 5 && written.length !== 6) return undefined;
  const fields = written.length === 5 ? ['0', ...written] : [...written];
  const [, minute = '', hour = '', dom = '', month = '', dow = ''] = fields;
  const read = [
    expand(minute, 1),
    expand(hour, 2),
    expand(dom === '?' ? '*' : dom, 3),
    expand(replaceNames(month, MONTHS, 1), 4),
    expand(replaceNames(dow === '?' ? '*' : dow, WEEKDAYS, 0), 5),
  ];
  const [minutes, hours, days, months, weekdays] = read;
  if (!minutes || !hours || !days || !months || !weekdays) return undefined;
  if (numbers(minutes).length !== minutes.length || numbers(hours).length !== hours.length) return undefined;
  const m = sorted(numbers(minutes));
  const h = sorted(numbers(hours));
  const notWeekly: NotWeekly | undefined = !covers(days, 3)
    ? 'monthDays'
    : weekdays.some((d) => typeof d === 'string')
      ? 'nthWeekday'
      : !covers(months, 4)
        ? 'months'
        : undefined;
  return {
    times: h.flatMap((hh) => m.map((mm) => hh * 60 + mm)),
    minutes: m,
    hours: h,
    ...(notWeekly ? { notWeekly } : { weekdays: sorted(numbers(weekdays).map((d) => d % 7)) }),
    dayFields: [dom, month, dow],
  };
}
