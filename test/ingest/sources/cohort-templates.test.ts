// The cohort SQL templates (docs/sources) run where the events live — the real PostgreSQL and MariaDB — through
// a source, and must store exactly what Growthbeat's own event-log import computes from the same events:
// new_users and cohort_revenue_dN as the import writes them, retained_dN as its daily cohort matrix counts them.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cohortMatrix } from '../../../src/core/cohorts/cohort-matrix.ts';
import type { Store } from '../../../src/core/ports/store.ts';
import type { Workspace } from '../../../src/core/ports/workspace.ts';
import { addDays } from '../../../src/core/time/day-math.ts';
import { importEventFile } from '../../../src/ingest/import-events.ts';
import { runSource } from '../../../src/ingest/sources/run-source.ts';
import { clickhouseInstalled, startClickHouse } from '../../helpers/clickhouse-server.ts';
import { migratedStore } from '../../helpers/migrated-store.ts';
import { SOURCE_SERVERS } from '../../helpers/source-databases.ts';
import { sqliteTestDatabase } from '../../helpers/test-databases.ts';

const CHANNELS = ['douyin', 'xiaohongshu', 'sem'];
const SERIES = [
  'new_users',
  'retained_d1',
  'retained_d7',
  'retained_d30',
  'cohort_revenue_d7',
  'cohort_revenue_d30',
  'cohort_revenue_d90',
  'cohort_revenue_d180',
];
const TEMPLATE = {
  postgres: 'docs/sources/cohorts.postgres.sql',
  mysql: 'docs/sources/cohorts.mysql.sql',
  clickhouse: 'docs/sources/cohorts.clickhouse.sql',
};

/** A small deterministic generator (the same events on every run). */
function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

/** 150 users over 100 days from 2026-07-01: each on one channel, active on some later days, paying sometimes. */
function generateEvents(): { user: string; time: string; channel: string; revenue: string }[] {
  const rnd = random(42);
  const events: { user: string; time: string; channel: string; revenue: string }[] = [];
  for (let u = 0; u < 150; u++) {
    const first = Math.floor(rnd() * 70);
    const channel = CHANNELS[Math.floor(rnd() * CHANNELS.length)] as string;
    const loyalty = rnd();
    for (let d = first; d < 100; d++) {
      if (d > first && rnd() > loyalty * 0.5) continue;
      const day = addDays('2026-07-01', d);
      const count = 1 + Math.floor(rnd() * 3);
      for (let e = 0; e < count; e++) {
        const paid = rnd() < 0.2 ? (Math.floor(rnd() * 5000) / 100).toFixed(2) : '0';
        const time = `${day} ${String(8 + e * 3).padStart(2, '0')}:${String(Math.floor(rnd() * 60)).padStart(2, '0')}:00`;
        events.push({ user: `u${u}`, time, channel, revenue: paid });
      }
    }
  }
  return events;
}

