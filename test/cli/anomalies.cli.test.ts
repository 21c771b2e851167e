// `growthbeat anomalies` and `growthbeat backtest` through a real process and a real SQLite file, on a generated
// year of two channels that ends yesterday, with one crash injected on an ordinary weekday.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/core/time/day-math.ts';
import { HolidayCalendar } from '../../src/core/time/holiday-calendar.ts';
import { dayInZone } from '../../src/core/time/zoned-today.ts';
import { runCli } from '../helpers/cli-process.ts';
import { seasonalSeries } from '../helpers/seasonal-series.ts';
import { sqliteTestDatabase } from '../helpers/test-databases.ts';

const database = sqliteTestDatabase();
const env = { DATABASE_URL: database.url, DEFAULT_LOCALE: 'en' };
const dir = mkdtempSync(join(tmpdir(), 'gb-anomalies-'));
afterAll(() => database.drop());

// The CLI judges up to yesterday in the workspace's timezone (Asia/Shanghai by default for the local workspace).
const yesterday = addDays(dayInZone(new Date(), 'Asia/Shanghai'), -1);
const calendar = new HolidayCalendar();
let crash = addDays(yesterday, -20);
while (calendar.info(crash).kind !== 'weekday' || calendar.info(crash).peak) crash = addDays(crash, -1);

beforeAll(async () => {
  const from = addDays(yesterday, -420);
  const lines = ['date,metric,segment,value'];
  for (const [segment, seed] of [
    ['douyin', 1],
    ['sem', 2],
  ] as const) {
    const spend = seasonalSeries({ from, to: yesterday, seed, level: 10_000 });
    const revenue = seasonalSeries({
      from,
      to: yesterday,
      seed,
      level: 15_000,
      noise: 0.03,
      injected: segment === 'douyin' ? { [crash]: 0.5 } : {},
    });
    for (const [day, s] of spend)
      lines.push(`${day},spend,${segment},${s.toFixed(2)}`, `${day},revenue,${segment},${(revenue.get(day) as number).toFixed(2)}`);
  }
  const csv = join(dir, 'year.csv');
  writeFileSync(csv, lines.join('\n'));
  expect((await runCli(['import', csv], env)).code).toBe(0);
});

describe('growthbeat anomalies and backtest', () => {
  it('lists the crash with its expected value, range and reason', async () => {
    const run = await runCli(['anomalies', 'revenue', '--by-segment', '--from', addDays(yesterday, -60), '--to', yesterday, '--json'], env);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.days.map((d: { day: string; segment: string }) => `${d.day} ${d.segment}`)).toEqual([`${crash} douyin`]);
    const [day] = out.days;
    expect(day.value).toBeLessThan(day.low);
    expect(day.expected).toBeGreaterThan(day.value * 1.6);
    expect(day.reason).toBe('weekday');
    expect(day.why).toMatch(/^against the previous (Monday|Tuesday|Wednesday|Thursday|Friday)s$/);
  });

  it('backtests a rule written as in chat: one fire, on the crash', async () => {
    const run = await runCli(['backtest', 'revenue', 'each', 'anomaly'], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`would have fired once: ${crash.slice(5)} Douyin`);
    const json = JSON.parse((await runCli(['backtest', 'revenue', 'each', 'anomaly', 'direction', 'any', '--json'], env)).stdout);
    expect(json.rules[0].fires.map((f: { day: string; subject: string }) => `${f.day} ${f.subject}`)).toEqual([`${crash} douyin`]);
    const bad = await runCli(['backtest', 'revenue', 'each', 'anomaly', 'sensitivity', 'extreme'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('does not read');
  });

  it('edits the calendar: a new peak, a removed one, and a region it does not know refused', async () => {
    const run = await runCli(['calendar', '--peak', '38=03-06..03-08', '--name', '三八节', '--remove-peak', 'double12', '--json'], env);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.region).toBe('CN');
    expect(out.peaks.map((p: { key: string }) => p.key)).toEqual(['nianhuo', '618', 'double11', '38']);
    expect(out.peaks.at(-1)).toEqual({ key: '38', names: { 'zh-CN': '三八节', en: '三八节' }, from: '03-06', to: '03-08' });
    const bad = await runCli(['calendar', '--region', 'XX'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('the calendar region is CN, none, or a country code such as US, JP or SG; not "XX"');
    const reset = JSON.parse((await runCli(['calendar', '--reset-peaks', '--json'], env)).stdout);
    expect(reset.peaks.map((p: { key: string }) => p.key)).toEqual(['nianhuo', '618', 'double11', 'double12']);
  });
});
