import { InputError } from '../errors.ts';
import type { ObservationInput } from '../ports/observations.ts';
import { isSaneNumber } from '../text/numbers.ts';
import { isCalendarDay } from '../time/calendar-day.ts';

export function observationKey(row: Pick<ObservationInput, 'metric' | 'segment' | 'day'>): string {
  return `${row.metric}\u0000${row.segment}\u0000${row.day}`;
}

/** Rejects rows no repository should store: bad days, non-finite values, empty metrics, repeated keys. */
export function validateObservations(rows: readonly ObservationInput[]): void {
  // Imports repeat a few hundred days and series across many rows: check each distinct day once, and
  // find repeats with a set of days per series rather than one long key string per row.
  const days = new Map<string, boolean>();
  const series = new Map<string, Set<string>>();
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as ObservationInput;
    const where = { field: `rows[${i}]`, line: i + 1 };
    if (!row.metric) throw new InputError(`row ${i + 1}: the metric is empty`, where);
    let dayOk = days.get(row.day);
    if (dayOk === undefined) {
      dayOk = isCalendarDay(row.day);
      days.set(row.day, dayOk);
    }
    if (!dayOk) throw new InputError(`row ${i + 1}: "${row.day}" is not a day (YYYY-MM-DD)`, { ...where, field: `rows[${i}].day` });
    if (!isSaneNumber(row.value))
      throw new InputError(`row ${i + 1}: the value ${row.value} is not a finite number within 10^15 either side of zero`, {
        ...where,
        field: `rows[${i}].value`,
      });
    const seriesKey = `${row.metric}\u0000${row.segment}`;
    let seen = series.get(seriesKey);
    if (!seen) {
      seen = new Set();
      series.set(seriesKey, seen);
    }
    if (seen.has(row.day)) throw new InputError(`row ${i + 1}: ${row.metric} for "${row.segment}" on ${row.day} appears twice`, where);
    seen.add(row.day);
  }
}
