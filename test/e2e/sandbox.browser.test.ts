// A newcomer's first minute, in a real browser: open the sandbox, load the demo, type /roi, check the
// numbers against sums this test computes from the stored rows, press Refresh. Screenshots go to test-results/.
import { mkdirSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type RunningApp, startApp } from '../../src/app/serve.ts';
import { silentLogger } from '../../src/base/logging/logger.ts';
import { loadConfig } from '../../src/config/load-config.ts';
import { addDays } from '../../src/core/time/day-math.ts';
import { dayInZone } from '../../src/core/time/zoned-today.ts';
import { decodePng, inkGrid } from '../helpers/png-decode.ts';
import { sqliteTestDatabase } from '../helpers/test-databases.ts';
import { chromiumAvailable, launchChromium } from './browser.ts';

const available = chromiumAvailable();

/** Mean difference of two ink fingerprints (as in test/charts/chart-png.test.ts). */
const distance = (a: number[], b: number[]) => a.reduce((sum, v, i) => sum + Math.abs(v - (b[i] ?? 0)), 0) / a.length;

/** Types a command and waits for its answer (the last bot card containing `expect`). */
async function ask(page: Page, text: string, expectText: string) {
  await page.fill('#text', text);
  await page.press('#text', 'Enter');
  const card = page.locator('.msg.bot .card', { hasText: expectText }).last();
  await card.waitFor();
  return card;
}

/**
 * Draws `text` in the computed font of `selector` at 56 px on white, screenshots it and decodes the PNG:
 * the glyph check the chart tests use, in the browser, with the page's own CSS.
 */
