import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApp, startApp } from '../../../src/app/serve.ts';
import { silentLogger } from '../../../src/base/logging/logger.ts';
import { loadConfig } from '../../../src/config/load-config.ts';
import { sqliteTestDatabase } from '../../helpers/test-databases.ts';

const database = sqliteTestDatabase();
let app: RunningApp;
const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${app.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

beforeAll(async () => {
  app = await startApp(loadConfig({ DATABASE_URL: database.url, PORT: '0', LOG_LEVEL: 'silent' }), silentLogger);
});
afterAll(async () => {
  await app.stop();
  await database.drop();
});

describe('the local sandbox (no chat credentials)', () => {
  it('listens on 127.0.0.1 and serves a page labelled as a local sandbox', async () => {
    expect(app.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const page = await fetch(`${app.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).toContain('本地沙盒 · 未连接 Slack 或飞书');
    expect(html).toContain('加载演示数据');
  });

  it('answers commands with the same core as Slack, loads the demo, and refreshes with a button', async () => {
    const empty = (await (await post('/sandbox/command', { text: '/roi' })).json()) as { html: string };
    expect(empty.html).toContain('没有花费或收入数据');
    const demo = (await (await post('/sandbox/demo', {})).json()) as { html: string; summary: { inserted: number; channels: string[] } };
    expect(demo.summary.channels).toContain('抖音');
    expect(demo.summary.inserted).toBeGreaterThan(4000);
    const roi = (await (await post('/sandbox/command', { text: 'roi 抖音 近7天' })).json()) as { html: string; ephemeral: boolean };
    expect(roi.ephemeral).toBe(false);
    expect(roi.html).toContain('抖音 · ROI');
    const value = roi.html.match(/data-value="([^"]+)"/)?.[1]?.replace(/&quot;/g, '"') as string;
    const refreshed = (await (await post('/sandbox/action', { actionId: 'gb.refresh', value })).json()) as {
      html: string;
      replace: boolean;
    };
    expect(refreshed.replace).toBe(true);
    expect(refreshed.html).toContain('抖音 · ROI');
    const wrong = (await (await post('/sandbox/command', { text: '/roi 快手' })).json()) as { html: string; ephemeral: boolean };
    expect(wrong.ephemeral).toBe(true);
    expect(wrong.html).toContain('没有渠道“快手”');
  });

  it('loads the same demo twice without changing anything', async () => {
    const again = (await (await post('/sandbox/demo', {})).json()) as { summary: { inserted: number; updated: number; unchanged: number } };
    expect(again.summary).toMatchObject({ inserted: 0, updated: 0 });
    expect(again.summary.unchanged).toBeGreaterThan(4000);
  });

  it('refuses a DNS-rebinding page whose Host and Origin agree but are not this machine', async () => {
    const { request } = await import('node:http');
    const port = new URL(app.url).port;
    const status = (path: string, method: string, headers: Record<string, string>, body?: string) =>
      new Promise<number>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end(body);
      });
    const evil = { host: `evil.example:${port}`, origin: `http://evil.example:${port}`, 'content-type': 'application/json' };
    expect(await status('/sandbox/command', 'POST', evil, JSON.stringify({ text: '/growth settings timezone UTC' }))).toBe(403);
    expect(await status('/', 'GET', { host: `evil.example:${port}` })).toBe(403);
    expect((await app.store.workspaces.list())[0]?.timezone).toBe('Asia/Shanghai');
    expect(await status('/', 'GET', { host: `localhost:${port}` })).toBe(200);
  });

  it('refuses cross-origin, non-JSON and oversized requests', async () => {
    expect((await post('/sandbox/command', { text: '/roi' }, { origin: 'http://evil.example' })).status).toBe(403);
    const form = await fetch(`${app.url}/sandbox/command`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'text=/roi',
    });
    expect(form.status).toBe(403);
    expect((await post('/sandbox/command', { text: 'x'.repeat(20_000) })).status).toBe(413);
  });
});
