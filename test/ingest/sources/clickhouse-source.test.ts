// The clickhouse kind against a real ClickHouse (Debian's clickhouse-server, started for the test): the same
// mapping and write path, the server refusing writes (readonly) and more rows than the limit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Source } from '../../../src/core/ports/sources.ts';
import type { Store } from '../../../src/core/ports/store.ts';
import type { Workspace } from '../../../src/core/ports/workspace.ts';
import { runSource } from '../../../src/ingest/sources/run-source.ts';
import { type ClickHouseServer, clickhouseInstalled, startClickHouse } from '../../helpers/clickhouse-server.ts';
import { migratedStore } from '../../helpers/migrated-store.ts';
import { sqliteTestDatabase } from '../../helpers/test-databases.ts';

const NOW = new Date('2026-11-30T12:00:00Z');
const QUERY = 'SELECT day, channel, spend FROM daily WHERE day >= {{since}} ORDER BY day, channel';

describe('clickhouse source', () => {
  const installed = clickhouseInstalled();
  let server: ClickHouseServer;
  let store: Store;
  let ws: Workspace;
  const local = sqliteTestDatabase();

  beforeAll(async () => {
    if (!installed) return;
    server = await startClickHouse();
    await server.exec('CREATE TABLE daily (day Date, channel String, spend Float64) ENGINE = MergeTree ORDER BY (day, channel)');
    await server.exec(
      "INSERT INTO daily VALUES ('2026-11-20', 'sem', 1), ('2026-11-25', 'sem', 20.5), ('2026-11-25', 'douyin', 30), ('2026-11-29', 'sem', 40)",
    );
    store = await migratedStore(local, 'h'.repeat(40));
    ws = await store.workspaces.ensure({ platform: 'local', externalId: 'local', name: 'Local', timezone: 'UTC', locale: 'en' });
  }, 60_000);
  afterAll(async () => {
    if (!installed) return;
    await server.stop();
    await store.close();
    await local.drop();
  });

  const run = async (name: string, patch: { query?: string; maxRows?: number; since?: string } = {}) => {
    const source =
      (await store.sources.get(ws.id, name)) ??
      (await store.sources.create(ws.id, {
        name,
        kind: 'clickhouse',
        connection: `${server.url}/default`,
        query: patch.query ?? QUERY,
        mapping: { date: 'day', segment: 'channel' },
        lookbackDays: 7,
      }));
    return runSource(
      store,
      ws,
      source as Source,
      { actor: 'test', trigger: 'manual', since: patch.since, now: NOW },
      {
        env: {},
        limits: { statementTimeoutMs: 10_000, maxRows: patch.maxRows ?? 1000 },
      },
    );
  };

  it('reads the last 7 days through the mapping, and a second run changes nothing', async (ctx) => {
    if (!installed) return ctx.skip();
    expect(await run('events')).toMatchObject({ since: '2026-11-23', rowsRead: 3, inserted: 3 });
    const stored = await store.observations.query(ws.id, { metrics: ['spend'], from: '2026-11-01', to: '2026-11-30' });
    expect(stored.map((o) => [o.day, o.segment, o.value]).sort()).toEqual([
      ['2026-11-25', 'douyin', 30],
      ['2026-11-25', 'sem', 20.5],
      ['2026-11-29', 'sem', 40],
    ]);
    expect(await run('events')).toMatchObject({ inserted: 0, updated: 0, unchanged: 3 });
  });

  it('refuses a writing query (readonly) and more rows than the limit, writing nothing', async (ctx) => {
    if (!installed) return ctx.skip();
    await expect(run('writer', { query: 'CREATE TABLE sneaky (x Int32) ENGINE = Memory' })).rejects.toMatchObject({
      code: 'source_failed',
      message: expect.stringMatching(/readonly/i),
    });
    expect(await server.exec('EXISTS TABLE sneaky')).toMatch(/^0/);
    await expect(
      run('huge', {
        query: "SELECT toDate('2026-11-29') AS day, 'tv' AS channel, number AS spend FROM system.numbers LIMIT 50",
        maxRows: 10,
      }),
    ).rejects.toMatchObject({ code: 'source_failed', message: expect.stringMatching(/Limit for result exceeded|SOURCE_MAX_ROWS/) });
    expect(await store.observations.query(ws.id, { metrics: ['spend'], segments: ['tv'], from: '2026-11-01', to: '2026-11-30' })).toEqual(
      [],
    );
  });
});
