// `growthbeat explain` through a real process and a real SQLite file: the parts of a ROI change, by hand.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli-process.ts';
import { sqliteTestDatabase } from '../helpers/test-databases.ts';

const database = sqliteTestDatabase();
const env = { DATABASE_URL: database.url, DEFAULT_LOCALE: 'en' };
const dir = mkdtempSync(join(tmpdir(), 'gb-explain-'));
afterAll(() => database.drop());

describe('growthbeat explain', () => {
  it('splits a ROI change into each channel’s rate and mix, adding up to the change', async () => {
    const csv = join(dir, 'two-weeks.csv');
    // 14–15 Nov: 抖音 spends 1000 and earns 2000, sem 1000 and 3000. 16–17 Nov: 抖音 1000 → 1500, sem 3000 → 9000.
    writeFileSync(
      csv,
      [
        'date,metric,segment,value',
        '2026-11-14,spend,抖音,1000',
        '2026-11-14,revenue,抖音,2000',
        '2026-11-15,spend,sem,1000',
        '2026-11-15,revenue,sem,3000',
        '2026-11-16,spend,抖音,1000',
        '2026-11-16,revenue,抖音,1500',
        '2026-11-17,spend,sem,3000',
        '2026-11-17,revenue,sem,9000',
      ].join('\n'),
    );
    expect((await runCli(['import', csv], env)).code).toBe(0);
    const run = await runCli(['explain', 'roi', '--from', '2026-11-16', '--to', '2026-11-17', '--json'], env);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.previousPeriod).toEqual({ from: '2026-11-14', to: '2026-11-15' });
    // ROI (5000 − 2000)/2000 = 1.5 → (10500 − 4000)/4000 = 1.625.
    expect(out.previous.value).toBeCloseTo(1.5, 12);
    expect(out.current.value).toBeCloseTo(1.625, 12);
    expect(out.change).toBeCloseTo(0.125, 12);
    const part = (s: string) => out.parts.find((p: { segment: string }) => p.segment === s);
    // sem: share ½ → ¾ at ROI 2: mix +0.5. 抖音: ROI 1 → 0.5 at mean share 3/8 (rate −0.1875), share −¼ at mean ROI 0.75 (mix −0.1875).
    expect(part('sem')).toMatchObject({ rate: 0, mix: 0.5 });
    expect(part('douyin').rate).toBeCloseTo(-0.1875, 12);
    expect(part('douyin').mix).toBeCloseTo(-0.1875, 12);
    expect(out.named).toEqual(['sem']);
    const text = await runCli(['explain', 'roi', '--from', '2026-11-16', '--to', '2026-11-17'], env);
    expect(text.stdout).toMatch(/SEM\s+\+50\.0pp\s+±0\.0pp\s+\+50\.0pp/);
  });

  it('says a metric cannot be split, and asks for one metric', async () => {
    const run = await runCli(['explain', 'stickiness', '--from', '2026-11-16', '--to', '2026-11-17'], env);
    expect(run.stdout).toContain('cannot be split by channel');
    const none = await runCli(['explain'], env);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('name one metric');
  });
});
