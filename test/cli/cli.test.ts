import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { COMMANDS, main } from '../../src/cli/main.ts';
import { runCli, startServe } from '../helpers/cli-process.ts';
import { PROVIDERS, sqliteTestDatabase, type TestDatabase } from '../helpers/test-databases.ts';

const dropped: TestDatabase[] = [];
afterAll(async () => {
  for (const d of dropped) await d.drop();
});

describe('the growthbeat command', () => {
  it('lists its commands, and every command has --help with an example', async () => {
    const overview = await runCli(['--help']);
    expect(overview.code).toBe(0);
    for (const command of COMMANDS) {
      expect(overview.stdout).toContain(command.name);
      // In process: the same main() the bin runs, without a process start per command.
      let out = '';
      const code = await main([command.name, '--help'], { out: (t) => (out += t), err: () => {}, env: {}, isTty: false });
      expect(code).toBe(0);
      expect(out).toContain(`Usage: ${command.usage}`);
      expect(out).toMatch(/Examples?:\n {2}growthbeat /);
    }
  });

  it('answers an unknown command or option with usage, exit code 2', async () => {
    const unknown = await runCli(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "frobnicate"');
    const badOption = await runCli(['migrate', '--frob']);
    expect(badOption.code).toBe(2);
    expect(badOption.stderr).toContain('Usage: growthbeat migrate');
  });

  it('stops on a wrong PORT with one line naming PORT', async () => {
    const result = await runCli(['serve'], { PORT: 'abc' });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toEqual([
      'growthbeat: PORT="abc" is not a number: set PORT to a free TCP port such as 3000, or unset it',
    ]);
  });

  for (const provider of PROVIDERS) {
    it(`migrates ${provider.kind}, and a second run is a no-op`, async (ctx) => {
      if (!(await provider.available())) return ctx.skip();
      const database = await provider.create();
      dropped.push(database);
      const first = await runCli(['migrate', '--json'], { DATABASE_URL: database.url });
      expect(first.code).toBe(0);
      const applied = JSON.parse(first.stdout) as { applied: string[]; total: number; database: string };
      expect(applied.database).toBe(provider.kind);
      expect(applied.applied).toHaveLength(applied.total);
      const second = await runCli(['migrate'], { DATABASE_URL: database.url });
      expect(second.stdout).toBe(`${provider.kind}: the database is up to date (${applied.total} migrations)\n`);
    });

    it(`serves on ${provider.kind}: creates and migrates the database, answers /healthz, stops cleanly on SIGTERM`, async (ctx) => {
      if (!(await provider.available())) return ctx.skip();
      const database = provider.kind === 'sqlite' ? sqliteTestDatabase() : await provider.create();
      dropped.push(database);
      // A SQLite path in a folder that does not exist yet, as on a fresh clone.
      const url = provider.kind === 'sqlite' ? `${database.url.replace(/test\.db$/, '')}nested/dir/growthbeat.db` : database.url;
      const started = Date.now();
      const served = await startServe({ DATABASE_URL: url });
      const res = await fetch(`${served.url}/healthz`);
      const ready = Date.now() - started;
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ status: 'ok', database: provider.kind, migrations: { pending: [] } });
      expect(ready).toBeLessThan(20_000);
      if (provider.kind === 'sqlite') expect(existsSync(join(url.slice('file:'.length)))).toBe(true);
      expect(await served.stop('SIGTERM')).toBe(0);
      expect(served.logs()).toContain('"msg":"stopped"');
    });
  }
});
