// The check-in's default schedule over many digest crons, judged by node-cron itself (the scheduler's library):
// for every cron it accepts, either a check-in at 16:00 the day before the week's first digest slot and a
// reminder 2 hours before that slot, or — where the digest is not on the same weekdays every week — none, and a
// reminder 2 hours before each of its slots where that is the same day. Firing times are found with node-cron's
// own matcher in UTC, never with the code under test.
import fc from 'fast-check';
import cron from 'node-cron';
import { describe, expect, it } from 'vitest';
import { checkinDefaults } from '../../src/core/digest/checkin-settings.ts';

const DAY = 86_400_000;
const MINUTE = 60_000;
/** Monday 30 Nov 2026, 00:00 UTC: the first of the three weeks looked at. */
const MONDAY = Date.UTC(2026, 10, 30);

/** The minutes (ms since epoch) a cron fires at on the days [from, from + days·DAY), by node-cron's matcher. */
function firings(expression: string, from: number, days: number): number[] {
  const { second, minute, hour } = cron.parse(expression);
  const ascending = (values: (number | string)[]) => [...new Set(values.map(Number))].sort((a, b) => a - b);
  const times = ascending(hour).flatMap((h) => ascending(minute).map((m) => (h * 60 + m) * MINUTE));
  const task = cron.createTask(expression, () => {}, { timezone: 'UTC' });
  try {
    const out: number[] = [];
    for (let d = 0; d < days; d++) {
      const day = from + d * DAY;
      // The time fields hold at the first time of the day: whether it fires then is whether the day matches.
      if (task.match(new Date(day + (times[0] as number) + (ascending(second)[0] as number) * 1000)))
        out.push(...times.map((t) => day + t));
    }
    return out;
  } finally {
    void task.destroy();
  }
}

/** The digest's first slot in each of the three weeks from MONDAY (its key is the week: that slot sends it). */
function firstSlots(digest: string): (number | undefined)[] {
  return [0, 1, 2].map((w) => firings(digest, MONDAY + w * 7 * DAY, 7)[0]);
}

const int = (lo: number, hi: number) => fc.integer({ min: lo, max: hi }).map(String);
const list = (item: fc.Arbitrary<string>) => fc.array(item, { minLength: 1, maxLength: 3 }).map((xs) => xs.join(','));
const range = (lo: number, hi: number) => fc.tuple(int(lo, hi), int(lo, hi)).map(([a, b]) => `${a}-${b}`);
const step = (hi: number) => int(1, hi).map((n) => `*/${n}`);
const anyCase = (word: string) => fc.constantFrom(word, word.toUpperCase(), word[0]!.toUpperCase() + word.slice(1));
const dayName = fc.constantFrom('sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'monday', 'friday', 'sunday').chain(anyCase);

const minuteField = fc.oneof(int(0, 59), list(int(0, 59)), range(0, 59), step(30), fc.constant('*'));
const hourField = fc.oneof({ weight: 3, arbitrary: int(0, 23) }, list(int(0, 23)), range(0, 23), step(12), fc.constant('*'));
const domField = fc.oneof(
  { weight: 6, arbitrary: fc.constant('*') },
  fc.constantFrom('?', '1-31', '*/1', 'L', '15W', 'L-2'),
  int(1, 28),
  step(10),
  fc.tuple(int(1, 14), int(0, 10)).map(([a, n]) => `${a}-${Number(a) + Number(n)}`),
);
const monthField = fc.oneof(
  { weight: 6, arbitrary: fc.constant('*') },
  fc.constantFrom('1-12', 'jan-dec', 'JAN-JUN', 'mar,sep', '*/3', 'december'),
);
const dowField = fc.oneof(
  { weight: 2, arbitrary: fc.constant('*') },
  fc.constant('?'),
  { weight: 2, arbitrary: int(0, 7) },
  list(fc.oneof(int(0, 7), dayName)),
  range(0, 7),
  fc.tuple(dayName, dayName).map(([a, b]) => `${a}-${b}`),
  fc.tuple(range(0, 6), int(1, 3)).map(([r, n]) => `${r}/${n}`),
  step(3),
  fc.constantFrom('5#2', '1#1', '5L', 'mon,5#2'),
);
const secondField = fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, fc.constantFrom('0', '30', '*/20'));
const nickname = fc.constantFrom('@weekly', '@daily', '@midnight', '@hourly', '@monthly', '@yearly', '@WEEKLY');