describe('cohort SQL templates', () => {
  const events = generateEvents();
  const local = sqliteTestDatabase();
  let store: Store;
  let reference: Workspace;
  const expected = new Map<string, number>();

  beforeAll(async () => {
    store = await migratedStore(local, 't'.repeat(40));
    reference = await store.workspaces.ensure({ platform: 'local', externalId: 'ref', name: 'Ref', timezone: 'UTC', locale: 'en' });
    const dir = mkdtempSync(join(tmpdir(), 'gb-cohorts-'));
    const file = join(dir, 'events.csv');
    writeFileSync(
      file,
      `user_id,event_time,channel,revenue\n${events.map((e) => `${e.user},${e.time},${e.channel},${e.revenue}`).join('\n')}\n`,
    );
    await importEventFile(
      store,
      reference,
      file,
      { user: 'user_id', time: 'event_time', segment: 'channel', revenue: 'revenue' },
      { actor: 'test' },
    );
    // new_users and cohort_revenue_dN: what the import stored.
    for (const o of await store.observations.query(reference.id, { metrics: SERIES, from: '2000-01-01', to: '2100-01-01' }))
      expected.set(`${o.metric}|${o.segment}|${o.day}`, o.value);
    // retained_dN: users of each daily cohort active exactly N days later, from the import's activity (its cohort matrix).
    const activity = await store.activity.scan(reference.id);
    const lastDay = activity.reduce((m, d) => (d.day > m ? d.day : m), '');
    for (const segment of ['', ...CHANNELS]) {
      const days = segment ? activity.filter((d) => d.segment === segment) : activity;
      // A user's segment is that of their first day; every generated user keeps one channel.
      for (const row of cohortMatrix(days, 'day', lastDay).cohorts)
        for (const n of [1, 7, 30])
          if (addDays(row.start, n) <= lastDay) expected.set(`retained_d${n}|${segment}|${row.start}`, row.active[n] ?? 0);
    }
  });
  afterAll(async () => {
    await store.close();
    await local.drop();
  });

  /** Loads the events into a server, runs its template as a source, and requires the import's series exactly. */
  async function check(kind: keyof typeof TEMPLATE, url: string, exec: (sql: string) => Promise<unknown>, table: string) {
    await exec(table);
    for (let i = 0; i < events.length; i += 1000)
      await exec(
        `INSERT INTO events VALUES ${events
          .slice(i, i + 1000)
          .map((e) => `('${e.user}', '${e.time}', '${e.channel}', ${e.revenue})`)
          .join(', ')}`,
      );
    const ws = await store.workspaces.ensure({ platform: 'local', externalId: kind, name: kind, timezone: 'UTC', locale: 'en' });
    const source = await store.sources.create(ws.id, {
      name: 'cohorts',
      kind,
      connection: url,
      query: readFileSync(TEMPLATE[kind], 'utf8'),
      mapping: JSON.parse(readFileSync('docs/sources/cohorts.mapping.json', 'utf8')),
      lookbackDays: 181,
    });
    const run = await runSource(
      store,
      ws,
      source,
      { actor: 'test', trigger: 'manual', since: '2000-01-01', now: new Date('2026-10-09T12:00:00Z') },
      {
        env: {},
        limits: { statementTimeoutMs: 60_000, maxRows: 100_000 },
      },
    );
    const got = new Map(
      (await store.observations.query(ws.id, { metrics: SERIES, from: '2000-01-01', to: '2100-01-01' })).map((o) => [
        `${o.metric}|${o.segment}|${o.day}`,
        o.value,
      ]),
    );
    expect(run.inserted).toBe(expected.size);
    expect(Object.fromEntries(got)).toEqual(Object.fromEntries(expected));
    // The data is not trivial: every series but d180 (100 days of data), and mature d30 cohorts with retained users.
    const metrics = new Set([...got.keys()].map((k) => k.split('|')[0]));
    expect([...metrics].sort()).toEqual([...SERIES].filter((m) => m !== 'cohort_revenue_d180').sort());
    expect([...got].filter(([k, v]) => k.startsWith('retained_d30|') && v > 0).length).toBeGreaterThan(10);
  }

  for (const server of SOURCE_SERVERS) {
    it(`${server.kind}: the template's series equal Growthbeat's own import of the same events`, async (ctx) => {
      if (!(await server.available())) return ctx.skip();
      const db = await server.create();
      try {
        const time = server.kind === 'postgres' ? 'TIMESTAMP' : 'DATETIME';
        await check(
          server.kind,
          db.url,
          db.exec,
          `CREATE TABLE events (user_id VARCHAR(20), event_time ${time}, channel VARCHAR(20), revenue DECIMAL(12,2))`,
        );
      } finally {
        await db.drop();
      }
    });
  }

  it("clickhouse: the template's series equal Growthbeat's own import of the same events", async (ctx) => {
    if (!clickhouseInstalled()) return ctx.skip();
    const server = await startClickHouse();
    try {
      await check(
        'clickhouse',
        `${server.url}/default`,
        server.exec,
        'CREATE TABLE events (user_id String, event_time DateTime, channel String, revenue Float64) ENGINE = MergeTree ORDER BY (user_id, event_time)',
      );
    } finally {
      await server.stop();
    }
  }, 60_000);
});
