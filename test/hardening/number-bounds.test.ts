// Issue 21, item 6: a number that overflows (1e400 reads as Infinity) or is beyond any KPI (past ±10^15) is
// refused with a clear answer everywhere a number comes in: a formula (`growthbeat metrics add`, which used to
// save `spend * Infinity` and then lose the metric), chat (`/kpi log`, alert thresholds), CSV and the API.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ruleNumber } from '../../src/core/alerts/rule-grammar.ts';
import { CommandUsageError } from '../../src/core/commands/command-grammar.ts';
import { FormulaError, parseFormula } from '../../src/core/metrics/formula.ts';
import { MetricCatalog } from '../../src/core/metrics/metric-catalog.ts';
import { MAX_MAGNITUDE, parseNumber, readNumber } from '../../src/core/text/numbers.ts';
import { runCli } from '../helpers/cli-process.ts';
import { FORM, postSigned } from '../helpers/slack-signing.ts';
import { sqliteTestDatabase } from '../helpers/test-databases.ts';
import { fixture, SECRET, type SlackHarness, seedChannels, startSlackHarness } from '../platforms/slack/slack-harness.ts';

/** A CLI child is quick; on a loaded 2-core machine tsx's start-up alone can pass runCli's default 60 s. */
const SLOW = 150_000;

describe('reading numbers in the core', () => {
  it.each([
    ['1e400', 'out_of_range'],
    ['-1e400', 'out_of_range'],
    ['(1e400)', 'out_of_range'],
    ['1e16', 'out_of_range'],
    ['1000000000000001', 'out_of_range'], // 10^15 + 1
    ['9'.repeat(400), 'out_of_range'],
    ['10000001亿', 'out_of_range'], // 10,000,001 × 10^8 > 10^15
    ['Infinity', 'not_a_number'],
    ['NaN', 'not_a_number'],
    ['abc', 'not_a_number'],
  ])('%s is refused (%s)', (cell, problem) => {
    expect(readNumber(cell)).toEqual({ problem });
    expect(parseNumber(cell)).toBeUndefined();
  });

  it('accepts up to 10^15 either side of zero, written any way people write it', () => {
    expect(MAX_MAGNITUDE).toBe(1_000_000_000_000_000);
    expect(parseNumber('1e15')).toBe(1e15);
    expect(parseNumber('-1,000,000,000,000,000')).toBe(-1e15);
    expect(parseNumber('10000000亿')).toBe(1e15); // 10,000,000 × 10^8
    expect(parseNumber('１２，０００')).toBe(12_000);
    expect(parseNumber('1e-400')).toBe(0); // underflow is a (tiny) number, not an overflow
  });
});

describe('formulas', () => {
  it('refuse a constant that overflows or is out of range, pointing at its column', () => {
    expect(() => parseFormula('spend * 1e400')).toThrow(FormulaError);
    expect(() => parseFormula('spend * 1e400')).toThrow(/the number 1e400 is out of range .* at column 9/);
    expect(() => parseFormula(`revenue / ${'9'.repeat(400)}`)).toThrow(/at column 11/);
    expect(() => new MetricCatalog().addCustom({ key: 'big', formula: 'spend * 1e16' })).toThrow(/out of range/);
  });

  it('keep a constant within range, and its canonical text parses back to the same formula', () => {
    const catalog = new MetricCatalog();
    const metric = catalog.addCustom({ key: 'scaled', formula: 'spend * 1e15 / 1e-3' });
    expect(metric.formula).toBe('spend * 1000000000000000 / 0.001');
    expect(new MetricCatalog([{ key: 'scaled', formula: metric.formula }]).get('scaled')).toMatchObject({ formula: metric.formula });
  });

  it('an alert threshold of 400 nines is a usage error, not a rule that can never fire', () => {
    expect(() => ruleNumber('9'.repeat(400))).toThrow(CommandUsageError);
    expect(ruleNumber('1000000')).toBe(1e6);
  });
});

describe('`growthbeat metrics add` with a number that overflows', () => {
  const database = sqliteTestDatabase();
  const env = { DATABASE_URL: database.url, DEFAULT_LOCALE: 'en' };
  afterAll(() => database.drop());

  it('is refused with the column and the usage, saves nothing, and a correct formula then lives on', async () => {
    const bad = await runCli(['metrics', 'add', 'big', 'spend * 1e400'], env, SLOW);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('the number 1e400 is out of range (at most 10^15) at column 9');
    expect(bad.stderr).toContain('Usage: growthbeat metrics list | add <key> <formula>');
    expect(bad.stdout).toBe('');
    const listed = () =>
      runCli(['metrics', 'list', '--json'], env, SLOW).then((r) => JSON.parse(r.stdout) as { key: string; formula?: string }[]);
    expect((await listed()).some((m) => m.key === 'big')).toBe(false);
    expect((await runCli(['metrics', 'add', 'big', 'spend * 1e3'], env, SLOW)).stdout).toBe('saved big = spend * 1000\n');
    expect((await listed()).find((m) => m.key === 'big')).toMatchObject({ formula: 'spend * 1000' });
  }, 600_000); // four CLI processes, one after another
});

describe('chat, CSV and API refuse values out of range', () => {
  let h: SlackHarness;
  let ws: string;
  beforeAll(async () => {
    h = await startSlackHarness();
    ws = await seedChannels(h.store);
  });
  afterAll(() => h.close());
  const stored = async (day: string) => h.store.observations.query(ws, { metrics: ['spend'], segments: ['douyin'], from: day, to: day });

  it('`/kpi log spend 1e400` and `1e16` get the usage with the range, in the workspace language; nothing is stored', async () => {
    for (const value of ['1e400', '1e16', '-9'.padEnd(402, '9')]) {
      const body = new URLSearchParams({
        ...fixture<Record<string, string>>('slash-command.json'),
        command: '/kpi',
        text: `log spend ${value} 抖音 2026-11-18`,
        trigger_id: `bounds-${value.length}-${value.slice(0, 4)}`,
      }).toString();
      const res = await postSigned(`${h.url}/slack/events`, SECRET, body, FORM);
      const answer = (await res.json()) as { response_type: string; text: string };
      expect(answer.response_type).toBe('ephemeral');
      expect(JSON.stringify(answer)).toContain('超出范围：数值的绝对值最大为 1000 万亿');
      expect(JSON.stringify(answer)).toContain('/kpi log 花费 12000 抖音 2026-11-20'); // the usage example
    }
    expect(await stored('2026-11-18')).toEqual([]);
  });

  it('a CSV cell beyond the range is refused with its line and column; nothing of the file is written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gb-bounds-'));
    const path = join(dir, 'big.csv');
    writeFileSync(path, ['date,metric,segment,value', '2026-11-19,spend,抖音,100', '2026-11-19,revenue,抖音,1e300'].join('\n'));
    const result = await runCli(['import', path, '--workspace', ws], { DATABASE_URL: `file:${h.dbFile}`, DEFAULT_LOCALE: 'en' }, SLOW);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('line 3');
    expect(result.stderr).toContain('column "value": "1e300" is out of range (at most 10^15 either side of zero)');
    expect(await stored('2026-11-19')).toEqual([]);
  }, 300_000);

  it('the store itself refuses a value beyond the range from any writer', async () => {
    await expect(
      h.store.observations.upsert(ws, [{ metric: 'spend', segment: 'douyin', day: '2026-11-20', value: 1e300 }], {
        source: 'api',
        actor: 'test',
      }),
    ).rejects.toThrow(/not a finite number within 10\^15/);
  });
});
