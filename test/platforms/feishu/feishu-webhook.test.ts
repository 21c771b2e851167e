import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MAX_REQUEST_AGE_MS } from '../../../src/platforms/feishu/feishu-webhook.ts';
import { cardText } from '../../fakes/fake-feishu-api.ts';
import { postFeishu } from '../../helpers/feishu-signing.ts';
import { seedChannelWeek } from '../../helpers/seed-channels.ts';
import { ENCRYPT_KEY, event, type FeishuHarness, fixture, startFeishuHarness, TENANT, VERIFICATION_TOKEN } from './feishu-harness.ts';

let h: FeishuHarness;
let wsId: string;
beforeAll(async () => {
  h = await startFeishuHarness();
  wsId = await seedChannelWeek(h.store, 'feishu', TENANT);
});
afterAll(() => h.close());

const text = (t: string) => JSON.stringify({ text: t });
const p2p = (t: string) =>
  event('message-receive-p2p.json', (f) => {
    f.event.message.content = text(t);
  });
const lastMessage = () => h.fake.messages.at(-1);

describe('Feishu webhook: signed, encrypted events over real HTTP', () => {
  it('answers the URL challenge (encrypted, with the verification token) and refuses a wrong token', async () => {
    const challenge = { ...fixture('url-verification.json'), token: VERIFICATION_TOKEN };
    const res = await postFeishu(h.events, challenge, ENCRYPT_KEY, { unsigned: true });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: 'ajls384kdjx98XX' });
    const wrong = await postFeishu(h.events, { ...challenge, token: 'not-our-token' }, ENCRYPT_KEY, { unsigned: true });
    expect(wrong.status).toBe(401);
  });

  it('answers /roi in a direct chat with an interactive card holding the numbers from sums', async () => {
    const before = h.fake.messages.length;
    const started = performance.now();
    const res = await postFeishu(h.events, p2p('/roi 上周'), ENCRYPT_KEY);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({});
    expect(performance.now() - started).toBeLessThan(3000);
    await vi.waitFor(() => expect(h.fake.messages.length).toBe(before + 1));
    const create = h.fake.callsTo('im.message.create').at(-1);
    expect(create?.query).toEqual({ receive_id_type: 'chat_id' });
    expect(create?.body).toMatchObject({ receive_id: 'oc_5ce6d572455d361153b7xx51da133945', msg_type: 'interactive' });
    expect(String(create?.body.uuid)).toMatch(/^gb-[0-9a-f]{40}$/);
    expect(create?.headers.authorization).toBe('Bearer t-fake-tenant-token');
    const card = JSON.parse(String(create?.body.content));
    expect(card.schema).toBe('2.0');
    expect(card.header.title.content).toBe('渠道 ROI · 2026-11-09 … 2026-11-15 (2026-W46)');
    const table = card.body.elements.find((e: { tag: string }) => e.tag === 'table');
    // 抖音: (1900 − 1500) / 1500 = 26.7%; SEM: (300 − 400) / 400 = −25.0%; total: (2200 − 1900) / 1900 = 15.8%.
    const row = (name: string) => table.rows.find((r: Record<string, string>) => r.c0 === name);
    expect(row('抖音')).toMatchObject({ c1: '¥1,500', c2: '¥1,900', c3: '26.7%' });
    expect(row('SEM')).toMatchObject({ c1: '¥400.00', c2: '¥300.00', c3: '-25.0%' });
    expect(row('付费渠道合计')).toMatchObject({ c1: '¥1,900', c2: '¥2,200', c3: '15.8%' });
    const refresh = JSON.stringify(card.body.elements.at(-1));
    expect(refresh).toContain('"behaviors":[{"type":"callback","value":{"action":"gb.refresh"');
  });

  it('replies in the thread of a group message that @-mentions the bot, with the placeholders stripped', async () => {
    const group = event('message-receive-group.json', (f) => {
      f.event.message.content = text('@_user_1 roi 上周');
      f.event.message.mentions = [f.event.message.mentions[0]];
    });
    h.fake.userMessage(group.event.message.message_id, group.event.message.chat_id);
    expect((await postFeishu(h.events, group, ENCRYPT_KEY)).status).toBe(200);
    await vi.waitFor(() => expect(h.fake.callsTo('im.message.reply').length).toBe(1));
    expect(lastMessage()?.parent_id).toBe('om_5ce6d572455d361153b7cb51da133946');
    const reply = h.fake.callsTo('im.message.reply')[0];
    expect(reply?.path).toBe('/open-apis/im/v1/messages/om_5ce6d572455d361153b7cb51da133946/reply');
    expect(reply?.body.msg_type).toBe('interactive');
    expect(cardText(String(reply?.body.content))).toContain('15.8%');
  });

  it('knows the bot by the open_id it looked up at start, and leaves group talk that does not mention it alone', async () => {
    expect(h.fake.callsTo('bot.info')).toHaveLength(1);
    const trailing = event('message-receive-group.json', (f) => {
      f.event.message.content = text('roi 上周 @_user_1');
    });
    h.fake.userMessage(trailing.event.message.message_id, trailing.event.message.chat_id);
    const before = h.fake.messages.length;
    const chatter = event('message-receive-group.json', (f) => {
      f.event.message.content = text('@_user_2 roi looks good this week');
      f.event.message.mentions = [f.event.message.mentions[1]];
    });
    expect((await postFeishu(h.events, chatter, ENCRYPT_KEY)).status).toBe(200);
    await postFeishu(h.events, trailing, ENCRYPT_KEY);
    await h.adapter.idle();
    expect(h.fake.messages.length).toBe(before + 1);
    expect(cardText(lastMessage()?.content ?? '{}')).toContain('26.7%');
  });

  it('answers a mistake with the usage in the workspace language and writes nothing', async () => {
    const audit = await h.store.audit.list(wsId);
    const before = h.fake.messages.length;
    await postFeishu(h.events, p2p('/kpi log spend lots'), ENCRYPT_KEY);
    await vi.waitFor(() => expect(h.fake.messages.length).toBe(before + 1));
    const said = cardText(lastMessage()?.content ?? '{}');
    expect(said).toContain('“lots”不是数值');
    expect(said).toContain('用法');
    expect(await h.store.audit.list(wsId)).toEqual(audit);
  });

  it('answers a picture with how to send commands', async () => {
    const before = h.fake.messages.length;
    const image = event('message-receive-p2p.json', (f) => {
      f.event.message.message_type = 'image';
      f.event.message.content = JSON.stringify({ image_key: 'img_v2_041b28e3-5680-48c2-9af2-497ace79333g' });
    });
    await postFeishu(h.events, image, ENCRYPT_KEY);
    await vi.waitFor(() => expect(h.fake.messages.length).toBe(before + 1));
    expect(cardText(lastMessage()?.content ?? '{}')).toContain('请用文字发送命令');
  });

  it('processes a repeated event_id once (Feishu retries, replicas race)', async () => {
    const before = h.fake.messages.length;
    const once = p2p('/roi 上周');
    const [a, b] = await Promise.all([postFeishu(h.events, once, ENCRYPT_KEY), postFeishu(h.events, once, ENCRYPT_KEY)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect((await postFeishu(h.events, once, ENCRYPT_KEY)).status).toBe(200);
    await h.adapter.idle();
    expect(h.fake.messages.length).toBe(before + 1);
  });

  it('refuses a forged signature, a stale timestamp and a wrong token with 401 and writes nothing', async () => {
    const workspaces = (await h.store.workspaces.list()).length;
    const calls = h.fake.calls.length;
    const stranger = (id: string) =>
      event('message-receive-p2p.json', (f) => {
        f.header.tenant_key = `tenant-${id}`;
        f.header.event_id = `forged-${id}`;
        f.event.message.content = text('/roi');
      });
    const forged = await postFeishu(h.events, stranger('a'), ENCRYPT_KEY, { signingKey: 'not-the-encrypt-key' });
    expect(forged.status).toBe(401);
    expect(await forged.json()).toMatchObject({ error: 'invalid_signature' });
    expect((await postFeishu(h.events, stranger('b'), ENCRYPT_KEY, { signature: 'deadbeef' })).status).toBe(401);
    const stale = Math.floor((Date.now() - MAX_REQUEST_AGE_MS - 60_000) / 1000);
    const old = await postFeishu(h.events, stranger('c'), ENCRYPT_KEY, { timestamp: stale });
    expect(old.status).toBe(401);
    expect(await old.json()).toMatchObject({ error: 'stale_request' });
    const wrongToken = stranger('d');
    wrongToken.header.token = 'someone-elses-token';
    expect((await postFeishu(h.events, wrongToken, ENCRYPT_KEY)).status).toBe(401);
    expect((await postFeishu(h.events, stranger('e'), ENCRYPT_KEY, { unsigned: true })).status).toBe(401);
    const garbage = await fetch(h.events, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"encrypt":"bm90IGFlcw=="}',
    });
    expect(garbage.status).toBe(400);
    await h.adapter.idle();
    expect((await h.store.workspaces.list()).length).toBe(workspaces);
    // A replay of a forged id later, correctly signed, is still new: nothing was recorded for it.
    expect(await h.store.inbound.firstDelivery('feishu:forged-a', 1000)).toBe(true);
    expect(h.fake.calls.length).toBe(calls);
  });

  it('refuses a body over the size limit with 413 before reading it', async () => {
    const huge = p2p(`/roi ${'x'.repeat(70 * 1024)}`);
    const res = await postFeishu(h.events, huge, ENCRYPT_KEY);
    expect(res.status).toBe(413);
  });

  it('answers a refresh click within 3 s with a toast and the updated card', async () => {
    const click = event('card-action-trigger.json', (f) => {
      f.event.action.value = { action: 'gb.refresh', value: JSON.stringify({ command: '/roi', text: '上周' }) };
    });
    const started = performance.now();
    const res = await postFeishu(h.events, click, ENCRYPT_KEY);
    expect(performance.now() - started).toBeLessThan(3000);
    const body = (await res.json()) as { toast: { type: string; content: string }; card: { type: string; data: Record<string, unknown> } };
    expect(body.toast).toEqual({ type: 'success', content: '已更新' });
    expect(body.card.type).toBe('raw');
    expect(cardText(body.card.data)).toContain('26.7%');
  });

  it('answers an unknown or expired button with a toast only', async () => {
    const click = event('card-action-trigger.json');
    const res = await postFeishu(h.events, click, ENCRYPT_KEY);
    expect(await res.json()).toEqual({ toast: { type: 'info', content: '这个按钮已失效。' } });
  });

  it('routes a reaction to the core once, with the message id and emoji type', async () => {
    const reaction = event('message-reaction-created.json');
    await postFeishu(h.events, reaction, ENCRYPT_KEY);
    await postFeishu(h.events, reaction, ENCRYPT_KEY);
    await h.adapter.idle();
    expect(h.reactions).toEqual([{ messageRef: 'om_dc13264520392913993dd051dba21dcf', reaction: 'SMILE' }]);
  });
});