/** Digest crons node-cron accepts: every field's syntax, names in any case, wrapping ranges, seconds, nicknames. */
const digestCron = fc
  .oneof(
    { weight: 12, arbitrary: fc.tuple(secondField, minuteField, hourField, domField, monthField, dowField) },
    { weight: 1, arbitrary: nickname.map((n) => [n] as const) },
  )
  .map((fields) => fields.filter((f) => f !== undefined).join(' '))
  .filter((expression) => cron.validate(expression));

describe('the default check-in over many digest crons', () => {
  it('is 16:00 the day before the week’s first digest slot, with the reminder 2 hours before that slot; else says why not', () => {
    let weekly = 0;
    let other = 0;
    fc.assert(
      fc.property(digestCron, (digest) => {
        const defaults = checkinDefaults(digest);
        if (defaults.checkin) {
          weekly++;
          expect(defaults.why).toBeUndefined();
          const reminder = defaults.reminder as string;
          expect(cron.validate(defaults.checkin) && cron.validate(reminder)).toBe(true);
          const slots = firstSlots(digest);
          // Weekly: a slot every week, at the same weekday and time.
          expect(slots.every((s) => s !== undefined)).toBe(true);
          expect(new Set(slots.map((s) => ((s as number) - MONDAY) % (7 * DAY))).size).toBe(1);
          // The check-ins from Sunday 29 Nov to Saturday 19 Dec: exactly 16:00 the day before each week's slot.
          const dayBefore = (slot: number) => slot - (slot % DAY) - DAY + 16 * 60 * MINUTE;
          expect(firings(defaults.checkin, MONDAY - DAY, 21)).toEqual(slots.map((s) => dayBefore(s as number)));
          // The reminders in the same stretch, shifted by 2 hours: exactly 2 hours before each slot.
          const lead = 120 * MINUTE;
          const reminders = firings(reminder, MONDAY - DAY, 22).filter((r) => r >= MONDAY - lead && r < MONDAY + 21 * DAY - lead);
          expect(reminders).toEqual(slots.map((s) => (s as number) - lead));
        } else {
          other++;
          expect(defaults.why).toMatch(/^(monthDays|months|nthWeekday)$/);
          // Not the same weekdays and times every week: two weeks of the next 60 differ (or it never fires).
          const weeks = Array.from({ length: 60 }, (_, w) =>
            firings(digest, MONDAY + w * 7 * DAY, 7)
              .map((f) => (f - MONDAY) % (7 * DAY))
              .join(),
          );
          expect(new Set(weeks).size > 1 || weeks.every((w) => w === '')).toBe(true);
          // Its reminder: 2 hours before every slot, on the same days (61 days looked at), where no slot is before 02:00.
          const slots = firings(digest, MONDAY, 61).map((f) => f - (f % MINUTE));
          const hours = cron.parse(digest).hour.map(Number);
          if (Math.min(...hours) < 2) expect(defaults.reminder).toBeUndefined();
          else expect(firings(defaults.reminder as string, MONDAY, 61)).toEqual(slots.map((s) => s - 120 * MINUTE));
        }
      }),
      { numRuns: 200, seed: 17 },
    );
    // Both kinds were tried, many times each.
    expect(weekly).toBeGreaterThan(80);
    expect(other).toBeGreaterThan(20);
  });

  it('reads the crons of the brief and the ones people write', () => {
    // Midnight on Monday: the day before at 16:00 is Sunday; 2 hours before midnight is 22:00 on Sunday.
    expect(checkinDefaults('0 0 * * 1')).toEqual({ checkin: '0 16 * * 0', reminder: '0 22 * * 0' });
    expect(checkinDefaults('0 9 * * mon-fri')).toEqual({ checkin: '0 16 * * 0', reminder: '0 7 * * 1' });
    expect(checkinDefaults('0 9 * * Friday-Monday')).toEqual({ checkin: '0 16 * * 0', reminder: '0 7 * * 1' });
    expect(checkinDefaults('0 9 * * 3-5')).toEqual({ checkin: '0 16 * * 2', reminder: '0 7 * * 3' });
    expect(checkinDefaults('0 9 * * 7')).toEqual({ checkin: '0 16 * * 6', reminder: '0 7 * * 0' });
    expect(checkinDefaults('0 0,12 * * 2')).toEqual({ checkin: '0 16 * * 1', reminder: '0 22 * * 1' });
    expect(checkinDefaults('@daily')).toEqual({ checkin: '0 16 * * 0', reminder: '0 22 * * 0' });
    expect(checkinDefaults('@monthly')).toEqual({ why: 'monthDays' });
    expect(checkinDefaults('0 9 * * 5L')).toEqual({ why: 'nthWeekday', reminder: '0 7 * * 5L' });
  });
});
