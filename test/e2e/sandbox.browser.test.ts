// A newcomer's first minute, in a real browser: open the sandbox, load the demo, type /roi, check the
// numbers against sums this test computes from the stored rows, press Refresh. Screenshots go to test-results/.
import { mkdirSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type RunningApp, startApp } from '../../src/app/serve.ts';
import { silentLogger } from '../../src/base/logging/logger.ts';
import { loadConfig } from '../../src/config/load-config.ts';
import { addDays } from '../../src/core/time/day-math.ts';
import { dayInZone } from '../../src/core/time/zoned-today.ts';
import { sqliteTestDatabase } from '../helpers/test-databases.ts';
import { chromiumAvailable, launchChromium } from './browser.ts';

const available = chromiumAvailable();
const RESULTS = join(import.meta.dirname, '../../test-results');

describe.skipIf(!available)('the sandbox in Chromium', () => {
  const database = sqliteTestDatabase();
  let app: RunningApp;
  let browser: Browser;
  beforeAll(async () => {
    mkdirSync(RESULTS, { recursive: true });
    app = await startApp(loadConfig({ DATABASE_URL: database.url, PORT: '0', LOG_LEVEL: 'silent', DEFAULT_LOCALE: 'zh-CN' }), silentLogger);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await database.drop();
  });

  it('loads the demo, answers /roi with the right total, and refreshes in place', async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    await page.goto(`${app.url}/`);
    expect(await page.textContent('header .badge')).toContain('本地沙盒');
    await page.click('#demo');
    await page.waitForSelector('text=已加载演示数据');

    await page.fill('#text', '/roi');
    await page.press('#text', 'Enter');
    const card = page.locator('.msg.bot .card').last();
    await card.locator('table').waitFor();
    await page.screenshot({ path: join(RESULTS, 'sandbox-roi.png') });

    // The total row is the paid channels' (自然流量 is organic), computed here from the stored rows of the last 7 complete days.
    const ws = (await app.store.workspaces.list())[0]!;
    const yesterday = addDays(dayInZone(new Date(), ws.timezone), -1);
    const rows = await app.store.observations.query(ws.id, { metrics: ['spend', 'revenue'], from: addDays(yesterday, -6), to: yesterday });
    const sum = (m: string) => rows.filter((r) => r.metric === m && r.segment !== 'organic').reduce((s, r) => s + r.value, 0);
    const roi = (sum('revenue') - sum('spend')) / sum('spend');
    const totalCells = await card.locator('tr.total td').allTextContents();
    expect(totalCells[0]).toBe('付费渠道合计');
    expect(totalCells[3]).toBe(`${(roi * 100).toFixed(1)}%`);
    expect(await card.locator('tbody tr').count()).toBe(8); // 7 channels and the total

    const before = await page.locator('.msg.bot').count();
    await card.locator('button.action').click();
    await page.waitForTimeout(300);
    expect(await page.locator('.msg.bot').count()).toBe(before);
    expect(await page.locator('.msg.bot .card').last().locator('tr.total td').nth(3).textContent()).toBe(totalCells[3]);

    await page.fill('#text', '/roi 快手');
    await page.press('#text', 'Enter');
    await page.waitForSelector('text=没有渠道“快手”');
    expect(await page.locator('.card.ephemeral').count()).toBe(1);
    await page.screenshot({ path: join(RESULTS, 'sandbox-usage.png') });
  });
  it('enables the playbook, shows the alerts it fires in the channel, and Acknowledge changes the state in place', async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 1200 } });
    await page.goto(`${app.url}/`);
    await page.fill('#text', '/alerts playbook on');
    await page.press('#text', 'Enter');
    await page.waitForSelector('text=已启用默认规则 7 条');
    // The outbox delivers the alert messages to the sandbox channel; the page polls them in.
    const alert = page.locator('.msg.bot', { hasText: '预警：抖音 · ROI' }).first();
    await alert.waitFor({ timeout: 15_000 });
    expect(await alert.textContent()).toContain('策略复盘');
    await alert.locator('button.action', { hasText: '确认' }).click();
    await alert.locator('text=已确认').waitFor();
    const ws = (await app.store.workspaces.list())[0]!;
    const open = await app.store.alerts.listOpen(ws.id);
    expect(open.find((a) => a.segment === 'douyin')?.state).toBe('acknowledged');
    await page.screenshot({ path: join(RESULTS, 'sandbox-alert.png'), fullPage: true });
    // /alerts lists what is open, with buttons; Resolve takes it off the list.
    await page.fill('#text', '/alerts');
    await page.press('#text', 'Enter');
    const list = page.locator('.msg.bot', { hasText: '未处理的预警' }).last();
    await list.waitFor();
    const count = await list.locator('button.action', { hasText: '解决' }).count();
    expect(count).toBe(open.length);
    await list.locator('button.action', { hasText: '解决' }).first().click();
    await expect.poll(async () => (await app.store.alerts.listOpen(ws.id)).length).toBe(open.length - 1);
    await expect
      .poll(() => page.locator('.msg.bot', { hasText: '未处理的预警' }).last().locator('button.action', { hasText: '解决' }).count())
      .toBe(count - 1);
  });

  it('previews the weekly digest with its chart images loaded from the sandbox', async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    await page.goto(`${app.url}/`);
    await page.click('#demo');
    await page.waitForSelector('text=已加载演示数据');
    await page.fill('#text', '/growth 周报 预览');
    await page.press('#text', 'Enter');
    const card = page.locator('.msg.bot .card', { hasText: '增长周报' }).last(); // alert messages may arrive in between
    await card.locator('figure img').first().waitFor();
    expect(await card.locator('h3').first().textContent()).toMatch(/^增长周报 · \d{4}-W\d{2}$/);
    expect(await card.getAttribute('class')).toContain('ephemeral');
    const images = card.locator('figure img');
    expect(await images.count()).toBe(2);
    // Loaded, not broken: a decoded image has a natural width (the charts are drawn at 2x).
    const widths = () => images.evaluateAll((all) => all.map((i) => (i as unknown as { naturalWidth: number }).naturalWidth));
    await vi.waitFor(async () => expect((await widths()).every((w) => w > 0)).toBe(true), { timeout: 10_000, interval: 100 });
    expect((await widths()).every((w) => w > 1000)).toBe(true);
    // The images are served to this machine only, like every sandbox route.
    const src = (await images.first().getAttribute('src')) as string;
    expect((await fetch(`${app.url}${src}`)).headers.get('content-type')).toBe('image/png');
    const status = await new Promise<number | undefined>((resolve, reject) =>
      get(`${app.url}${src}`, { headers: { host: 'evil.example' } }, (res) => {
        res.resume();
        resolve(res.statusCode);
      }).on('error', reject),
    );
    expect(status).toBe(403);
    await page.screenshot({ path: join(RESULTS, 'sandbox-digest.png'), fullPage: true });
  });
});
