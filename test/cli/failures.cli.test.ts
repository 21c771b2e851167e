// Every expected failure of the command line, through the real process: one line on stderr naming the thing
// and the fix, a non-zero exit code, and no stack frame. `serve` on a taken port exits instead of hanging.
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { explainFailure } from '../../src/cli/main.ts';
import { type Finished, runCli } from '../helpers/cli-process.ts';
import { gb18030Encoder } from '../helpers/gb18030.ts';
import { postgresAvailable, sqliteTestDatabase } from '../helpers/test-databases.ts';

const database = sqliteTestDatabase();
const env = { DATABASE_URL: database.url, DEFAULT_LOCALE: 'en' };
const dir = mkdtempSync(join(tmpdir(), 'gb-fail-'));
afterAll(() => database.drop());

/** Runs the CLI as an ordinary user: as root (a container), `nobody`, for whom file permissions hold. */
function runAsUser(args: string[], env: Record<string, string>): Promise<Finished> {
  const asRoot = process.getuid?.() === 0;
  return runCli(args, { HOME: tmpdir(), ...env }, 60_000, [], asRoot ? { uid: 65534, gid: 65534 } : undefined);
}

function expectOneLine(result: Finished, pattern: RegExp): void {
  expect(result.code, result.stderr).not.toBe(0);
  const lines = result.stderr.split('\n').filter((l) => l.trim() !== '');
  expect(lines, result.stderr).toHaveLength(1);
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(lines[0]).toMatch(pattern);
}

