// The check-in's Answer button in a real browser: pressing it in the sandbox page shows the inline form, typing
// and submitting writes the note (read back from the store), and the answer replaces the form. A screenshot of
// the form goes to test-results/.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApp, startApp } from '../../src/app/serve.ts';
import { silentLogger } from '../../src/base/logging/logger.ts';
import { loadConfig } from '../../src/config/load-config.ts';
import { CHECKIN_ANSWER_ACTION } from '../../src/core/digest/send-checkin.ts';
import { escapeHtml } from '../../src/platforms/sandbox/html.renderer.ts';
import { sqliteTestDatabase } from '../helpers/test-databases.ts';
import { chromiumAvailable, launchChromium } from './browser.ts';

const available = chromiumAvailable();
const RESULTS = join(import.meta.dirname, '../../test-results');

describe.skipIf(!available)('the check-in answer form in Chromium', () => {
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
  }, 120_000);

  it('shows the form under the pressed button, and the submitted answer is kept as the note', async () => {
    const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
    await page.goto(`${app.url}/`);
    await page.click('#demo');
    await page.waitForSelector('text=已加载演示数据');
    // The check-in's button as its DM shows it (the DM itself is covered by the check-in's tests).
    const value = escapeHtml(JSON.stringify({ metric: 'roi', segment: 'douyin' }));
    await page.evaluate(
      `document.getElementById('log').insertAdjacentHTML('beforeend', '<div class="msg bot"><div class="card"><div class="actions"><button type="button" class="action" data-action-id="${CHECKIN_ANSWER_ACTION}" data-value="${value}">回答</button></div></div></div>')`,
    );
    await page.locator('button.action', { hasText: '回答' }).click();
    const form = page.locator('form.answer-form');
    await form.waitFor();
    expect(await form.locator('textarea[name="text"]').inputValue()).toBe('');
    await form.locator('textarea[name="text"]').fill('素材疲劳，周四换新素材');
    await page.screenshot({ path: join(RESULTS, 'sandbox-answer-form.png') });
    await form.locator('button[type="submit"]').click();
    await page.waitForSelector('text=已记下 抖音');
    expect(await page.locator('form.answer-form').count()).toBe(0);
    const ws = (await app.store.workspaces.list())[0];
    const audit = await app.store.audit.list(ws?.id ?? '', { action: 'meeting.note' });
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]?.after)).toContain('素材疲劳，周四换新素材');

    // Pressed again, the form holds the answer given.
    await page.locator('button.action', { hasText: '回答' }).click();
    await page.locator('form.answer-form').waitFor();
    expect(await page.locator('form.answer-form textarea[name="text"]').inputValue()).toBe('素材疲劳，周四换新素材');
  });
});
