// The "done when", as a user would run it: `growthbeat serve` with FEISHU_MODE=webhook and
// FEISHU_DOMAIN pointing at a local fake Open API, data imported with the CLI, events encrypted and signed.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { cardText, type FakeFeishuApi, startFakeFeishuApi } from '../../fakes/fake-feishu-api.ts';
import { runCli, type Served, startServe } from '../../helpers/cli-process.ts';
import { postFeishu } from '../../helpers/feishu-signing.ts';
import { importChannelWeek } from '../../helpers/seed-channels.ts';
import { sqliteTestDatabase } from '../../helpers/test-databases.ts';
import { APP_ID, ENCRYPT_KEY, event, VERIFICATION_TOKEN } from './feishu-harness.ts';

const database = sqliteTestDatabase();
const CHAT = 'oc_5ce6d572455d361153b7xx51da133945';
let fake: FakeFeishuApi;
let served: Served;
let env: Record<string, string>;

const say = (text: string) =>
  postFeishu(
    `${served.url}/feishu/events`,
    event('message-receive-p2p.json', (f) => {
      f.event.message.content = JSON.stringify({ text });
    }),
    ENCRYPT_KEY,
  );

beforeAll(async () => {
  fake = await startFakeFeishuApi();
  env = {
    DATABASE_URL: database.url,
    FEISHU_APP_ID: APP_ID,
    FEISHU_APP_SECRET: 'serve-test-app-secret',
    FEISHU_ENCRYPT_KEY: ENCRYPT_KEY,
    FEISHU_VERIFICATION_TOKEN: VERIFICATION_TOKEN,
    FEISHU_MODE: 'webhook',
    FEISHU_DOMAIN: fake.url,
    HOST: '127.0.0.1',
    DEFAULT_LOCALE: 'en',
  };
  served = await startServe(env);
  // The tenant becomes a workspace on first contact; the import then goes into it.
  expect((await say('/growth help')).status).toBe(200);
  await vi.waitFor(() => expect(fake.messages).toHaveLength(1), { timeout: 10_000 });
  const imported = await importChannelWeek(env);
  expect(imported.code).toBe(0);
}, 60_000);

afterAll(async () => {
  await served?.stop();
  await fake.close();
  await database.drop();
});

describe('growthbeat serve with Feishu in webhook mode', () => {
  it('made the tenant a zh-CN workspace, whatever DEFAULT_LOCALE says', () => {
    expect(cardText(fake.messages[0]?.content ?? '{}')).toContain('Growthbeat 命令');
  });

  it('answers a signed, encrypted /roi with an interactive card holding the right numbers, in that chat', async () => {
    const started = performance.now();
    const res = await say('/roi all 2026-11-09..2026-11-15');
    expect(res.status).toBe(200);
    expect(performance.now() - started).toBeLessThan(3000);
    await vi.waitFor(() => expect(fake.messages).toHaveLength(2), { timeout: 10_000 });
    const message = fake.messages[1];
    expect(message).toMatchObject({ chat_id: CHAT, msg_type: 'interactive' });
    const card = JSON.parse(message?.content ?? '{}');
    expect(card.header.title.content).toBe('渠道 ROI · 2026-11-09 … 2026-11-15');
    const rows = card.body.elements.find((e: { tag: string }) => e.tag === 'table').rows as Record<string, string>[];
    // 抖音: spend 1000 + 500 = 1500, revenue 1500 + 400 = 1900, ROI (1900 − 1500) / 1500 = 26.7%.
    // SEM: (300 − 400) / 400 = −25.0%. Total: spend 1900, revenue 2200, ROI (2200 − 1900) / 1900 = 15.8%.
    expect(rows.find((r) => r.c0 === '抖音')).toMatchObject({ c1: '¥1,500', c2: '¥1,900', c3: '26.7%' });
    expect(rows.find((r) => r.c0 === 'SEM')).toMatchObject({ c3: '-25.0%' });
    expect(rows.find((r) => r.c0 === '付费渠道合计')).toMatchObject({ c1: '¥1,900', c2: '¥2,200', c3: '15.8%' });
  });

  it('answers the refresh button on that card within 3 s with a toast and the updated card', async () => {
    const card = JSON.parse(fake.messages[1]?.content ?? '{}');
    const value = card.body.elements.at(-1).columns[0].elements[0].behaviors[0].value;
    expect(value.action).toBe('gb.refresh');
    const click = event('card-action-trigger.json', (f) => {
      f.event.action.value = value;
      f.event.context = { open_message_id: fake.messages[1]?.message_id, open_chat_id: CHAT };
    });
    const started = performance.now();
    const res = await postFeishu(`${served.url}/feishu/events`, click, ENCRYPT_KEY);
    const ms = performance.now() - started;
    expect(ms).toBeLessThan(3000);
    const body = (await res.json()) as { toast: unknown; card: { type: string; data: Record<string, unknown> } };
    expect(body.toast).toEqual({ type: 'success', content: '已更新' });
    expect(body.card.type).toBe('raw');
    expect(cardText(body.card.data)).toContain('15.8%');
    console.log(`[feishu] card.action.trigger through growthbeat serve answered in ${ms.toFixed(0)} ms`);
  });

  it('refuses to start, in one line naming the variable, when Feishu rejects the credentials', async () => {
    const other = sqliteTestDatabase();
    fake.fail('bot.info', { status: 400, code: 99991672, msg: 'Access denied: the app has no bot' });
    const run = await runCli(['serve'], { ...env, DATABASE_URL: other.url, PORT: '0' });
    await other.drop();
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/Feishu refused to start: .*Check FEISHU_APP_ID, FEISHU_APP_SECRET and FEISHU_DOMAIN/);
  });

  it('never writes the app secret, the encrypt key, the verification token or the tenant token to its logs', async () => {
    // A forged event and a failed send go through the paths that log.
    await fetch(`${served.url}/feishu/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"encrypt":"x"}',
    });
    const logs = served.logs();
    expect(logs.length).toBeGreaterThan(0);
    for (const secret of ['serve-test-app-secret', ENCRYPT_KEY, VERIFICATION_TOKEN, 't-fake-tenant-token'])
      expect(logs).not.toContain(secret);
  });
});