async function drawn(page: Page, selector: string, text: string) {
  // A string, run in the page (this project's TypeScript has no DOM types).
  await page.evaluate(`(() => {
    const style = getComputedStyle(document.querySelector(${JSON.stringify(selector)}));
    const probe = document.createElement('div');
    probe.id = 'glyph-probe';
    probe.textContent = ${JSON.stringify(text)};
    probe.style.cssText = 'position:fixed;left:0;top:0;z-index:9999;background:#fff;color:#000;padding:4px;line-height:1.2;font-size:56px';
    probe.style.fontFamily = style.fontFamily;
    probe.style.fontWeight = style.fontWeight;
    document.body.appendChild(probe);
  })()`);
  const png = await page.locator('#glyph-probe').screenshot();
  await page.evaluate("document.getElementById('glyph-probe').remove()");
  return decodePng(png);
}
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
    // Each step timed: a slow one is named in the output instead of a bare hook timeout (seen once in a full run on a
    // loaded machine, never alone).
    for (const [step, run] of [
      ['browser.close', () => browser?.close()],
      ['app.stop', () => app?.stop()],
    ] as const) {
      const started = Date.now();
      await run();
      if (Date.now() - started > 5_000) console.warn(`[sandbox.browser] ${step} took ${Date.now() - started} ms`);
    }
    await database.drop();
  }, 120_000);

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
    await card.locator('figure img').first().waitFor({ timeout: 60_000 }); // two charts drawn on a shared 2-core machine
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

  it('on a 390 px phone: the README’s @mentions work as written, owners are listed, Chinese is real glyphs, nothing scrolls sideways', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
    await page.goto(`${app.url}/`);
    await page.click('#demo');
    await page.waitForSelector('text=已加载演示数据');
    // The README's examples, typed as written (README.md and README.zh-CN.md).
    await ask(page, '/growth owners roi @alice', 'ROI 的负责人：@alice');
    await ask(page, '/growth owners 获客成本 @小王', '获客成本 的负责人：@小王');
    await ask(page, '/growth owners 抖音 @小李', '抖音 的负责人：@小李');
    await ask(page, '/growth digest managers @alice @bob', '@alice @bob');
    const settings = await ask(page, '/growth digest', '周报设置');
    expect(await settings.textContent()).toContain('@alice @bob');
    await ask(page, '/alerts rule add roi each falls 2d 15% owner 抖音 @alice note review the channel', '已添加规则');
    // The playbook the demo turned on watches 3 days × 10% already: the same rule is refused, naming it.
    await ask(page, '/alerts rule add roi each falls 3d 10%', '已有同样的规则');
    await ask(page, '/alerts rule add 获客成本 高于 80 近7天 负责人 抖音 @小王 升级 2 @经理', '已添加规则');
    await ask(page, '@Growthbeat /growth digest managers @小王 @小李', '@小王 @小李');
    // Plain names resolve to the members the first mentions created, in any case and full width.
    await ask(page, '/growth owners 花费 ＠ALICE', '花费 的负责人：@alice');

    const owners = await ask(page, '/growth owners', '指标负责人');
    const rows = (await owners.locator('tbody tr').allTextContents()).map((r) => r.replace(/\s+/g, ' ').trim());
    expect(rows).toEqual(expect.arrayContaining(['ROI@alice', '获客成本@小王', '花费@alice', '抖音@小李']));
    const members = await ask(page, '/growth members', '成员（');
    const listed = (await members.locator('tbody tr').allTextContents()).map((r) => r.trim());
    // Admins first, then by name in the workspace's language (zh-CN: pinyin order, 经理 jīnglǐ before 小李 xiǎolǐ).
    expect(listed).toEqual(['@you管理员', '@经理成员', '@小李成员', '@小王成员', '@alice成员', '@bob成员']);
    const ws = (await app.store.workspaces.list())[0]!;
    const byName = new Map((await app.store.members.list(ws.id)).map((m) => [m.displayName, m.id]));
    const rules = await app.store.alerts.listRules(ws.id);
    expect(rules.filter((r) => !r.playbookKey).map((r) => [r.metric, r.segmentOwners, r.escalateTo])).toEqual([
      ['roi', { douyin: [byName.get('alice')] }, []],
      ['cac', { douyin: [byName.get('小王')] }, [byName.get('经理')]],
    ]);
    await page.screenshot({ path: join(RESULTS, 'sandbox-390-mentions.png'), fullPage: true });
    await page.screenshot({ path: join(RESULTS, 'sandbox-390.png') });
    await page.evaluate('scrollTo(0, 0)');
    await page.screenshot({ path: join(RESULTS, 'sandbox-390-top.png') });

    // Nothing wider than the phone: tables scroll inside their cards, the chips inside their row.
    const widths = (await page.evaluate(
      '({ page: document.documentElement.scrollWidth, body: document.body.scrollWidth, view: innerWidth })',
    )) as { page: number; body: number; view: number };
    expect(widths.view).toBe(390);
    expect(widths.page).toBeLessThanOrEqual(390);
    expect(widths.body).toBeLessThanOrEqual(390);
    const input = await page.locator('#text').boundingBox();
    expect((input?.x ?? -1) >= 0 && (input?.x ?? 0) + (input?.width ?? 999) <= 390).toBe(true);

    // The Chinese heading with the served font: real glyphs, not the missing-glyph box.
    const heading = members.locator('h3');
    expect(await heading.textContent()).toMatch(/^成员（\d+）$/);
    await page.evaluate('document.fonts.ready.then(() => true)');
    expect(await page.evaluate(`document.fonts.check('700 16px "Growthbeat CJK"', '成员')`)).toBe(true);
    await heading.screenshot({ path: join(RESULTS, 'sandbox-390-heading.png') });
    const selector = '.msg.bot:last-child .card h3';
    const glyphs = [];
    for (const char of ['成', '员', '负', '责']) glyphs.push(inkGrid(await drawn(page, selector, char), 8, 8));
    const box = inkGrid(await drawn(page, selector, '\uE000'), 8, 8); // private use: no font has it
    for (const g of glyphs) {
      expect(g.reduce((a, b) => a + b, 0) / g.length).toBeGreaterThan(0.05);
      expect(distance(g, box)).toBeGreaterThan(0.02);
    }
    // Boxes would all look alike; real glyphs differ from one another.
    for (let i = 1; i < glyphs.length; i++) expect(distance(glyphs[0]!, glyphs[i]!)).toBeGreaterThan(0.02);
  }, 180_000); // eleven commands typed in a real browser: over a minute on a shared 2-core machine
});
