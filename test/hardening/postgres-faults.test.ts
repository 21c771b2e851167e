// Issue 21 item 1, as the adversarial round ran it: a real `growthbeat serve` on PostgreSQL, 20 API writers at
// once, and the bot's database backends terminated several times during the writes. The process must stay up,
// /healthz must come back to 200, and every write that was acknowledged (2xx) must be in the database.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/core/time/day-math.ts';
import { type Served, startServe } from '../helpers/cli-process.ts';
import { migratedStore } from '../helpers/migrated-store.ts';
import { POSTGRES_ADMIN_URL, postgresAvailable, postgresTestDatabase, type TestDatabase } from '../helpers/test-databases.ts';

const WRITERS = 20;
const TERMINATIONS = 12;
/** Rows per request: enough that a write holds its pooled client for a while, as a warehouse batch does. */
const ROWS = 50;
const FIRST_DAY = '2020-01-01';

let database: TestDatabase | undefined;
let served: Served | undefined;
let dbName = '';
let secret = '';
let workspaceId = '';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = [], url = POSTGRES_ADMIN_URL) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query<T>(sql, params);
  } finally {
    await client.end();
  }
}

const terminateBackends = async () =>
  (await query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [dbName]))
    .rowCount ?? 0;

/** POSTs spend values for the given days; answers the HTTP status, or "refused" when nothing answers. */
async function write(url: string, rows: { day: string; value: number }[]): Promise<string> {
  try {
    const res = await fetch(`${url}/api/v1/observations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({ observations: rows.map((r) => ({ date: r.day, metric: 'spend', value: r.value })) }),
    });
    await res.arrayBuffer();
    return String(res.status);
  } catch {
    return 'refused';
  }
}

async function health(url: string): Promise<{ status: number; body: { status?: string } }> {
  try {
    const res = await fetch(`${url}/healthz`);
    return { status: res.status, body: (await res.json()) as { status?: string } };
  } catch {
    return { status: 0, body: {} };
  }
}

/** Polls /healthz until it answers `status` (up to `ms`); answers whether it did. */
async function healthBecomes(url: string, status: number, ms = 10_000): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(100)) if ((await health(url)).status === status) return true;
  return false;
}

const isAlive = (s: Served) => s.child.exitCode === null && s.child.signalCode === null;

beforeAll(async () => {
  if (!(await postgresAvailable())) return;
  database = await postgresTestDatabase();
  dbName = new URL(database.url).pathname.slice(1);
  const store = await migratedStore(database);
  const ws = await store.workspaces.ensure({ platform: 'local', externalId: 'local', name: 'Local', timezone: 'UTC', locale: 'en' });
  workspaceId = ws.id;
  secret = (await store.apiTokens.create(ws.id, 'fault-test')).secret;
  await store.close();
  served = await startServe({ DATABASE_URL: database.url, HOST: '127.0.0.1' }, 150_000);
}, 180_000);

afterAll(async () => {
  if (database) await query(`ALTER DATABASE ${dbName} ALLOW_CONNECTIONS true`).catch(() => {});
  await served?.stop('SIGKILL');
  await database?.drop();
});

describe('growthbeat serve when PostgreSQL drops its connections', () => {
  it('stays up through backends terminated during 20 concurrent writers, recovers /healthz and keeps every acknowledged write', async (ctx) => {
    if (!database || !served) return ctx.skip();
    const { url } = served;
    const acknowledged: { day: string; value: number }[] = [];
    const statuses = new Map<string, number>();
    let requests = 0;
    let next = 0;
    let writing = true;

    // Each request writes rows of its own (spend on fresh days), so a 2xx names exactly the rows that must exist.
    const writer = async () => {
      while (writing) {
        const n = next++;
        const rows = Array.from({ length: ROWS }, (_, i) => ({ day: addDays(FIRST_DAY, n * ROWS + i), value: 1000 + n * ROWS + i }));
        requests++;
        const status = await write(url, rows);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        if (status === '200') acknowledged.push(...rows);
        // Nothing answers: the process is gone (the failure this test exists for); don't spin.
        if (status === 'refused') await sleep(20);
      }
    };

    const terminated: number[] = [];
    let acknowledgedBeforeLastFault = 0;
    const killer = async () => {
      // Faults start once writes are landing (a loaded machine can take seconds to warm the process up).
      for (let waited = 0; acknowledged.length < WRITERS * ROWS && waited < 30_000; waited += 100) await sleep(100);
      for (let i = 0; i < TERMINATIONS; i++) {
        // Between terminations the pools refill and the writers get going again.
        await sleep(200);
        terminated.push(await terminateBackends());
      }
      // Then writes must land again: 20 more requests acknowledged (bounded, so a dead process fails the test).
      acknowledgedBeforeLastFault = acknowledged.length;
      for (let waited = 0; acknowledged.length < acknowledgedBeforeLastFault + WRITERS * ROWS && waited < 30_000; waited += 100)
        await sleep(100);
      writing = false;
    };

    await Promise.all([killer(), ...Array.from({ length: WRITERS }, writer)]);

    const alive = isAlive(served);
    const healthy = await healthBecomes(url, 200);
    const stored = await query<{ day: string; value: number }>(
      `SELECT day, value FROM "Observation" WHERE "workspaceId" = $1 AND metric = 'spend' AND segment = ''`,
      [workspaceId],
      database.url,
    );
    const byDay = new Map(stored.rows.map((r) => [r.day, Number(r.value)]));
    const lost = acknowledged.filter((a) => byDay.get(a.day) !== a.value);
    const figures = {
      requests,
      acknowledged: acknowledged.length / ROWS,
      errors: requests - acknowledged.length / ROWS,
      statuses: Object.fromEntries(statuses),
      backendsTerminated: terminated,
      rowsAcknowledged: acknowledged.length,
      rowsStored: stored.rowCount,
      restartsNeeded: alive ? 0 : 1,
      acknowledgedRowsLost: lost.length,
    };
    console.info(`[postgres faults] ${JSON.stringify(figures)}`);

    expect(alive, `serve exited:\n${served.logs().slice(-3000)}`).toBe(true);
    expect(terminated.filter((n) => n > 0).length).toBeGreaterThan(TERMINATIONS / 2);
    expect(healthy).toBe(true);
    expect(lost).toEqual([]);
    // Writes landed again after the last fault: the bot reconnected.
    expect(acknowledged.length - acknowledgedBeforeLastFault).toBeGreaterThanOrEqual(WRITERS * ROWS);
    // A request that failed said so with a server error, never a dropped connection.
    expect([...statuses.keys()].filter((s) => s !== '200' && !s.startsWith('5'))).toEqual([]);
    // The log says what happened, once per dropped connection, without a crash.
    expect(served.logs()).toContain('database connection lost; reconnecting');
    expect(served.logs()).not.toContain('Unhandled');
    // And afterwards every writer succeeds again.
    const after = await Promise.all(
      Array.from({ length: WRITERS }, (_, i) => write(url, [{ day: addDays(FIRST_DAY, 100_000 + i), value: i }])),
    );
    expect(after).toEqual(Array.from({ length: WRITERS }, () => '200'));
  }, 120_000);

  it('answers 503 on /healthz and 5xx to writes while the database refuses connections, then recovers by itself', async (ctx) => {
    if (!database || !served) return ctx.skip();
    const { url } = served;
    await query(`ALTER DATABASE ${dbName} ALLOW_CONNECTIONS false`);
    try {
      await terminateBackends();
      expect(await healthBecomes(url, 503)).toBe(true);
      expect((await health(url)).body.status).toBe('database_unreachable');
      const during = await Promise.all(
        Array.from({ length: WRITERS }, (_, i) => write(url, [{ day: addDays(FIRST_DAY, 200_000 + i), value: i }])),
      );
      expect(during.filter((s) => !s.startsWith('5'))).toEqual([]);
    } finally {
      await query(`ALTER DATABASE ${dbName} ALLOW_CONNECTIONS true`);
    }
    expect(await healthBecomes(url, 200)).toBe(true);
    const after = await Promise.all(
      Array.from({ length: WRITERS }, (_, i) => write(url, [{ day: addDays(FIRST_DAY, 300_000 + i), value: i }])),
    );
    expect(after).toEqual(Array.from({ length: WRITERS }, () => '200'));
    expect(isAlive(served)).toBe(true);
  }, 60_000);
});
