// Crash safety: `growthbeat import` killed with SIGKILL at several points of a large import leaves the
// database with all of the file or none of it, never a part.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/core/ports/store.ts';
import { addDays } from '../../src/core/time/day-math.ts';
import { createStore } from '../../src/store/create-store.ts';
import { BIN, runCli } from '../helpers/cli-process.ts';
import { migratedStore } from '../helpers/migrated-store.ts';
import { sqliteTestDatabase } from '../helpers/test-databases.ts';

const database = sqliteTestDatabase();
const CHANNELS = 100;
const DAYS = 600;
let file: string;
let workspaceId: string;

async function count(): Promise<number> {
  const store: Store = await createStore(database.url);
  try {
    return (
      await store.observations.query(workspaceId, { metrics: ['spend', 'revenue', 'new_users'], from: '2000-01-01', to: '2100-01-01' })
    ).length;
  } finally {
    await store.close();
  }
}

const walSize = () => {
  const wal = `${database.url.slice('file:'.length)}-wal`;
  return existsSync(wal) ? statSync(wal).size : 0;
};

/**
 * Starts the import and kills it with SIGKILL once its write transaction has put `walBytes` into SQLite's
 * write-ahead log (mid-write, before the commit), or lets it finish when undefined.
 */
function importKilledWhenWriting(walBytes: number | undefined): Promise<{ killed: boolean }> {
  return new Promise((resolve) => {
    const start = walSize();
    let killed = false;
    const child = spawn(process.execPath, [BIN, 'import', file, '--workspace', workspaceId], {
      env: { ...process.env, DATABASE_URL: database.url, LOG_LEVEL: 'warn' },
      stdio: 'ignore',
    });
    const poll =
      walBytes === undefined
        ? undefined
        : setInterval(() => {
            if (walSize() - start >= walBytes) {
              killed = child.kill('SIGKILL');
              clearInterval(poll);
            }
          }, 2);
    child.on('exit', () => {
      clearInterval(poll);
      resolve({ killed });
    });
  });
}

beforeAll(async () => {
  const store = await migratedStore(database);
  workspaceId = (await store.workspaces.ensure({ platform: 'local', externalId: 'local', name: 'Local', timezone: 'UTC', locale: 'en' }))
    .id;
  await store.close();
  const lines = ['date,segment,spend,revenue,new_users'];
  for (let d = 0; d < DAYS; d++)
    for (let c = 0; c < CHANNELS; c++) lines.push(`${addDays('2024-01-01', d)},ch${c},${1000 + c},${1500 + d},${20 + (c % 7)}`);
  file = join(mkdtempSync(join(tmpdir(), 'gb-crash-')), 'big.csv');
  writeFileSync(file, `${lines.join('\n')}\n`);
}, 60_000);
afterAll(() => database.drop());

describe('an import killed with SIGKILL', () => {
  it('leaves all of the file or none of it, wherever it is killed', async () => {
    const full = CHANNELS * DAYS * 3;
    const seen: string[] = [];
    // Killed as the write transaction starts filling the log, and again well into it.
    for (const walBytes of [64 * 1024, 4 * 1024 * 1024, 12 * 1024 * 1024]) {
      const { killed } = await importKilledWhenWriting(walBytes);
      const n = await count();
      expect([0, full]).toContain(n);
      seen.push(`${killed ? 'killed' : 'finished'} after ${walBytes} log bytes: ${n}`);
      if (n === full) break;
    }
    expect(seen[0]).toMatch(/^killed/);
    // Then a complete import lands everything, once; a second one changes nothing.
    await importKilledWhenWriting(undefined);
    expect(await count()).toBe(full);
    const again = await runCli(['import', file, '--workspace', workspaceId, '--json'], { DATABASE_URL: database.url }, 120_000);
    expect(JSON.parse(again.stdout)).toMatchObject({ inserted: 0, updated: 0, unchanged: full });
    console.info(`[import crash] ${seen.join('; ')} (whole file ${full} rows)`);
  }, 240_000);
});
