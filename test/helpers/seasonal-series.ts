// A generated daily series for anomaly tests: a slowly growing level, weekly seasonality, noise from a seeded
// generator, and the Chinese calendar's effects (holidays lower, 调休 Saturdays like workdays, peaks higher).

import { prng } from '../../src/core/demo/demo-quarter.ts';
import { addDays, isoWeekday } from '../../src/core/time/day-math.ts';
import { HolidayCalendar } from '../../src/core/time/holiday-calendar.ts';

/** Monday … Sunday. */
export const WEEKLY = [1.0, 1.05, 1.0, 0.98, 0.95, 0.7, 0.65];
export const HOLIDAY_FACTOR: Record<string, number> = { spring_festival: 0.5 };
export const PEAK_FACTOR: Record<string, number> = { double11: 2.5, '618': 1.6, double12: 1.4, nianhuo: 1.2 };

/** The demo's deterministic PRNG (mulberry32), so a seed gives the same series everywhere. */
export const seededRandom = prng;

export function normal(random: () => number): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** Day → value from `from` to `to`, with `injected` days multiplied by their factor. */
export function seasonalSeries(options: {
  from: string;
  to: string;
  seed: number;
  level?: number;
  noise?: number;
  injected?: Record<string, number>;
}): Map<string, number> {
  const calendar = new HolidayCalendar();
  const random = seededRandom(options.seed);
  const out = new Map<string, number>();
  let i = 0;
  for (let day = options.from; day <= options.to; day = addDays(day, 1), i++) {
    const info = calendar.info(day);
    // A 调休 Saturday is worked like a Monday; a holiday is a day off whatever its weekday.
    let factor = info.kind === 'makeup' ? (WEEKLY[0] as number) : (WEEKLY[isoWeekday(day) - 1] as number);
    if (info.kind === 'holiday') factor = (WEEKLY[6] as number) * (HOLIDAY_FACTOR[info.holiday?.key ?? ''] ?? 0.9);
    if (info.peak) factor *= PEAK_FACTOR[info.peak.key] ?? 1.3;
    const level = (options.level ?? 1000) * (1 + (0.2 * i) / 365);
    const value = level * factor * (1 + (options.noise ?? 0.03) * normal(random)) * (options.injected?.[day] ?? 1);
    out.set(day, value);
  }
  return out;
}
