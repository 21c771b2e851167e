import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.ts';
import { isoWeekLabel } from '../../src/core/time/day-math.ts';
import { parsePeriod, previousPeriod, splitPeriod, yearAgoPeriod } from '../../src/core/time/period.ts';
import { dayInZone } from '../../src/core/time/zoned-today.ts';

// Sunday 22 November 2026.
const today = '2026-11-22';

describe('periods in the workspace timezone', () => {
  it('finds the calendar day of an instant in a zone', () => {
    const instant = new Date('2026-11-22T17:30:00Z');
    expect(dayInZone(instant, 'Asia/Shanghai')).toBe('2026-11-23'); // 01:30 next day in UTC+8
    expect(dayInZone(instant, 'America/Los_Angeles')).toBe('2026-11-22');
  });

  it('parses rolling days as the last N complete days, in English and Chinese', () => {
    for (const text of ['7d', '近7天', '最近7天', 'last-7d', '７天']) {
      expect(parsePeriod(text, today)).toMatchObject({ kind: 'rolling', from: '2026-11-15', to: '2026-11-21', complete: true });
    }
  });

  it('parses ISO weeks (Monday start), months, days and ranges', () => {
    expect(parsePeriod('上周', today)).toMatchObject({
      kind: 'week',
      from: '2026-11-09',
      to: '2026-11-15',
      label: '2026-W46',
      complete: true,
    });
    expect(parsePeriod('this-week', today)).toMatchObject({ from: '2026-11-16', to: '2026-11-22', complete: false });
    expect(parsePeriod('2026-W01', today)).toMatchObject({ from: '2025-12-29', to: '2026-01-04' });
    expect(parsePeriod('2026-11', today)).toMatchObject({ kind: 'month', from: '2026-11-01', to: '2026-11-30', complete: false });
    expect(parsePeriod('上月', today)).toMatchObject({ from: '2026-10-01', to: '2026-10-31', complete: true });
    expect(parsePeriod('2024-02', today)).toMatchObject({ to: '2024-02-29' });
    expect(parsePeriod('2026-11-01..2026-11-15', today)).toMatchObject({ kind: 'custom', from: '2026-11-01', to: '2026-11-15' });
    expect(parsePeriod('2026-11-01~2026-11-15', today)).toMatchObject({ from: '2026-11-01', to: '2026-11-15' });
    expect(parsePeriod('昨天', today)).toMatchObject({ from: '2026-11-21', to: '2026-11-21', complete: true });
  });

  it('explains what it cannot read', () => {
    expect(() => parsePeriod('soon', today)).toThrow(InputError);
    expect(() => parsePeriod('soon', today)).toThrow(/try 7d, 30d/);
    expect(() => parsePeriod('2026-W60', today)).toThrow(/weeks 1 to 53/);
    expect(() => parsePeriod('2026-11-15..2026-11-01', today)).toThrow(/starts after it ends/);
    expect(() => parsePeriod('0999-W01', today)).toThrow(/between 1970 and 9998/);
    expect(() => parsePeriod('0999-05', today)).toThrow(InputError);
  });

  it('compares with the previous period (环比) and a year earlier (同比)', () => {
    const week = parsePeriod('2026-W47', today);
    expect(previousPeriod(week, today)).toMatchObject({ label: '2026-W46', from: '2026-11-09' });
    expect(yearAgoPeriod(week, today)).toMatchObject({ label: '2025-W47', from: '2025-11-17', to: '2025-11-23' });
    // 2026 has 53 ISO weeks, 2025 only 52: W53 a year earlier is W52.
    expect(yearAgoPeriod(parsePeriod('2026-W53', '2027-06-01'), '2027-06-01')).toMatchObject({ label: '2025-W52' });
    const march = parsePeriod('2026-03', today);
    expect(previousPeriod(march, today)).toMatchObject({ from: '2026-02-01', to: '2026-02-28' });
    expect(yearAgoPeriod(parsePeriod('2024-02-29', today), today)).toMatchObject({ from: '2023-02-28' });
    const rolling = parsePeriod('30d', today);
    expect(previousPeriod(rolling, today)).toMatchObject({ from: '2026-09-23', to: '2026-10-22' });
  });

  it('splits a period into grains clipped to it', () => {
    const weeks = splitPeriod(parsePeriod('2026-11', today), 'week', today);
    expect(weeks.map((w) => [w.label, w.from, w.to])).toEqual([
      ['2026-W44', '2026-11-01', '2026-11-01'],
      ['2026-W45', '2026-11-02', '2026-11-08'],
      ['2026-W46', '2026-11-09', '2026-11-15'],
      ['2026-W47', '2026-11-16', '2026-11-22'],
      ['2026-W48', '2026-11-23', '2026-11-29'],
      ['2026-W49', '2026-11-30', '2026-11-30'],
    ]);
    expect(splitPeriod(parsePeriod('2026-11-01..2026-11-03', today), 'day', today)).toHaveLength(3);
    expect(isoWeekLabel('2027-01-01')).toBe('2026-W53');
  });
});
