import { InputError } from '../errors.ts';
import type { ObservationInput } from '../ports/observations.ts';
import { isCalendarDay } from '../time/calendar-day.ts';

export function observationKey(row: Pick<ObservationInput, 'metric' | 'segment' | 'day'>): string {
  return `${row.metric}\u0000${row.segment}\u0000${row.day}`;
}

/** Rejects rows no repository should store: bad days, non-finite values, empty metrics, repeated keys. */
export function validateObservations(rows: readonly ObservationInput[]): void {
  const seen = new Set<string>();
  rows.forEach((row, i) => {
    const where = { field: `rows[${i}]`, line: i + 1 };
    if (!row.metric) throw new InputError(`row ${i + 1}: the metric is empty`, where);
    if (!isCalendarDay(row.day))
      throw new InputError(`row ${i + 1}: "${row.day}" is not a day (YYYY-MM-DD)`, { ...where, field: `rows[${i}].day` });
    if (!Number.isFinite(row.value))
      throw new InputError(`row ${i + 1}: the value is not a finite number`, { ...where, field: `rows[${i}].value` });
    const key = observationKey(row);
    if (seen.has(key)) throw new InputError(`row ${i + 1}: ${row.metric} for "${row.segment}" on ${row.day} appears twice`, where);
    seen.add(key);
  });
}
