import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createStore } from '../../src/store/create-store.ts';
import { runCli } from '../helpers/cli-process.ts';
import { sqliteTestDatabase } from '../helpers/test-databases.ts';

const database = sqliteTestDatabase();
const env = { DATABASE_URL: database.url, DEFAULT_LOCALE: 'en' };
const dir = mkdtempSync(join(tmpdir(), 'gb-cli-'));
const file = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};
afterAll(() => database.drop());

const week = file(
  'week.csv',
  [
    'date,metric,segment,value',
    '2026-11-16,spend,抖音,1000',
    '2026-11-16,revenue,抖音,1500',
    '2026-11-16,new_users,抖音,20',
    '2026-11-17,spend,sem,400',
    '2026-11-17,revenue,sem,300',
    '2026-11-17,new_users,sem,8',
  ].join('\n'),
);

describe('import, query, metrics and token from the command line', () => {
  it('imports a file once, then finds it unchanged; a dry run writes nothing', async () => {
    const dry = await runCli(['import', week, '--dry-run', '--json'], env);
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ dryRun: true, inserted: 6 });
    const first = JSON.parse((await runCli(['import', week, '--json'], env)).stdout);
    expect(first).toMatchObject({
      file: 'week.csv',
      records: 6,
      observations: 6,
      inserted: 6,
      updated: 0,
      unchanged: 0,
      metrics: ['new_users', 'revenue', 'spend'],
      segments: ['douyin', 'sem'],
    });
    const again = await runCli(['import', week], env);
    expect(again.stdout).toContain('inserted 0, updated 0, unchanged 6');
  });

  it('refuses a bad file whole, naming the line, and leaves the data as it was', async () => {
    const bad = file('bad.csv', 'date,metric,segment,value\n2026-11-16,spend,抖音,999\n2026-11-17,spend,sem,four hundred\n');
    const result = await runCli(['import', bad], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('line 3: column "value": "four hundred" is not a number');
    const spend = JSON.parse(
      (await runCli(['query', 'spend', '--segment', 'douyin', '--from', '2026-11-16', '--to', '2026-11-16', '--json'], env)).stdout,
    );
    expect(spend.total.value).toBe(1000);
  });

  it('answers query --json with values, inputs and the comparison, per segment and in total', async () => {
    const out = await runCli(
      ['query', 'ROI', '--by-segment', '--from', '2026-11-16', '--to', '2026-11-17', '--compare', 'previous', '--json'],
      env,
    );
    expect(out.code).toBe(0);
    const report = JSON.parse(out.stdout);
    expect(report.metric).toMatchObject({ key: 'roi', formula: '(revenue - spend) / spend', unit: 'percent' });
    expect(report.period).toMatchObject({ from: '2026-11-16', to: '2026-11-17', kind: 'custom' });
    expect(report.previousPeriod).toEqual({ from: '2026-11-14', to: '2026-11-15' });
    expect(report.segments.map((s: { segment: string; name: string; value: number }) => [s.segment, s.name, s.value])).toEqual([
      ['douyin', 'Douyin', (1500 - 1000) / 1000],
      ['sem', 'SEM', (300 - 400) / 400],
    ]);
    expect(report.total).toMatchObject({
      value: (1800 - 1400) / 1400,
      inputs: { revenue: 1800, spend: 1400 },
      previous: null,
      change: null,
    });
    const text = await runCli(['query', '获客成本', '--from', '2026-11-16', '--to', '2026-11-17'], env);
    expect(text.stdout).toContain('CAC 2026-11-16 … 2026-11-17  = spend / new_users');
    const unknown = await runCli(['query', 'rio'], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown metric "rio"');
  });

  it('adds a workspace formula that queries then use, and refuses a formula with a typo at its column', async () => {
    const bad = await runCli(['metrics', 'add', 'margin', '(revenue - spnd) / revenue'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown metric "spnd" at column 12');
    expect(
      (await runCli(['metrics', 'add', 'margin', '(收入 - spend) / revenue', '--unit', 'percent', '--name-zh', '毛利率'], env)).stdout,
    ).toBe('saved margin = (revenue - spend) / revenue\n');
    const margin = JSON.parse((await runCli(['query', '毛利率', '--from', '2026-11-16', '--to', '2026-11-17', '--json'], env)).stdout);
    expect(margin.total.value).toBeCloseTo((1800 - 1400) / 1800, 12);
    expect((await runCli(['metrics', 'list'], env)).stdout).toMatch(/margin\s+毛利率/);
  });

  it('creates, lists and revokes API tokens, printing the secret only once', async () => {
    const created = JSON.parse((await runCli(['token', 'create', 'warehouse', '--json'], env)).stdout);
    expect(created.secret).toMatch(/^gb_/);
    const listed = (await runCli(['token', 'list'], env)).stdout;
    expect(listed).toContain(created.prefix);
    expect(listed).not.toContain(created.secret);
    expect((await runCli(['token', 'revoke', created.prefix], env)).stdout).toContain('revoked warehouse');
    expect((await runCli(['token', 'list'], env)).stdout).toContain('revoked');
  });

  it('lists a failed outbox message with its reason and sends it again on retry', async () => {
    const store = await createStore(database.url);
    try {
      const ws = (await store.workspaces.list())[0]!;
      await store.outbox.enqueue({ workspaceId: ws.id, key: 'digest:cli:2026-W47', kind: 'post', channel: 'C404', payload: {} });
      const [claimed] = await store.outbox.claim('cli-test', new Date(Date.now() + 1000), 1, 60_000);
      await store.outbox.markFailed(claimed!.id, 'cli-test', 'channel_not_found');
    } finally {
      await store.close();
    }
    const listed = JSON.parse((await runCli(['outbox', 'list', '--state', 'failed', '--json'], env)).stdout);
    expect(listed).toMatchObject([{ key: 'digest:cli:2026-W47', state: 'failed', lastError: 'channel_not_found' }]);
    expect((await runCli(['outbox', 'retry', 'digest:cli:2026-W47'], env)).stdout).toBe('digest:cli:2026-W47 will be sent again\n');
    const again = await runCli(['outbox', 'retry', 'digest:cli:2026-W47'], env);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('only failed messages are retried');
    expect((await runCli(['jobs', 'list'], env)).stdout).toContain('no scheduled jobs yet');
  });

  it('imports events and prints the cohort matrix', async () => {
    const events = file(
      'events.csv',
      'user,at,amount\nu1,2026-01-05 10:00:00,10\nu2,2026-01-20 09:00:00,20\nu1,2026-02-10 08:00:00,5\nu3,2026-02-02 12:00:00,8\n,2026-02-03 12:00:00,99\n',
    );
    const imported = JSON.parse(
      (await runCli(['import-events', events, '--user', 'user', '--time', 'at', '--revenue', 'amount', '--json'], env)).stdout,
    );
    expect(imported).toMatchObject({ records: 5, withoutUser: 1, users: 3, userDays: 4, inserted: 4 });
    // The daily cohort series: new users on 5 Jan, 20 Jan and 2 Feb; cohort revenue D7 for all three (each is
    // 7 days old by 10 Feb), D30 for 5 Jan only: 3 + 3 + 1 values.
    expect(imported.cohortSeries).toMatchObject({ observations: 7, inserted: 7 });
    const matrix = JSON.parse((await runCli(['cohorts', '--grain', 'month', '--json'], env)).stdout);
    expect(matrix.cohorts.map((c: { cohort: string; size: number; active: number[] }) => [c.cohort, c.size, c.active])).toEqual([
      ['2026-01', 2, [2, 1]],
      ['2026-02', 1, [1]],
    ]);
    // The data runs 5 January to 10 February: every month here is covered in part, and says so.
    expect(
      matrix.cohorts.map((c: { partial: boolean; cells: { partial?: boolean }[] }) => [c.partial, c.cells.map((x) => x.partial)]),
    ).toEqual([
      [true, [true, true]],
      [true, [true]],
    ]);
    const usage = await runCli(['import-events', events], env);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('Usage: growthbeat import-events');
  });
});
