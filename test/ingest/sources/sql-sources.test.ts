// The postgres and mysql source kinds against the real servers (PostgreSQL 5432, MariaDB 3306): one run is one
// ingest through the CSV mapping and the one write path; the read is a read-only transaction that never writes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onObservationsWritten } from '../../../src/core/observations/observations-written.ts';
import type { Source } from '../../../src/core/ports/sources.ts';
import type { Store } from '../../../src/core/ports/store.ts';
import type { Workspace } from '../../../src/core/ports/workspace.ts';
import { runSource, type SourceRunDeps } from '../../../src/ingest/sources/run-source.ts';
import { migratedStore } from '../../helpers/migrated-store.ts';
import { SOURCE_SERVERS, type SourceDatabase } from '../../helpers/source-databases.ts';
import { sqliteTestDatabase } from '../../helpers/test-databases.ts';

const NOW = new Date('2026-11-30T12:00:00Z');
const DAYS = Array.from({ length: 14 }, (_, i) => `2026-11-${String(16 + i).padStart(2, '0')}`);
const CHANNELS = ['douyin', 'xiaohongshu'];
const spendOf = (i: number, c: number) => 100 + i * 10 + c * 5;
const MAPPING = { date: 'day', segment: 'channel', columns: { spend: 'spend', new_users: 'new_users' } };
const QUERY = 'SELECT day, channel, spend, new_users FROM daily_channel WHERE day >= {{since}} ORDER BY day, channel';

