// The outbox relay delivering to Feishu through the adapter's sender (what serve.ts registers): the
// real store, the real lark.Client, the fake Open API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutboxRelay } from '../../../src/core/delivery/outbox-relay.ts';
import type { View } from '../../../src/core/views/view.ts';
import { cardText } from '../../fakes/fake-feishu-api.ts';
import { type FeishuHarness, startFeishuHarness, TENANT } from './feishu-harness.ts';

const CHAT = 'oc_e4d2605ca917e695f54f11aaf56edb98';
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const view = (text: string, severity?: View['severity']): View => ({
  fallback: text,
  severity,
  elements: [
    { type: 'header', text },
    { type: 'text', text },
  ],
});

let h: FeishuHarness;
let ws: string;
const failed: string[] = [];
let relay: ReturnType<typeof createOutboxRelay>;
// Messages are due from their enqueue time (the real now); the relay's clock can be moved ahead of it.
let ahead = 0;
const clock = () => new Date(Date.now() + ahead);
beforeAll(async () => {
  h = await startFeishuHarness();
  ws = (await h.store.workspaces.ensure({ platform: 'feishu', externalId: TENANT, name: 't', timezone: 'Asia/Shanghai', locale: 'zh-CN' }))
    .id;
  relay = createOutboxRelay({
    outbox: h.store.outbox,
    worker: 'relay-feishu',
    senderFor: (id) => h.senderFor(id),
    now: clock,
    onFailed: async (m, reason) => {
      failed.push(`${m.key}: ${reason}`);
    },
  });
});
afterAll(() => h.close());

const enqueue = (m: { key: string; kind: 'post' | 'update' | 'reply' | 'image'; payload: unknown; target?: string }) =>
  h.store.transaction((tx) => tx.outbox.enqueue({ workspaceId: ws, channel: CHAT, ...m }));

describe('the outbox relay delivering to Feishu', () => {
  it('posts, replies in the thread and updates the card, recording Feishu’s message ids', async () => {
    await enqueue({ key: 'alert:1:post', kind: 'post', payload: view('ROI 跌破阈值', 'critical') });
    await relay.runOnce();
    const posted = await h.store.outbox.findByKey('alert:1:post');
    expect(posted?.state).toBe('sent');
    const message = h.fake.messages.find((m) => m.message_id === posted?.platformMessageId);
    expect(message?.chat_id).toBe(CHAT);
    expect(JSON.parse(message?.content ?? '{}').header).toEqual({ title: { tag: 'plain_text', content: 'ROI 跌破阈值' }, template: 'red' });

    await enqueue({ key: 'alert:1:reply', kind: 'reply', payload: view('已确认'), target: 'alert:1:post' });
    await enqueue({ key: 'alert:1:update', kind: 'update', payload: view('ROI 已恢复', 'ok'), target: 'alert:1:post' });
    await relay.runOnce();
    await relay.runOnce();
    const reply = h.fake.messages.find((m) => m.message_id === (h.fake.messages.at(-1)?.message_id ?? ''));
    expect(reply?.parent_id).toBe(posted?.platformMessageId);
    expect(cardText(message?.content ?? '{}')).toContain('ROI 已恢复');
    expect(message?.history).toHaveLength(2);
  });

  it('uploads an image and sends it as an image message', async () => {
    await enqueue({
      key: 'digest:chart',
      kind: 'image',
      payload: { pngBase64: PNG.toString('base64'), filename: 'roi.png', title: 'ROI' },
    });
    await relay.runOnce();
    const sent = await h.store.outbox.findByKey('digest:chart');
    expect(h.fake.messages.find((m) => m.message_id === sent?.platformMessageId)?.msg_type).toBe('image');
  });

  it('retries a rate-limited send after Feishu’s reset time, and gives up on a chat the bot has left', async () => {
    h.fake.fail('im.message.create', { status: 429, code: 99991400, msg: 'request trigger frequency limit', resetSeconds: 30 });
    await enqueue({ key: 'alert:2:post', kind: 'post', payload: view('x') });
    await relay.runOnce();
    const limited = await h.store.outbox.findByKey('alert:2:post');
    expect(limited?.state).toBe('pending');
    expect(limited?.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(Date.now() + 29_000);
    ahead = 31_000;
    await relay.runOnce();
    expect((await h.store.outbox.findByKey('alert:2:post'))?.state).toBe('sent');

    h.fake.fail('im.message.create', { status: 400, code: 230002, msg: 'Bot/User can NOT be out of the chat.' });
    await enqueue({ key: 'alert:3:post', kind: 'post', payload: view('y') });
    await relay.runOnce();
    expect((await h.store.outbox.findByKey('alert:3:post'))?.state).toBe('failed');
    expect(failed).toEqual(['alert:3:post: feishu 230002: Bot/User can NOT be out of the chat.']);
  });
});
