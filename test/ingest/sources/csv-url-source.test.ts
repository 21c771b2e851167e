// The csv-url kind against a local HTTP server: the same CSV reader and mapping as a file, the source's
// headers sent (an `env:NAME` value read at run time), ETag and Last-Modified respected (304: nothing to do).
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Source } from '../../../src/core/ports/sources.ts';
import type { Store } from '../../../src/core/ports/store.ts';
import type { Workspace } from '../../../src/core/ports/workspace.ts';
import { runSource } from '../../../src/ingest/sources/run-source.ts';
import { migratedStore } from '../../helpers/migrated-store.ts';
import { sqliteTestDatabase, type TestDatabase } from '../../helpers/test-databases.ts';

const NOW = new Date('2026-11-30T12:00:00Z');

describe('csv-url source', () => {
  let server: Server;
  let url: string;
  let body = 'date,channel,spend\n2026-11-27,douyin,100\n2026-11-28,douyin,"1,200"\n2026-11-10,douyin,5\n';
  let version = 1;
  const seen: IncomingHttpHeaders[] = [];
  let store: Store;
  let database: TestDatabase;
  let ws: Workspace;

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(req.headers);
      if (req.headers.authorization !== 'Bearer sheet-token') {
        res.writeHead(401).end('no');
        return;
      }
      const etag = `"v${version}"`;
      const modified = new Date(Date.UTC(2026, 10, 20 + version)).toUTCString();
      if (req.headers['if-none-match'] === etag || (!req.headers['if-none-match'] && req.headers['if-modified-since'] === modified)) {
        res.writeHead(304).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'text/csv', etag, 'last-modified': modified }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/export.csv`;
    database = sqliteTestDatabase();
    store = await migratedStore(database, 'c'.repeat(40));
    ws = await store.workspaces.ensure({ platform: 'local', externalId: 'local', name: 'Local', timezone: 'UTC', locale: 'en' });
  });
  afterAll(async () => {
    await store.close();
    await database.drop();
    await new Promise((resolve) => server.close(resolve));
  });

  const run = async (name: string, env: Record<string, string> = { SHEET_TOKEN: 'Bearer sheet-token' }, since?: string) =>
    runSource(
      store,
      ws,
      (await store.sources.get(ws.id, name)) as Source,
      { actor: 'test', trigger: 'schedule', since, now: NOW },
      {
        env,
        limits: { statementTimeoutMs: 5000, maxRows: 1000 },
      },
    );
  const spend = async (day: string) =>
    (await store.observations.query(ws.id, { metrics: ['spend'], segments: ['douyin'], from: day, to: day }))[0]?.value;

  it('reads the CSV through the mapping, then asks with If-None-Match and does nothing on 304', async () => {
    await store.sources.create(ws.id, {
      name: 'sheet',
      kind: 'csv-url',
      connection: url,
      headers: { Authorization: 'env:SHEET_TOKEN' },
      mapping: { date: 'date', segment: 'channel' },
      lookbackDays: 7,
    });
    // The 2026-11-10 row is older than the 7 days read again: left out.
    expect(await run('sheet')).toMatchObject({ rowsRead: 3, observations: 2, inserted: 2, notModified: false });
    expect(await spend('2026-11-28')).toBe(1200);
    expect(await spend('2026-11-10')).toBeUndefined();
    expect((await store.sources.get(ws.id, 'sheet'))?.etag).toBe('"v1"');
    const second = await run('sheet');
    expect(second).toMatchObject({ notModified: true, rowsRead: 0, inserted: 0, updated: 0 });
    expect(seen.at(-1)?.['if-none-match']).toBe('"v1"');
    expect(seen.at(-1)?.authorization).toBe('Bearer sheet-token');
    // A new version (a correction) is read and updates one value.
    body = body.replace('2026-11-27,douyin,100', '2026-11-27,douyin,150');
    version = 2;
    expect(await run('sheet')).toMatchObject({ inserted: 0, updated: 1, unchanged: 1 });
    expect(await spend('2026-11-27')).toBe(150);
    // A backfill ignores the validators and reads from its day.
    expect(await run('sheet', undefined, '2026-11-01')).toMatchObject({ notModified: false, inserted: 1, unchanged: 2 });
    expect(seen.at(-1)?.['if-none-match']).toBeUndefined();
  });

  it('respects Last-Modified when the server sends no ETag match', async () => {
    await store.sources.update(ws.id, 'sheet', { headers: { Authorization: 'Bearer sheet-token' } });
    // Editing the headers forgets the validators: the next run reads in full and stores them again.
    expect((await store.sources.get(ws.id, 'sheet'))?.etag).toBeUndefined();
    expect(await run('sheet', {})).toMatchObject({ notModified: false, unchanged: 2 });
    const source = (await store.sources.get(ws.id, 'sheet')) as Source;
    expect(source.lastModified).toBe(new Date(Date.UTC(2026, 10, 22)).toUTCString());
    await store.sources.finishRun(
      ws.id,
      (await store.sources.runs(ws.id, source.id, 1))[0]?.id as string,
      { rowsRead: 0, inserted: 0, updated: 0, unchanged: 0 },
      NOW,
      { etag: null },
    );
    expect(await run('sheet', {})).toMatchObject({ notModified: true });
    expect(seen.at(-1)?.['if-modified-since']).toBe(source.lastModified);
  });

  it('fails with the HTTP status, a missing env variable by name, and never with the token', async () => {
    await store.sources.create(ws.id, {
      name: 'locked',
      kind: 'csv-url',
      connection: `${url}?key=s3cret-key`,
      headers: { Authorization: 'Bearer wrong' },
      mapping: {},
      lookbackDays: 7,
    });
    await expect(run('locked')).rejects.toMatchObject({ code: 'source_failed', message: expect.stringContaining('HTTP 401') });
    await store.sources.update(ws.id, 'locked', { headers: { Authorization: 'env:NOT_SET_ANYWHERE' } });
    await expect(run('locked', {})).rejects.toThrow('the environment variable NOT_SET_ANYWHERE is not set');
    await store.sources.update(ws.id, 'locked', { connection: 'http://127.0.0.1:1/x.csv?key=s3cret-key' });
    await expect(run('locked', { NOT_SET_ANYWHERE: 'x' })).rejects.toMatchObject({ code: 'source_failed' });
    const runs = await store.sources.runs(ws.id, ((await store.sources.get(ws.id, 'locked')) as Source).id, 10);
    expect(runs).toHaveLength(3);
    for (const r of runs) expect(r.error).not.toContain('s3cret-key');
  });
});