for (const server of SOURCE_SERVERS) {
  describe(`${server.kind} source`, () => {
    let skip = false;
    let db: SourceDatabase;
    let store: Store;
    let ws: Workspace;
    let cleanup: () => Promise<void>;
    const deps: SourceRunDeps = { env: {}, limits: { statementTimeoutMs: 20_000, maxRows: 10_000 } };
    const written: string[][] = [];
    const stopListening = onObservationsWritten(async (w) => {
      written.push(w.rows.map((r) => `${r.metric}/${r.segment}`));
    });

    const source = async (name: string, patch: Partial<Source> = {}): Promise<Source> =>
      (await store.sources.get(ws.id, name)) ??
      store.sources.create(ws.id, {
        name,
        kind: server.kind,
        connection: patch.connection ?? db.url,
        query: patch.query ?? QUERY,
        mapping: patch.mapping ?? MAPPING,
        lookbackDays: 7,
        schedule: '0 * * * *',
      });
    const run = async (s: Source, extra: { since?: string; limits?: Partial<SourceRunDeps['limits']> } = {}) =>
      runSource(
        store,
        ws,
        (await store.sources.get(ws.id, s.name)) as Source,
        { actor: 'test', trigger: 'manual', since: extra.since, now: NOW },
        {
          ...deps,
          limits: { ...deps.limits, ...extra.limits },
        },
      );
    const stored = async (segment: string, day: string) =>
      (await store.observations.query(ws.id, { metrics: ['spend'], segments: [segment], from: day, to: day }))[0]?.value;
    const sourceRows = async () =>
      Number((((await db.exec('SELECT COUNT(*) AS n FROM daily_channel')) as { n: unknown }[])[0] as { n: unknown }).n);

    beforeAll(async () => {
      skip = !(await server.available());
      if (skip) return;
      db = await server.create();
      await db.exec('CREATE TABLE daily_channel (day DATE NOT NULL, channel VARCHAR(40) NOT NULL, spend DECIMAL(12,2), new_users INT)');
      const values = DAYS.flatMap((day, i) => CHANNELS.map((c, ci) => `('${day}', '${c}', ${spendOf(i, ci)}, ${10 + i})`));
      await db.exec(`INSERT INTO daily_channel VALUES ${values.join(', ')}`);
      const local = sqliteTestDatabase();
      store = await migratedStore(local, 's'.repeat(40));
      ws = await store.workspaces.ensure({ platform: 'local', externalId: 'local', name: 'Local', timezone: 'UTC', locale: 'en' });
      await store.workspaces.update(ws.id, { settings: { adminChannel: 'C-ADMIN' } });
      ws = (await store.workspaces.get(ws.id)) as Workspace;
      cleanup = async () => {
        await store.close();
        await local.drop();
        await db.drop();
      };
    });
    afterAll(async () => {
      stopListening();
      if (!skip) await cleanup();
    });

    it('reads the last 7 days through the mapping, writes them once, and a second run changes nothing', async (ctx) => {
      if (skip) return ctx.skip();
      const s = await source('warehouse');
      const first = await run(s);
      // 2026-11-23 … 2026-11-29: 7 days × 2 channels × 2 metrics.
      expect(first).toMatchObject({ since: '2026-11-23', rowsRead: 14, observations: 28, inserted: 28, updated: 0, unchanged: 0 });
      expect(first.from).toBe('2026-11-23');
      expect(await stored('douyin', '2026-11-29')).toBe(spendOf(13, 0));
      expect(await stored('douyin', '2026-11-22')).toBeUndefined();
      expect(written.at(-1)).toContain('spend/douyin');
      const count = written.length;
      const second = await run(s);
      expect(second).toMatchObject({ inserted: 0, updated: 0, unchanged: 28 });
      expect(written.length).toBe(count);
      const runs = await store.sources.runs(ws.id, s.id, 5);
      expect(runs.map((r) => [r.inserted, r.unchanged, r.error])).toEqual([
        [0, 28, undefined],
        [28, 0, undefined],
      ]);
      // Audited with the source and the run id.
      const audit = await store.audit.list(ws.id, { action: 'source.run', limit: 5 });
      expect(audit[0]).toMatchObject({ target: 'warehouse', after: expect.objectContaining({ run: runs[0]?.id, unchanged: 28 }) });
      const upserts = await store.audit.list(ws.id, { action: 'observation.upsert', limit: 5 });
      expect(upserts.map((a) => a.target)).toContain(`warehouse#${runs[1]?.id}`);
      const row = (
        await store.observations.query(ws.id, { metrics: ['spend'], segments: ['douyin'], from: '2026-11-29', to: '2026-11-29' })
      )[0];
      expect(row).toMatchObject({ source: 'source', updatedBy: 'test' });
    });

    it('picks up a correction within the last 7 days; an older one only with --since', async (ctx) => {
      if (skip) return ctx.skip();
      const s = await source('warehouse');
      await db.exec("UPDATE daily_channel SET spend = 999 WHERE day = '2026-11-26' AND channel = 'douyin'");
      await db.exec("UPDATE daily_channel SET spend = 777 WHERE day = '2026-11-18' AND channel = 'douyin'");
      expect(await run(s)).toMatchObject({ inserted: 0, updated: 1, unchanged: 27 });
      expect(await stored('douyin', '2026-11-26')).toBe(999);
      expect(await stored('douyin', '2026-11-18')).toBeUndefined();
      const backfill = await run(s, { since: '2026-11-16' });
      expect(backfill).toMatchObject({ since: '2026-11-16', rowsRead: 28, inserted: 28, unchanged: 28 });
      expect(await stored('douyin', '2026-11-18')).toBe(777);
    });

    it('refuses a query that writes: the read-only transaction stops it and the source is untouched', async (ctx) => {
      if (skip) return ctx.skip();
      const before = await sourceRows();
      let query: string;
      if (server.kind === 'postgres') {
        await db.exec(
          "CREATE FUNCTION sneak() RETURNS int LANGUAGE sql AS $$ INSERT INTO daily_channel VALUES ('2026-11-30', 'tv', 1, 1) RETURNING 1 $$",
        );
        query = 'SELECT day, channel, spend, new_users FROM daily_channel WHERE sneak() = 1';
      } else query = "INSERT INTO daily_channel VALUES ('2026-11-30', 'tv', 1, 1)";
      const s = await source('writer', { query });
      await expect(run(s)).rejects.toMatchObject({ code: 'source_failed', message: expect.stringMatching(/read.only/i) });
      expect(await sourceRows()).toBe(before);
      expect(await stored('tv', '2026-11-30')).toBeUndefined();
    });

    it('a source killed mid-run changes nothing', async (ctx) => {
      if (skip) return ctx.skip();
      await db.exec("UPDATE daily_channel SET spend = spend + 1 WHERE day >= '2026-11-23'");
      const sleep = server.kind === 'postgres' ? '(SELECT 1 FROM pg_sleep(30))' : 'SLEEP(30)';
      const s = await source('slow', {
        query: `SELECT day, channel, spend, new_users FROM daily_channel WHERE day >= {{since}} UNION ALL SELECT DATE '2026-11-29', 'tv', ${sleep}, 1`,
      });
      const running = run(s);
      const kill = async () => {
        for (let i = 0; i < 100; i++) {
          const killed =
            server.kind === 'postgres'
              ? await db.exec(
                  "SELECT pg_terminate_backend(pid) AS k FROM pg_stat_activity WHERE application_name = 'growthbeat-source' AND query LIKE 'FETCH%' AND state = 'active'",
                )
              : await Promise.all(
                  (
                    (await db.exec(
                      "SELECT id FROM information_schema.processlist WHERE info LIKE '%SLEEP(30)%' AND info NOT LIKE '%processlist%'",
                    )) as { id: number }[]
                  ).map((p) => db.exec(`KILL ${p.id}`)),
                );
          if (killed.length) return;
          await new Promise((r) => setTimeout(r, 50));
        }
      };
      await Promise.all([
        expect(running).rejects.toMatchObject({ code: 'source_failed', message: expect.stringMatching(/terminat|closed|killed|lost/i) }),
        kill(),
      ]);
      // The corrected values stayed in the source: nothing of the killed run was stored.
      expect(await stored('douyin', '2026-11-26')).toBe(999);
      expect(await stored('tv', '2026-11-29')).toBeUndefined();
    });

    it('refuses more rows than SOURCE_MAX_ROWS and a query past the statement timeout, writing nothing', async (ctx) => {
      if (skip) return ctx.skip();
      const s = await source('warehouse');
      await expect(run(s, { limits: { maxRows: 5 } })).rejects.toThrow(/more than 5 rows .*SOURCE_MAX_ROWS/);
      const sleep = server.kind === 'postgres' ? '(SELECT 1 FROM pg_sleep(5))' : 'SLEEP(5)';
      const slow = await source('timeout', { query: `SELECT DATE '2026-11-29' AS day, 'tv' AS channel, ${sleep} AS spend` });
      await expect(run(slow, { limits: { statementTimeoutMs: 300 } })).rejects.toMatchObject({
        code: 'source_failed',
        message: expect.stringMatching(/timeout|interrupted|max_statement_time/i),
      });
      expect(await stored('tv', '2026-11-29')).toBeUndefined();
    });

    it('announces a failing source once in the admin channel, and its recovery once', async (ctx) => {
      if (skip) return ctx.skip();
      const s = await source('flaky', { query: 'SELECT day, channel, spend FROM no_such_table' });
      for (let i = 0; i < 3; i++) await expect(run(s)).rejects.toMatchObject({ code: 'source_failed' });
      const notices = async () =>
        (await store.outbox.list({ workspaceId: ws.id })).filter((m) => m.key.includes(`:${s.id}:`)).map((m) => m.key.split(':')[1]);
      expect(await notices()).toEqual(['source-failed']);
      const failing = (await store.sources.get(ws.id, 'flaky')) as Source;
      expect(failing.failingSince).toEqual(NOW);
      expect(failing.lastError).toMatch(/no_such_table/);
      await store.sources.update(ws.id, 'flaky', { query: QUERY });
      await run(s);
      await run(s);
      expect((await notices()).sort()).toEqual(['source-failed', 'source-recovered']);
      expect((await store.sources.get(ws.id, 'flaky'))?.failingSince).toBeUndefined();
      // A wrong password never shows in what is recorded.
      const url = new URL(db.url);
      url.username = 'growthbeat_nobody';
      url.password = 'hunter2-secret';
      const denied = await source('denied', { connection: url.toString() });
      await expect(run(denied)).rejects.toMatchObject({ code: 'source_failed' });
      expect((await store.sources.get(ws.id, 'denied'))?.lastError).not.toContain('hunter2-secret');
    });
  });
}
