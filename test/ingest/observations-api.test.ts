import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApp, startApp } from '../../src/app/serve.ts';
import { silentLogger } from '../../src/base/logging/logger.ts';
import { loadConfig } from '../../src/config/load-config.ts';
import { PROVIDERS, type TestDatabase } from '../helpers/test-databases.ts';

for (const provider of PROVIDERS) {
  describe(`POST /api/v1/observations on ${provider.kind}`, () => {
    let database: TestDatabase;
    let app: RunningApp;
    let secret: string;
    let otherSecret: string;
    let wsId: string;
    let skip = false;
    const post = (body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${app.url}/api/v1/observations`, {
        method: 'POST',
        headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });

    beforeAll(async () => {
      skip = !(await provider.available());
      if (skip) return;
      database = await provider.create();
      app = await startApp(
        loadConfig({ DATABASE_URL: database.url, PORT: '0', LOG_LEVEL: 'silent', MAX_BODY_BYTES: '65536' }),
        silentLogger,
      );
      const ws = await app.store.workspaces.ensure({
        platform: 'slack',
        externalId: 'T1',
        name: 'A',
        timezone: 'Asia/Shanghai',
        locale: 'zh-CN',
      });
      const other = await app.store.workspaces.ensure({
        platform: 'slack',
        externalId: 'T2',
        name: 'B',
        timezone: 'Asia/Shanghai',
        locale: 'zh-CN',
      });
      wsId = ws.id;
      secret = (await app.store.apiTokens.create(ws.id, 'job')).secret;
      otherSecret = (await app.store.apiTokens.create(other.id, 'job')).secret;
    });
    afterAll(async () => {
      if (skip) return;
      await app.stop();
      await database.drop();
    });

    const body = {
      source: 'dwh-2026-11-20',
      observations: [
        { date: '2026-11-20', metric: 'spend', segment: '抖音', value: 12000 },
        { date: '2026-11-20', metric: '收入', segment: 'douyin', value: 15000 },
        { day: '2026-11-20', metric: 'dau', value: 5400 },
      ],
    };

    it('stores values for the token’s workspace, and the same body twice changes nothing', async (ctx) => {
      if (skip) return ctx.skip();
      const res = await post(body);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ workspace: wsId, received: 3, inserted: 3, updated: 0, unchanged: 0 });
      expect(await (await post(body)).json()).toMatchObject({ inserted: 0, updated: 0, unchanged: 3 });
      const stored = await app.store.observations.query(wsId, {
        metrics: ['spend', 'revenue', 'dau'],
        from: '2026-11-20',
        to: '2026-11-20',
      });
      expect(stored.map((o) => [o.metric, o.segment, o.value, o.source])).toEqual([
        ['dau', '', 5400, 'api'],
        ['revenue', 'douyin', 15000, 'api'],
        ['spend', 'douyin', 12000, 'api'],
      ]);
      expect((await app.store.segments.list(wsId)).map((s) => [s.key, s.name])).toEqual([['douyin', '抖音']]);
    });

    it('refuses a missing, wrong or other workspace’s token', async (ctx) => {
      if (skip) return ctx.skip();
      const none = await fetch(`${app.url}/api/v1/observations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect(none.status).toBe(401);
      expect(none.headers.get('www-authenticate')).toContain('Bearer');
      expect((await post(body, { authorization: `Bearer ${secret}x` })).status).toBe(401);
      // Another workspace's token writes only there.
      const res = await post(
        { observations: [{ date: '2026-11-21', metric: 'spend', value: 1 }] },
        { authorization: `Bearer ${otherSecret}` },
      );
      expect(res.status).toBe(200);
      expect(await app.store.observations.query(wsId, { metrics: ['spend'], from: '2026-11-21', to: '2026-11-21' })).toEqual([]);
    });

    it('answers bad input with the field and where, and writes nothing', async (ctx) => {
      if (skip) return ctx.skip();
      expect((await post(body, { 'content-type': 'text/csv' })).status).toBe(415);
      const broken = await post('{"observations": [\n  {"date": "2026-11-20",}\n]}');
      expect(broken.status).toBe(400);
      expect(await broken.json()).toMatchObject({ error: 'invalid_json', line: 2, column: 25 });
      // JSON.parse names no position for this one; the answer still does: the "}" is column 19.
      const unclosed = await post('{"observations": [}');
      expect(await unclosed.json()).toMatchObject({ error: 'invalid_json', line: 1, column: 19 });
      const badValue = await post({ observations: [body.observations[0], { date: '2026-11-22', metric: 'spend', value: 'lots' }] });
      expect(badValue.status).toBe(422);
      const badBody = (await badValue.json()) as { message: string; issues: unknown[] };
      expect(badBody.issues[0]).toMatchObject({ path: 'observations.1.value', value: '"lots"' });
      expect(badBody.message).toMatch(/^observations\.1\.value: .* \(got "lots"\)$/);
      const derived = await post({
        observations: [
          { date: '2026-11-22', metric: 'spend', value: 1 },
          { date: '2026-11-22', metric: 'roi', value: 0.2 },
        ],
      });
      expect(derived.status).toBe(422);
      expect(await derived.json()).toMatchObject({ issues: [{ path: 'observations.1.metric', index: 1, value: '"roi"' }] });
      const twice = await post({
        observations: [
          { date: '2026-11-22', metric: 'spend', value: 1 },
          { date: '2026-11-22', metric: 'cost', value: 2 },
        ],
      });
      expect(((await twice.json()) as { message: string }).message).toContain('sent twice');
      // Names are at most 200 characters, as everywhere.
      const longName = await post({ observations: [{ date: '2026-11-22', metric: 'spend', segment: 's'.repeat(201), value: 1 }] });
      expect(longName.status).toBe(422);
      expect(await longName.json()).toMatchObject({
        issues: [{ path: 'observations.0.segment', message: 'is longer than 200 characters' }],
      });
      const longMetric = await post({ observations: [{ date: '2026-11-22', metric: 'm'.repeat(201), value: 1 }] });
      expect(await longMetric.json()).toMatchObject({
        issues: [{ path: 'observations.0.metric', message: 'is longer than 200 characters' }],
      });
      const unknownDay = await post({ observations: [{ date: '20/11/2026', metric: 'spend', value: 1 }] });
      expect(((await unknownDay.json()) as { message: string }).message).toContain('"20/11/2026"');
      const unknownField = await post({ observations: [{ date: '2026-11-22', metric: 'spend', value: 1, colour: 'red' }] });
      expect(unknownField.status).toBe(422);
      const big = await post({
        observations: Array.from({ length: 2000 }, (_, i) => ({ date: '2026-11-22', metric: 'spend', segment: `s${i}`, value: i })),
      });
      expect(big.status).toBe(413);
      expect(await app.store.observations.query(wsId, { metrics: ['spend'], from: '2026-11-22', to: '2026-11-22' })).toEqual([]);
    });

    it('DELETE removes the values a filter names, audited with the old value; 422s name the field and the value', async (ctx) => {
      if (skip) return ctx.skip();
      const del = (query: string, secretToUse = secret) =>
        fetch(`${app.url}/api/v1/observations?${query}`, { method: 'DELETE', headers: { authorization: `Bearer ${secretToUse}` } });
      await post({
        observations: [
          { date: '2026-10-01', metric: 'spend', segment: '抖音', value: 700 },
          { date: '2026-10-02', metric: 'spend', segment: '抖音', value: 800 },
        ],
      });
      const dry = await del('metric=spend&segment=douyin&from=2026-10-01&to=2026-10-02&dry_run=1');
      expect(await dry.json()).toMatchObject({ dryRun: true, deleted: 2 });
      // Another workspace's token sees none of them: not its channel, not its values.
      expect(await (await del('metric=spend&segment=douyin&from=2026-10-01&to=2026-10-02', otherSecret)).json()).toMatchObject({
        issues: [{ path: 'segment', value: 'douyin' }],
      });
      expect(await (await del('metric=spend&from=2026-10-01&to=2026-10-02', otherSecret)).json()).toMatchObject({ deleted: 0 });
      const gone = await del('metric=花费&segment=抖音&from=2026-10-01&to=2026-10-01');
      expect(gone.status).toBe(200);
      expect(await gone.json()).toMatchObject({
        deleted: 1,
        rows: [{ metric: 'spend', segment: 'douyin', day: '2026-10-01', value: 700 }],
      });
      expect(
        (await app.store.observations.query(wsId, { metrics: ['spend'], from: '2026-10-01', to: '2026-10-02' })).map((o) => o.value),
      ).toEqual([800]);
      const [audited] = await app.store.audit.list(wsId, { action: 'observation.delete' });
      expect(audited).toMatchObject({ target: 'spend/douyin/2026-10-01', before: { value: 700 } });
      const unknown = await del('metric=spent&from=2026-10-01&to=2026-10-01');
      expect(unknown.status).toBe(422);
      expect(await unknown.json()).toMatchObject({ issues: [{ path: 'metric', value: 'spent' }] });
      const badDay = await del('metric=spend&from=2026-10-01&to=01/10/2026');
      expect(await badDay.json()).toMatchObject({ message: 'to: "01/10/2026" is not a date (use 2026-11-20) (got "01/10/2026")' });
      const missing = await del('metric=spend&from=2026-10-01');
      expect(await missing.json()).toMatchObject({ issues: [{ path: 'to', value: 'missing' }] });
      expect((await fetch(`${app.url}/api/v1/observations?metric=spend&from=2026-10-01&to=2026-10-02`, { method: 'DELETE' })).status).toBe(
        401,
      );
    });
  });
}