describe('expected failures on the command line', () => {
  it('a missing file, a folder, an unreadable file', async () => {
    expectOneLine(
      await runCli(['import', join(dir, 'nope.csv')], env),
      /^growthbeat import: no such file or folder: .*nope\.csv: check the path/,
    );
    expectOneLine(await runCli(['import', dir], env), /^growthbeat import: .* is a folder: give a CSV file$/);
    expectOneLine(await runCli(['import', 'x.csv', '--mapping', join(dir, 'none.json')], env), /none\.json/);
    const open = mkdtempSync(join(tmpdir(), 'gb-perm-'));
    chmodSync(open, 0o777);
    const locked = join(open, 'locked.csv');
    writeFileSync(locked, 'date,spend\n2026-11-20,1\n');
    chmodSync(locked, 0o000);
    mkdirSync(join(open, 'db'), { mode: 0o777 });
    chmodSync(join(open, 'db'), 0o777);
    expectOneLine(
      await runAsUser(['import', locked], { DATABASE_URL: `file:${join(open, 'db', 'x.db')}` }),
      /^growthbeat import: permission denied: .*locked\.csv: give this user read access/,
    );
  });

  it('a file that is text in no encoding, and one with only a header', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, Buffer.concat([Buffer.from('date,spend\n2026-11-20,'), Buffer.of(0xff, 0x31), Buffer.from('\n')]));
    expectOneLine(await runCli(['import', bad], env), /^growthbeat import: bad\.csv: not text in UTF-8.* at byte offset 22 \(0xFF\)/);
    const header = join(dir, 'header.csv');
    writeFileSync(header, 'date,spend\n');
    expectOneLine(await runCli(['import', header], env), /^growthbeat import: header\.csv has a header but no data rows/);
  });

  it('a database that cannot be opened, reached or found', async () => {
    const notAFolder = join(dir, 'not-a-folder');
    writeFileSync(notAFolder, '');
    expectOneLine(
      await runCli(['migrate'], { DATABASE_URL: `file:${join(notAFolder, 'x.db')}` }),
      /^growthbeat: cannot open the SQLite database .*not-a-folder\/x\.db \(EEXIST\): a file stands where its folder should be, or point DATABASE_URL elsewhere$/,
    );
    expectOneLine(
      await runCli(['query', 'spend'], { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/growthbeat' }),
      /^growthbeat: cannot reach PostgreSQL at 127\.0\.0\.1:1 \(ECONNREFUSED\): start it, or fix the host and port in DATABASE_URL$/,
    );
    if (await postgresAvailable())
      expectOneLine(
        await runCli(['migrate'], { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/growthbeat_no_such_db' }),
        /^growthbeat: database growthbeat_no_such_db does not exist .*createdb growthbeat_no_such_db/,
      );
  });

  it('an unknown workspace, a wrong date, an unknown metric to delete', async () => {
    const csv = join(dir, 'one.csv');
    writeFileSync(csv, 'date,spend\n2026-11-20,5\n');
    expect((await runCli(['import', csv], env)).code).toBe(0);
    expectOneLine(await runCli(['query', 'spend', '--workspace', 'nope'], env), /^growthbeat query: no workspace "nope"; there are: /);
    expectOneLine(
      await runCli(['audit', '--since', '20/11/2026'], env),
      /^growthbeat audit: --since: "20\/11\/2026" is not a date \(use 2026-11-20\)$/,
    );
    expectOneLine(
      await runCli(['delete', '--metric', 'spent', '--from', '2026-11-20', '--to', '2026-11-20'], env),
      /^growthbeat delete: metric: unknown metric "spent"$/,
    );
  });

  it('serve on a port already taken exits with one line instead of hanging', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as { port: number }).port;
    try {
      const result = await runCli(['serve'], { ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' });
      expectOneLine(
        result,
        new RegExp(`^growthbeat: port ${port} is already in use \\(127\\.0\\.0\\.1:${port}\\): stop the process using it, or set PORT`),
      );
    } finally {
      blocker.close();
    }
  });
});

describe('delete and audit on the command line', () => {
  it('imports a GBK export from Excel with its Chinese names, saying how it read it', async () => {
    const csv = join(dir, 'excel-gbk.csv');
    writeFileSync(csv, gb18030Encoder()('日期,渠道,花费\r\n2026-11-17,华东地推,88\r\n'));
    const run = await runCli(['import', csv], env);
    expect(run.stdout).toMatch(/^excel-gbk\.csv: read as GB18030, 1 rows read → 1 observations \(spend; 2026-11-17 … 2026-11-17\)/);
    expect(run.stdout).toContain('segments: 华东地推');
  });

  it('deletes what a filter names (a dry run first), and the audit shows the old value', async () => {
    const csv = join(dir, 'week.csv');
    writeFileSync(csv, 'date,channel,spend\n2026-11-18,抖音,100\n2026-11-19,抖音,200\n2026-11-19,SEM,50\n');
    expect((await runCli(['import', csv], env)).code).toBe(0);
    const dry = await runCli(
      ['delete', '--metric', '花费', '--segment', 'douyin', '--from', '2026-11-18', '--to', '2026-11-19', '--dry-run'],
      env,
    );
    expect(dry.stdout).toContain('would delete 2 value(s) of spend · douyin, 2026-11-18 … 2026-11-19');
    const done = await runCli(
      ['delete', '--metric', 'spend', '--segment', '抖音', '--from', '2026-11-19', '--to', '2026-11-19', '--json'],
      env,
    );
    expect(JSON.parse(done.stdout)).toMatchObject({
      dryRun: false,
      deleted: 1,
      rows: [{ metric: 'spend', segment: 'douyin', day: '2026-11-19', value: 200 }],
    });
    const audit = await runCli(['audit', '--metric', 'spend'], env);
    expect(audit.code).toBe(0);
    expect(audit.stdout).toMatch(/ cli {2}observation\.delete {2}spend\/douyin\/2026-11-19 {2}\{"value":200,"source":"csv"\} → —/);
  });
});

describe('what the CLI prints for a failure', () => {
  const capture = (env: Record<string, string | undefined> = {}) => {
    const err: string[] = [];
    return { io: { out: () => {}, err: (t: string) => err.push(t), env, isTty: false }, text: () => err.join('') };
  };

  it('a real bug keeps its stack and asks to be reported', () => {
    const c = capture();
    expect(explainFailure('query', new TypeError('cannot read properties of undefined'), c.io)).toBe(1);
    expect(c.text()).toMatch(/^growthbeat query failed: TypeError: cannot read properties of undefined\n\s+at /);
    expect(c.text()).toContain('This is a bug in Growthbeat: please report it');
  });

  it('an expected failure is one line, and its detail goes to the debug log only at LOG_LEVEL=debug', () => {
    const error = Object.assign(new Error("ENOENT: no such file or directory, open 'x.csv'"), {
      code: 'ENOENT',
      path: 'x.csv',
      syscall: 'open',
    });
    const quiet = capture();
    expect(explainFailure('import', error, quiet.io)).toBe(1);
    expect(quiet.text().trimEnd().split('\n')).toEqual([
      expect.stringMatching(/^growthbeat import: no such file or folder: x\.csv: check the path/),
    ]);
    const debug = capture({ LOG_LEVEL: 'debug' });
    explainFailure('import', error, debug.io);
    const [log, line] = debug.text().trimEnd().split('\n');
    expect(JSON.parse(log as string)).toMatchObject({ level: 'debug', msg: 'the failure in full' });
    expect(line).toMatch(/^growthbeat import: no such file or folder/);
  });
});
