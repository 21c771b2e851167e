// The anomaly judge on generated series: weekly seasonality, noise, 春节, a 调休 Saturday, 双11 and injected
// anomalies. Every injected anomaly is found, the calendar's days are not, and clean data stays quiet.
import { describe, expect, it } from 'vitest';
import { type AnomalyOptions, judgeDay } from '../../src/core/metrics/anomaly.ts';
import { addDays } from '../../src/core/time/day-math.ts';
import { calendarSettings, HolidayCalendar } from '../../src/core/time/holiday-calendar.ts';
import { seasonalSeries } from '../helpers/seasonal-series.ts';

const calendar = new HolidayCalendar();
const medium: AnomalyOptions = { sensitivity: 'medium', flag: 'both' };

function flagged(series: Map<string, number>, from: string, to: string, options = medium): string[] {
  const values = (d: string) => series.get(d) ?? null;
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) if (judgeDay(values, calendar, d, options).status === 'anomaly') out.push(d);
  return out;
}

describe('the Chinese calendar from chinese-days', () => {
  it('knows 春节 2026, its 调休 Saturdays, 国庆 and the default shopping peaks', () => {
    expect(calendar.info('2026-02-17')).toMatchObject({ kind: 'holiday', holiday: { key: 'spring_festival', names: { 'zh-CN': '春节' } } });
    expect(calendar.holidayDays('spring_festival', 2026)).toEqual([
      '2026-02-15',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-02-21',
      '2026-02-22',
      '2026-02-23',
    ]);
    expect(calendar.info('2026-02-14')).toMatchObject({ kind: 'makeup', holiday: { key: 'spring_festival' } });
    expect(calendar.info('2025-09-28')).toMatchObject({ kind: 'makeup', holiday: { key: 'national_day' } });
    expect(calendar.info('2026-10-01').kind).toBe('holiday');
    expect(calendar.info('2026-11-11')).toMatchObject({ kind: 'weekday', peak: { key: 'double11', names: { 'zh-CN': '双11' } } });
    expect(calendar.info('2026-11-18')).toEqual({ day: '2026-11-18', kind: 'weekday' });
    expect(calendar.info('2026-11-21').kind).toBe('weekend');
    expect(calendar.knowsYear(2026)).toBe(true);
  });

  it('estimates a year not announced yet from the lunar calendar, marked estimated, without 调休 days', () => {
    const fresh = new HolidayCalendar();
    expect(fresh.knowsYear(2027)).toBe(false);
    // 春节 2027: 初一 is 6 Feb; 除夕 to 初六.
    expect(fresh.holidayDays('spring_festival', 2027)).toEqual([
      '2027-02-05',
      '2027-02-06',
      '2027-02-07',
      '2027-02-08',
      '2027-02-09',
      '2027-02-10',
      '2027-02-11',
      '2027-02-12',
    ]);
    expect(fresh.info('2027-02-06')).toMatchObject({ kind: 'holiday', holiday: { key: 'spring_festival', index: 1, estimated: true } });
    expect(fresh.info('2027-10-03')).toMatchObject({ kind: 'holiday', holiday: { key: 'national_day', estimated: true } });
    expect(fresh.info('2026-10-03').holiday?.estimated).toBeUndefined();
    expect(fresh.info('2027-01-20').peak?.key).toBe('nianhuo');
  });
});

describe('another country’s calendar from date-holidays', () => {
  it('knows US Thanksgiving in any year, no make-up workdays, and falls back to China mainland for an unknown region', () => {
    const us = new HolidayCalendar(calendarSettings({ calendar: { region: 'US' } }));
    expect(us.info('2026-11-26')).toMatchObject({
      kind: 'holiday',
      holiday: { key: 'thanksgiving_day', names: { en: 'Thanksgiving Day' } },
    });
    expect(us.holidayDays('thanksgiving_day', 2025)).toEqual(['2025-11-27']);
    expect(us.info('2026-02-14').kind).toBe('weekend');
    expect(calendarSettings({ calendar: { region: 'XX' } }).region).toBe('CN');
    expect(new HolidayCalendar(calendarSettings({ calendar: { region: 'none' } })).info('2026-02-17').kind).toBe('weekday');
  });
});

describe('judging days against their own history', () => {
  const injected = { '2026-03-10': 0.6, '2026-05-20': 1.5, '2026-08-13': 0.55, '2026-10-03': 0.25, '2026-10-10': 0.5, '2026-11-24': 0.6 };
  const series = seasonalSeries({ from: '2025-01-01', to: '2026-12-31', seed: 7, injected });

  it('finds every injected anomaly (on a holiday and a 调休 Saturday too), and nothing else in 2026', () => {
    expect(flagged(series, '2026-01-01', '2026-12-31')).toEqual(Object.keys(injected).sort());
  });

  it('stays quiet on the 春节 week, the 调休 Saturday, 双11 and a weekend, saying why', () => {
    const values = (d: string) => series.get(d) ?? null;
    for (const d of calendar.holidayDays('spring_festival', 2026)) {
      const j = judgeDay(values, calendar, d, medium);
      expect([d, j.status, j.reason, j.compared !== undefined]).toEqual([d, 'normal', 'holiday', true]);
    }
    expect(judgeDay(values, calendar, '2026-02-14', medium)).toMatchObject({ status: 'normal', reason: 'workday' });
    expect(judgeDay(values, calendar, '2026-02-28', medium)).toMatchObject({ status: 'normal', reason: 'workday' });
    expect(judgeDay(values, calendar, '2026-11-11', medium)).toMatchObject({ status: 'normal', reason: 'peak', compared: '2025-11-11' });
    expect(judgeDay(values, calendar, '2026-11-21', medium)).toMatchObject({ status: 'normal', reason: 'weekday' });
  });

  it('on clean seasonal data fires at most once in any 90 days, over ten seeds', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const clean = seasonalSeries({ from: '2025-01-01', to: '2026-12-31', seed });
      const days = flagged(clean, '2026-01-01', '2026-12-31');
      for (const d of days) expect(days.filter((x) => x >= d && x <= addDays(d, 89)).length).toBeLessThanOrEqual(1);
    }
  });

  it('without last year a holiday and a peak are only marked; fewer than 4 weeks says so', () => {
    const young = seasonalSeries({ from: '2026-01-20', to: '2026-12-31', seed: 3 });
    const values = (d: string) => young.get(d) ?? null;
    expect(judgeDay(values, calendar, '2026-02-17', medium)).toMatchObject({ status: 'marked', reason: 'holiday' });
    expect(judgeDay(values, calendar, '2026-11-11', medium)).toMatchObject({ status: 'marked', reason: 'peak' });
    expect(judgeDay(values, calendar, '2026-02-10', medium).status).toBe('history');
  });

  it('looks only at the chosen side, and not below the minimum change', () => {
    const values = (d: string) => series.get(d) ?? null;
    expect(judgeDay(values, calendar, '2026-03-10', { sensitivity: 'medium', flag: 'high' }).status).toBe('normal');
    const j = judgeDay(values, calendar, '2026-03-10', { sensitivity: 'medium', flag: 'low' });
    expect(j.status).toBe('anomaly');
    const gap = Math.abs((j.value as number) - (j.expected as number));
    expect(judgeDay(values, calendar, '2026-03-10', { sensitivity: 'medium', flag: 'low', min: gap + 1 }).status).toBe('normal');
  });
});
