// A sandbox bot on SQLite loads what it serves with, and nothing it does not use (issue 19): no PostgreSQL driver,
// no schema engine once migrated, no chat SDK that is not configured, no charts, no other country's holidays. The
// packages a real `growthbeat serve` loads are recorded by a module hook until it answers /healthz.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN } from '../helpers/cli-process.ts';

const dir = mkdtempSync(join(tmpdir(), 'gb-lean-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const hook = join(import.meta.dirname, '../fixtures/loader/register-packages.mjs');

async function packagesLoadedBy(env: Record<string, string>): Promise<string[]> {
  const record = join(dir, `loaded-${Math.random().toString(36).slice(2)}.txt`);
  writeFileSync(record, '');
  const child = spawn(process.execPath, ['--import', hook, BIN, 'serve'], {
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', GROWTHBEAT_LOADED_PACKAGES: record, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const m = out.match(/"health":"([^"]+)"/);
        if (m) resolve(m[1] as string);
      });
      child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
    });
    expect((await fetch(url)).status).toBe(200);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
  return readFileSync(record, 'utf8').split('\n').filter(Boolean);
}

describe('a lean start', () => {
  it('the sandbox on SQLite loads neither PostgreSQL, nor a chat SDK, nor charts, nor the schema engine once migrated', async () => {
    const database = `file:${join(dir, 'bot.db')}`;
    const first = await packagesLoadedBy({ DATABASE_URL: database });
    const restart = await packagesLoadedBy({ DATABASE_URL: database });
    for (const loaded of [first, restart]) {
      expect(loaded).toEqual(expect.arrayContaining(['better-sqlite3', '@prisma/client']));
      for (const unused of [
        'pg',
        '@prisma/adapter-pg',
        '@slack/bolt',
        '@larksuiteoapi/node-sdk',
        'vega',
        '@resvg/resvg-js',
        'date-holidays',
        'mysql2',
        '@clickhouse/client',
      ])
        expect(loaded).not.toContain(unused);
    }
    // Pending migrations are applied in a child process; a migrated database is checked without the engine at all.
    expect(first).not.toContain('@prisma/schema-engine-wasm');
    expect(restart).not.toContain('@prisma/schema-engine-wasm');
  }, 120_000);
});
