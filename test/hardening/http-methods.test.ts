// Issue 21, item 6, across every route of the one server (the whole app, started as `serve` starts it):
// a wrong method is a 405 naming the allowed one, never a 500 with an error-level stack in the log, and a
// Content-Type with parameters (`; charset=utf-8`, any case) is read like the bare media type.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApp, startApp } from '../../src/app/serve.ts';
import { createLogger } from '../../src/base/logging/logger.ts';
import { loadConfig } from '../../src/config/load-config.ts';
import { type FakeFeishuApi, startFakeFeishuApi } from '../fakes/fake-feishu-api.ts';
import { type FakeSlackApi, startFakeSlackApi } from '../fakes/fake-slack-api.ts';
import { sqliteTestDatabase, type TestDatabase } from '../helpers/test-databases.ts';
import { APP_ID, ENCRYPT_KEY, VERIFICATION_TOKEN } from '../platforms/feishu/feishu-harness.ts';

const logs: string[] = [];
const logger = createLogger('debug', (line) => logs.push(line));
const errorLines = () => logs.filter((l) => JSON.parse(l).level === 'error');
const databases: TestDatabase[] = [];
let slackFake: FakeSlackApi;
let feishuFake: FakeFeishuApi;
let chat: RunningApp;
let sandbox: RunningApp;
let token: string;
let workspaceId: string;

beforeAll(async () => {
  slackFake = await startFakeSlackApi({ id: 'T0001', name: 'example' });
  feishuFake = await startFakeFeishuApi();
  const [a, b] = [sqliteTestDatabase(), sqliteTestDatabase()];
  databases.push(a, b);
  chat = await startApp(
    loadConfig({
      DATABASE_URL: a.url,
      PORT: '0',
      HOST: '127.0.0.1',
      SLACK_SIGNING_SECRET: 'methods-test-secret',
      SLACK_BOT_TOKEN: 'xoxb-methods-test',
      SLACK_API_URL: slackFake.apiUrl,
      FEISHU_APP_ID: APP_ID,
      FEISHU_APP_SECRET: 'methods-test-app-secret',
      FEISHU_ENCRYPT_KEY: ENCRYPT_KEY,
      FEISHU_VERIFICATION_TOKEN: VERIFICATION_TOKEN,
      FEISHU_MODE: 'webhook',
      FEISHU_DOMAIN: feishuFake.url,
    }),
    logger,
  );
  const ws = await chat.store.workspaces.ensure({ platform: 'slack', externalId: 'T1', name: 'A', timezone: 'UTC', locale: 'en' });
  workspaceId = ws.id;
  token = (await chat.store.apiTokens.create(ws.id, 'job')).secret;
  sandbox = await startApp(loadConfig({ DATABASE_URL: b.url, PORT: '0', HOST: '127.0.0.1' }), logger);
}, 60_000);

afterAll(async () => {
  await chat?.stop();
  await sandbox?.stop();
  await slackFake?.close();
  await feishuFake?.close();
  for (const d of databases) await d.drop();
});

describe('a wrong method on a route', () => {
  it('is a 405 with Allow: POST on Slack, Feishu and the sandbox (POST, DELETE on the ingest API), with no error logged', async () => {
    const before = errorLines().length;
    const routes = [
      [chat, '/slack/events'],
      [chat, '/feishu/events'],
      [chat, '/api/v1/observations'],
      [sandbox, '/sandbox/command'],
      [sandbox, '/sandbox/action'],
      [sandbox, '/sandbox/demo'],
    ] as const;
    // The ingest API also deletes (DELETE /api/v1/observations): only the other methods are wrong there.
    const allowed = (path: string) => (path === '/api/v1/observations' ? ['POST', 'DELETE'] : ['POST']);
    for (const [app, path] of routes)
      for (const method of ['GET', 'PUT', 'DELETE', 'PATCH'].filter((m) => !allowed(path).includes(m))) {
        const res = await fetch(`${app.url}${path}`, { method });
        expect(res.status, `${method} ${path}`).toBe(405);
        expect(res.headers.get('allow'), `${method} ${path}`).toBe(allowed(path).join(', '));
        await res.body?.cancel();
      }
    expect(errorLines().slice(before)).toEqual([]);
  });
});

describe('media type parameters', () => {
  const observe = (contentType: string, value: number) =>
    fetch(`${chat.url}/api/v1/observations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
      body: JSON.stringify({ observations: [{ date: '2026-11-20', metric: 'spend', value }] }),
    });

  it('the ingest API reads `application/json; charset=utf-8` in any case, and refuses a charset it would misread', async () => {
    expect((await observe('application/json; charset=utf-8', 1)).status).toBe(200);
    expect((await observe('Application/JSON;Charset="UTF-8"', 2)).status).toBe(200);
    const latin = await observe('application/json; charset=iso-8859-1', 3);
    expect(latin.status).toBe(415);
    expect(((await latin.json()) as { message: string }).message).toContain('UTF-8');
    const [row] = await chat.store.observations.query(workspaceId, {
      metrics: ['spend'],
      from: '2026-11-20',
      to: '2026-11-20',
    });
    expect(row?.value).toBe(2);
  });

  it('the sandbox reads its JSON with parameters and in any case', async () => {
    for (const type of ['application/json; charset=utf-8', 'Application/Json; charset=UTF-8']) {
      const res = await fetch(`${sandbox.url}/sandbox/command`, {
        method: 'POST',
        headers: { 'content-type': type },
        body: JSON.stringify({ text: '/growth help' }),
      });
      expect(res.status, type).toBe(200);
      expect(((await res.json()) as { html: string }).html).toContain('/kpi');
    }
  });
});

describe('values out of range through the ingest API', () => {
  it('1e300 and a literal 1e400 (Infinity once parsed) are 422 naming the value field; nothing is written', async () => {
    const post = (body: string) =>
      fetch(`${chat.url}/api/v1/observations`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body,
      });
    for (const value of ['1e300', '-1e16', '1e400']) {
      const res = await post(`{"observations":[{"date":"2026-11-21","metric":"spend","value":${value}}]}`);
      expect(res.status, value).toBe(422);
      const answer = (await res.json()) as { message: string };
      expect(answer.message, value).toMatch(/^observations(\.0\.|\[0\]\.)value: /);
    }
    expect(await chat.store.observations.query(workspaceId, { metrics: ['spend'], from: '2026-11-21', to: '2026-11-21' })).toEqual([]);
  });
});
