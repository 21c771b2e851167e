import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/base/logging/logger.ts';
import { PermanentDeliveryError, RateLimitedError } from '../../../src/core/errors.ts';
import type { ChatSender } from '../../../src/core/ports/chat-sender.ts';
import type { View } from '../../../src/core/views/view.ts';
import { createLarkClient, larkDomain } from '../../../src/platforms/feishu/feishu-client.ts';
import { createFeishuSender, FeishuApiError, MAX_UUID_LENGTH, sendUuid } from '../../../src/platforms/feishu/feishu-sender.ts';
import { cardText, type FakeFeishuApi, startFakeFeishuApi } from '../../fakes/fake-feishu-api.ts';

const CHAT = 'oc_5ce6d572455d361153b7xx51da133945';
const view = (text: string): View => ({
  fallback: text,
  elements: [
    { type: 'header', text },
    { type: 'text', text },
  ],
});
// A 1×1 transparent PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

let fake: FakeFeishuApi;
let sender: ChatSender;
let impatient: ChatSender;
beforeAll(async () => {
  fake = await startFakeFeishuApi();
  const client = createLarkClient({ appId: 'cli_sender0000000001', appSecret: 's', domain: fake.url }, silentLogger);
  sender = createFeishuSender(client, { locale: 'en', timeoutMs: 10_000 });
  impatient = createFeishuSender(client, { locale: 'en', timeoutMs: 200 });
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.delayMs = 0;
});

describe('the Feishu sender over the real lark.Client', () => {
  it('maps FEISHU_DOMAIN to the SDK', () => {
    expect([larkDomain('feishu'), larkDomain('lark'), larkDomain('http://127.0.0.1:9/')]).toEqual([0, 1, 'http://127.0.0.1:9']);
  });

  it('posts an interactive card to a chat with a tenant token and a uuid from the outbox key', async () => {
    const ref = await sender.post(CHAT, view('ROI 15.8%'), { key: 'alert:42:post' });
    expect(ref).toEqual({ channel: CHAT, id: fake.messages.at(-1)?.message_id });
    expect(fake.callsTo('auth.tenant_access_token')[0]?.body).toEqual({ app_id: 'cli_sender0000000001', app_secret: 's' });
    const call = fake.callsTo('im.message.create').at(-1);
    expect(call?.headers.authorization).toBe('Bearer t-fake-tenant-token');
    expect(call?.body).toMatchObject({ receive_id: CHAT, msg_type: 'interactive', uuid: sendUuid('alert:42:post') });
    expect(JSON.parse(String(call?.body.content)).header.title.content).toBe('ROI 15.8%');
  });

  it('keeps uuids within Feishu’s 50 characters and stable per key', () => {
    const long = sendUuid('x'.repeat(500));
    expect(long.length).toBeLessThanOrEqual(MAX_UUID_LENGTH);
    expect(sendUuid('a')).toBe(sendUuid('a'));
    expect(sendUuid('a')).not.toBe(sendUuid('b'));
  });

  it('does not post twice when a send times out after Feishu accepted it and the relay retries', async () => {
    await sender.post(CHAT, view('warm up the token'));
    const before = fake.messages.length;
    fake.delayMs = 1_000;
    await expect(impatient.post(CHAT, view('late'), { key: 'digest:2026-W47' })).rejects.toBeInstanceOf(FeishuApiError);
    fake.delayMs = 0;
    const ref = await sender.post(CHAT, view('late'), { key: 'digest:2026-W47' });
    expect(fake.messages.length).toBe(before + 1);
    expect(ref.id).toBe(fake.messages.at(-1)?.message_id);
    expect(fake.callsTo('im.message.create').filter((c) => c.body.uuid === sendUuid('digest:2026-W47'))).toHaveLength(2);
  });

  it('replies in a thread, and updates a card with im.message.patch', async () => {
    const root = await sender.post(CHAT, view('root'));
    const reply = await sender.post(CHAT, view('in thread'), { threadOf: root, key: 'r1' });
    expect(fake.callsTo('im.message.reply').at(-1)?.path).toBe(`/open-apis/im/v1/messages/${root.id}/reply`);
    expect(fake.messages.find((m) => m.message_id === reply.id)?.parent_id).toBe(root.id);
    await sender.update(root, view('updated'));
    const patched = fake.messages.find((m) => m.message_id === root.id);
    expect(cardText(patched?.content ?? '{}')).toContain('updated');
    expect(fake.callsTo('im.message.patch').at(-1)?.method).toBe('PATCH');
  });

  it('uploads an image, then sends it as an image message', async () => {
    const ref = await sender.postImage(CHAT, { png: PNG, filename: 'roi.png', title: 'ROI' });
    const upload = fake.callsTo('im.image.create').at(-1);
    expect(upload?.body).toEqual({ image_type: 'message' });
    expect(upload?.fileBytes).toBe(PNG.length);
    const message = fake.messages.find((m) => m.message_id === ref?.id);
    expect(message?.msg_type).toBe('image');
    expect(JSON.parse(message?.content ?? '{}').image_key).toMatch(/^img_v3_/);
  });

  it('turns Feishu’s failures into what the relay acts on', async () => {
    fake.fail('im.message.create', { status: 400, code: 230002, msg: 'Bot is not in the chat' });
    await expect(sender.post(CHAT, view('x'))).rejects.toBeInstanceOf(PermanentDeliveryError);
    fake.fail('im.message.patch', { status: 400, code: 99991672, msg: 'Access denied: scope missing' });
    await expect(sender.update({ channel: CHAT, id: fake.messages[0]?.message_id ?? '' }, view('x'))).rejects.toBeInstanceOf(
      PermanentDeliveryError,
    );
    fake.fail('im.message.create', { status: 429, code: 99991400, msg: 'request trigger frequency limit', resetSeconds: 7 });
    const limited = await sender.post(CHAT, view('x')).catch((e) => e);
    expect(limited).toBeInstanceOf(RateLimitedError);
    expect(limited.retryAfterMs).toBe(7000);
    fake.fail('im.message.create', { status: 500, code: 1500, msg: 'internal error' });
    const transient = await sender.post(CHAT, view('x')).catch((e) => e);
    expect(transient).not.toBeInstanceOf(PermanentDeliveryError);
    expect(transient).not.toBeInstanceOf(RateLimitedError);
    // And the next attempt goes through.
    await expect(sender.post(CHAT, view('x'))).resolves.toMatchObject({ channel: CHAT });
  });
});