describe('Feishu webhook: a card action slower than the budget', () => {
  let slow: FeishuHarness;
  beforeAll(async () => {
    slow = await startFeishuHarness({ ackBudgetMs: 50, actionDelayMs: 300 });
    await seedChannelWeek(slow.store, 'feishu', TENANT);
  });
  afterAll(() => slow.close());

  it('answers "working" at once and patches the card when the work is done', async () => {
    await postFeishu(slow.events, p2p('/roi 上周'), ENCRYPT_KEY);
    await slow.adapter.idle();
    const posted = slow.fake.messages[0];
    const click = event('card-action-trigger.json', (f) => {
      f.event.action.value = { action: 'gb.refresh', value: JSON.stringify({ command: '/roi', text: '上周' }) };
      f.event.context = { open_message_id: posted?.message_id, open_chat_id: posted?.chat_id };
    });
    const res = await postFeishu(slow.events, click, ENCRYPT_KEY);
    expect(await res.json()).toEqual({ toast: { type: 'info', content: '正在计算，马上就好…' } });
    await slow.adapter.idle();
    const patch = slow.fake.callsTo('im.message.patch')[0];
    expect(patch?.path).toBe(`/open-apis/im/v1/messages/${posted?.message_id}`);
    expect(cardText(String(patch?.body.content))).toContain('15.8%');
  });
});
