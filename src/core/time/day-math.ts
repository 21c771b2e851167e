// Calendar arithmetic on `YYYY-MM-DD` strings, in UTC so no local offset or DST can shift a day.

const year4 = (y: number) => String(y).padStart(4, '0');

function toDate(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

function fromDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(day: string, n: number): string {
  const d = toDate(day);
  d.setUTCDate(d.getUTCDate() + n);
  return fromDate(d);
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: string, b: string): number {
  return Math.round((toDate(b).getTime() - toDate(a).getTime()) / 86_400_000);
}

/** ISO weekday: Monday 1 … Sunday 7. */
export function isoWeekday(day: string): number {
  return toDate(day).getUTCDay() || 7;
}

export function startOfIsoWeek(day: string): string {
  return addDays(day, 1 - isoWeekday(day));
}

/** ISO week label `2026-W47` (the year is the one of the week's Thursday). */
export function isoWeekLabel(day: string): string {
  const thursday = addDays(startOfIsoWeek(day), 3);
  const year = Number(thursday.slice(0, 4));
  const week = Math.floor(daysBetween(`${year}-01-01`, thursday) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The Monday of an ISO week `2026-W47`. */
export function isoWeekStart(year: number, week: number): string {
  const jan4 = `${year4(year)}-01-04`;
  return addDays(startOfIsoWeek(jan4), (week - 1) * 7);
}

export function isoWeeksInYear(year: number): number {
  return isoWeekLabel(`${year4(year)}-12-28`).endsWith('53') ? 53 : 52;
}

export function startOfMonth(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

export function endOfMonth(day: string): string {
  const [y, m] = day.split('-').map(Number) as [number, number];
  return fromDate(new Date(Date.UTC(y, m, 0)));
}

/** The same calendar day `years` later; 29 February becomes 28 February in a common year. */
export function addYears(day: string, years: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y + years, m, 0)).getUTCDate();
  return `${year4(y + years)}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

export function addMonths(day: string, months: number): string {
  const [y, m] = day.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + months;
  return `${year4(Math.floor(index / 12))}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}

/** Every day from `from` to `to`, inclusive. */
export function eachDay(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}
