// `growthbeat sources` through the real CLI process: add a MariaDB source (the URL from env:NAME), test it
// (a dry run), run it, list it with its secrets masked, edit, remove; mistakes name their option.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli-process.ts';
import { mysqlAvailable, SOURCE_SERVERS, type SourceDatabase } from '../helpers/source-databases.ts';
import { sqliteTestDatabase } from '../helpers/test-databases.ts';

const database = sqliteTestDatabase();
const dir = mkdtempSync(join(tmpdir(), 'gb-sources-'));
const file = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};
const KEY = 'cli-test-secret-key-of-at-least-32-chars';

describe('growthbeat sources', () => {
  let skip = false;
  let db: SourceDatabase;
  let env: Record<string, string>;

  beforeAll(async () => {
    skip = !(await mysqlAvailable());
    if (skip) return;
    db = await (SOURCE_SERVERS.find((s) => s.kind === 'mysql') as (typeof SOURCE_SERVERS)[number]).create();
    await db.exec('CREATE TABLE stats (day DATE, channel VARCHAR(20), spend DECIMAL(10,2))');
    const today = new Date();
    const day = (n: number) => new Date(today.getTime() - n * 86_400_000).toISOString().slice(0, 10);
    await db.exec(`INSERT INTO stats VALUES ('${day(1)}', 'sem', 40.5), ('${day(2)}', 'sem', 30), ('${day(30)}', 'sem', 5)`);
    // The password is in the URL the environment holds; what is stored and printed never shows it.
    const url = new URL(db.url);
    url.password = 'pw-never-shown';
    await db.exec(`CREATE USER IF NOT EXISTS 'gbreader'@'%' IDENTIFIED BY 'pw-never-shown'`);
    await db.exec(`GRANT SELECT ON ${url.pathname.slice(1)}.* TO 'gbreader'@'%'`);
    await db.exec(`CREATE USER IF NOT EXISTS 'gbreader'@'localhost' IDENTIFIED BY 'pw-never-shown'`);
    await db.exec(`GRANT SELECT ON ${url.pathname.slice(1)}.* TO 'gbreader'@'localhost'`);
    url.username = 'gbreader';
    env = { DATABASE_URL: database.url, GROWTHBEAT_SECRET_KEY: KEY, WAREHOUSE_URL: url.toString(), DEFAULT_TIMEZONE: 'UTC' };
  });
  afterAll(async () => {
    if (skip) return;
    await db.exec(`DROP USER IF EXISTS 'gbreader'@'%'`);
    await db.exec(`DROP USER IF EXISTS 'gbreader'@'localhost'`);
    await db.drop();
    await database.drop();
  });

  it('adds, tests, runs, lists (masked), edits and removes a source', async (ctx) => {
    if (skip) return ctx.skip();
    const query = file('q.sql', 'SELECT day, channel, spend FROM stats WHERE day >= {{since}}\n');
    const mapping = file('m.json', JSON.stringify({ date: 'day', segment: 'channel', columns: { spend: 'spend' } }));
    const add = await runCli(
      [
        'sources',
        'add',
        'warehouse',
        '--kind',
        'mysql',
        '--url',
        'env:WAREHOUSE_URL',
        '--query-file',
        query,
        '--mapping',
        mapping,
        '--schedule',
        '0 * * * *',
      ],
      env,
    );
    expect(add.stderr).toBe('');
    expect(add.stdout).toContain('added warehouse (mysql, env:WAREHOUSE_URL)');
    const test = JSON.parse((await runCli(['sources', 'test', 'warehouse', '--json'], env)).stdout);
    expect(test).toMatchObject({ dryRun: true, rowsRead: 2, observations: 2, inserted: 2 });
    // What it would store, newest day first: yesterday's 40.5, then the day before's 30.
    expect(test.preview.map((r: { metric: string; segment: string; value: number }) => [r.metric, r.segment, r.value])).toEqual([
      ['spend', 'sem', 40.5],
      ['spend', 'sem', 30],
    ]);
    const shown = (await runCli(['sources', 'test', 'warehouse'], env)).stdout;
    expect(shown).toContain('dry run: nothing was written');
    expect(shown).toMatch(/spend\s+sem\s+40\.5/);
    const run = await runCli(['sources', 'run', 'warehouse'], env);
    expect(run.stdout).toContain('2 rows read → 2 observations');
    expect(run.stdout).toContain('insert 2, update 0, unchanged 0');
    const again = JSON.parse((await runCli(['sources', 'run', 'warehouse', '--json'], env)).stdout);
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });
    const backfill = JSON.parse((await runCli(['sources', 'run', 'warehouse', '--since', '2000-01-01', '--json'], env)).stdout);
    expect(backfill).toMatchObject({ rowsRead: 3, inserted: 1, unchanged: 2 });
    // Every run is recorded, newest first (a dry run is not a run).
    const history = JSON.parse((await runCli(['sources', 'runs', 'warehouse', '--json'], env)).stdout);
    expect(history.map((r: { trigger: string; inserted: number; since: string }) => [r.trigger, r.inserted])).toEqual([
      ['manual', 1],
      ['manual', 0],
      ['manual', 2],
    ]);
    expect(history[0]).toMatchObject({ since: '2000-01-01', rowsRead: 3, durationMs: expect.any(Number) });
    // Stored as given (env:NAME); a literal URL would be listed with its password hidden.
    await runCli(['sources', 'edit', 'warehouse', '--url', env.WAREHOUSE_URL as string, '--header', 'X-Token: t0ken-secret'], env);
    const listed = await runCli(['sources', 'list', '--json'], env);
    const [row] = JSON.parse(listed.stdout);
    expect(row).toMatchObject({
      name: 'warehouse',
      kind: 'mysql',
      state: 'ok',
      stale: false,
      schedule: '0 * * * *',
      headers: { 'X-Token': '•••' },
    });
    expect(row.connection).toMatch(/^mysql:\/\/gbreader:•••@127\.0\.0\.1:3306\//);
    expect(new Date(row.nextRunAt).getUTCMinutes()).toBe(0);
    const table = await runCli(['sources', 'list'], env);
    for (const out of [listed.stdout, table.stdout]) {
      expect(out).not.toContain('pw-never-shown');
      expect(out).not.toContain('t0ken-secret');
    }
    expect(table.stdout).toMatch(/warehouse\s+mysql/);
    expect((await runCli(['sources', 'remove', 'warehouse'], env)).stdout).toContain('removed warehouse');
    expect(JSON.parse((await runCli(['sources', 'list', '--json'], env)).stdout)).toEqual([]);
  });

  it('names the option at fault, and needs GROWTHBEAT_SECRET_KEY', async (ctx) => {
    if (skip) return ctx.skip();
    const bad = async (args: string[], text: string, code = 2, e = env) => {
      const result = await runCli(['sources', ...args], e);
      expect(result.stderr).toContain(text);
      expect(result.code).toBe(code);
    };
    await bad(['add', 'x', '--kind', 'oracle', '--url', 'x'], '--kind oracle: say one of postgres, mysql, clickhouse, csv-url');
    await bad(['add', 'x', '--kind', 'mysql', '--url', 'mysql://a@b/c'], 'a mysql source needs --query or --query-file');
    await bad(
      ['add', 'x', '--kind', 'csv-url', '--url', 'http://x/y.csv', '--schedule', 'every hour'],
      '--schedule "every hour" is not a cron',
    );
    await bad(['add', 'x', '--kind', 'csv-url', '--url', 'http://x/y.csv', '--header', 'no colon'], 'write a header as "Name: value"');
    await bad(['run', 'nothing'], 'no source "nothing"', 1);
    await bad(['fly'], 'say add <name>, list');
    const { GROWTHBEAT_SECRET_KEY: _, ...keyless } = env;
    await bad(['add', 'x', '--kind', 'csv-url', '--url', 'http://x/y.csv'], 'GROWTHBEAT_SECRET_KEY is not set', 1, keyless);
    // Once a source exists, the server does not start without the key it was sealed with.
    expect((await runCli(['sources', 'add', 'sheet', '--kind', 'csv-url', '--url', 'http://127.0.0.1:1/x.csv'], env)).code).toBe(0);
    const serve = await runCli(['serve'], { ...keyless, PORT: '0' });
    expect(serve.code).toBe(1);
    expect(serve.stderr).toContain('GROWTHBEAT_SECRET_KEY is missing: data sources are stored encrypted with it');
  });
});
