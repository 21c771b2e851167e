// The digest's schedule as people write it: `周三 14:00`, `wed 14:00`, `每周三 9:30`, or a cron expression.

const WEEKDAYS: Record<string, number> = {
  sun: 0,
  sunday: 0,
  mon: 1,
  monday: 1,
  tue: 2,
  tues: 2,
  tuesday: 2,
  wed: 3,
  wednesday: 3,
  thu: 4,
  thur: 4,
  thurs: 4,
  thursday: 4,
  fri: 5,
  friday: 5,
  sat: 6,
  saturday: 6,
};
const ZH_DAYS: Record<string, number> = { 日: 0, 天: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6 };

/** Field ranges of a 5-field cron (minute hour day-of-month month day-of-week), 6 with seconds first. */
const RANGES: [number, number][] = [
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [0, 7],
];
const NAMES: Record<number, Record<string, number>> = {
  3: { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 },
  4: { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 },
};

function validField(field: string, index: number): boolean {
  const [lo, hi] = RANGES[index] as [number, number];
  const value = (v: string) => {
    const named = NAMES[index]?.[v.toLowerCase()];
    if (named !== undefined) return named;
    return /^\d+$/.test(v) ? Number(v) : Number.NaN;
  };
  return field.split(',').every((part) => {
    const [range = '', step] = part.split('/');
    if (step !== undefined && !/^[1-9]\d*$/.test(step)) return false;
    if (range === '*') return true;
    const [a = '', b] = range.split('-');
    const from = value(a);
    const to = b === undefined ? from : value(b);
    return from >= lo && to <= hi && from <= to;
  });
}

/** Whether a cron expression (5 fields, or 6 with seconds) is well formed and within range. */
export function isValidCron(expression: string): boolean {
  let fields = expression.trim().split(/\s+/);
  if (fields.length === 6) {
    const seconds = fields[0] as string;
    if (!/^(\*|\d{1,2})(\/\d+)?$/.test(seconds) || Number.parseInt(seconds, 10) > 59) return false;
    fields = fields.slice(1);
  }
  return fields.length === 5 && fields.every(validField);
}

/**
 * Reads a schedule into a cron expression: a weekday and a time (`周三 14:00`, `星期三 14:00`, `wed 2pm`
 * is not accepted, `wed 14:00` is), or a cron expression. Undefined when it is neither.
 */
export function parseSchedule(text: string): string | undefined {
  const s = text.trim().replace(/：/g, ':').replace(/\s+/g, ' ');
  const m =
    s.match(/^(?:每)?(?:周|星期|礼拜)([一二三四五六日天])\s*(\d{1,2}):(\d{2})$/) ?? s.match(/^(?:every )?([a-z]+)\s+(\d{1,2}):(\d{2})$/i);
  if (m) {
    const day = ZH_DAYS[m[1] as string] ?? WEEKDAYS[(m[1] as string).toLowerCase()];
    const [hour, minute] = [Number(m[2]), Number(m[3])];
    if (day === undefined || hour > 23 || minute > 59) return undefined;
    return `${minute} ${hour} * * ${day}`;
  }
  return isValidCron(s) ? s : undefined;
}
