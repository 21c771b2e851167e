// Charts and private answers in Feishu, through the real Lark dispatcher over signed, encrypted HTTP and the
// real lark.Client against the fake Open API. One chart path: the PNG is uploaded through im/v1/images and the
// card's img names the image_key Feishu returned (never the chart's internal name). "Only you see it": in a
// group, a card sent with ephemeral/v1/send to the asker alone; a direct chat is private already; a topic
// group, where no card can be private, gets the answer in the chat, labelled as seen by the chat.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createChartRenderer } from '../../../src/charts/vega-chart.renderer.ts';
import { createOutboxRelay } from '../../../src/core/delivery/outbox-relay.ts';
import { BOT_OPEN_ID, cardImages, cardText } from '../../fakes/fake-feishu-api.ts';
import { postFeishu } from '../../helpers/feishu-signing.ts';
import { seedChannelWeek } from '../../helpers/seed-channels.ts';
import { ENCRYPT_KEY, event, type FeishuHarness, startFeishuHarness, TENANT } from './feishu-harness.ts';

const ASKER = 'ou_84aad35d084aa403a838cf73ee18467'; // the fixtures' sender: the workspace's first member, its admin
const GROUP = 'oc_5ce6d572455d361153b7xx51da133945';
const DIGEST_CHAT = 'oc_growth0000000000000000000000000';
const BOT = { key: '@_user_1', id: { open_id: BOT_OPEN_ID }, name: 'Growthbeat' };

let h: FeishuHarness;
let wsId: string;
beforeAll(async () => {
  h = await startFeishuHarness({ charts: createChartRenderer() });
  wsId = await seedChannelWeek(h.store, 'feishu', TENANT);
  // The group fixture's question, which answers reply to: Feishu knows it, the fake is told.
  h.fake.userMessage('om_5ce6d572455d361153b7cb51da133946', GROUP);
});
afterAll(() => h.close());

/** A message as Feishu delivers it: a direct chat, or a group (or topic group) message that @-mentions the bot. */
async function say(chatType: 'p2p' | 'group' | 'topic_group', text: string): Promise<void> {
  const e =
    chatType === 'p2p'
      ? event('message-receive-p2p.json', (f) => {
          f.event.message.content = JSON.stringify({ text });
        })
      : event('message-receive-group.json', (f) => {
          f.event.message.chat_type = chatType;
          f.event.message.content = JSON.stringify({ text: `@_user_1 ${text}` });
          f.event.message.mentions = [BOT];
        });
  expect((await postFeishu(h.events, e, ENCRYPT_KEY)).status).toBe(200);
  await h.adapter.idle();
}

const uploadsSince = (n: number) => h.fake.imageKeys.slice(n);

describe('the digest preview in Feishu', () => {
  it('in a group: a card only the asker sees, its chart uploaded and shown inside it', async () => {
    const [messages, uploads] = [h.fake.messages.length, h.fake.imageKeys.length];
    await say('group', '/growth digest preview');
    expect(h.fake.messages.length).toBe(messages); // nothing the group sees
    const card = h.fake.ephemerals.at(-1);
    expect(card).toMatchObject({ chat_id: GROUP, open_id: ASKER });
    expect(cardText(card?.card ?? {})).toContain('预览（仅你可见，未发送）');
    expect(cardText(card?.card ?? {})).toContain('增长周报 · 2026-W46');
    // One week of channel data: the ROI chart (no activity days, so no retention chart).
    const keys = cardImages(card?.card ?? {});
    expect(keys).toHaveLength(1);
    expect(keys).toEqual(uploadsSince(uploads));
    expect(JSON.stringify(card?.card)).not.toMatch(/"img_key":"(channel-roi|retention)"/);
    for (const upload of h.fake.callsTo('im.image.create').slice(-1)) {
      expect(upload.body.image_type).toBe('message');
      expect(upload.fileBytes).toBeGreaterThan(1000);
    }
  }, 60_000);

  it('in a direct chat: the next message, private by nature, with the charts inside', async () => {
    const uploads = h.fake.imageKeys.length;
    await say('p2p', '/growth digest preview');
    const m = h.fake.messages.at(-1);
    expect(m?.msg_type).toBe('interactive');
    expect(cardText(m?.content ?? '{}')).toContain('预览（仅你可见，未发送）');
    expect(cardImages(m?.content ?? '{}')).toEqual(uploadsSince(uploads));
  }, 60_000);

  it('in a topic group, where no card is private: a reply the chat sees, and it says so', async () => {
    const ephemerals = h.fake.ephemerals.length;
    await say('topic_group', '/growth digest preview');
    expect(h.fake.ephemerals.length).toBe(ephemerals);
    const m = h.fake.messages.at(-1);
    expect(m?.parent_id).toBe('om_5ce6d572455d361153b7cb51da133946');
    const text = cardText(m?.content ?? '{}');
    expect(text).toContain('预览（本会话的成员都能看到，未发送）');
    expect(text).not.toContain('仅你可见');
  }, 60_000);
});

describe('answers for the asker alone in a Feishu group', () => {
  it('a usage mistake goes to the asker alone; an answer for everyone is a reply in the group', async () => {
    const [messages, ephemerals] = [h.fake.messages.length, h.fake.ephemerals.length];
    await say('group', '/roi 明天后天');
    expect(h.fake.messages.length).toBe(messages);
    expect(h.fake.ephemerals.length).toBe(ephemerals + 1);
    expect(h.fake.ephemerals.at(-1)?.open_id).toBe(ASKER);
    await say('group', '/roi 上周');
    expect(h.fake.messages.length).toBe(messages + 1);
    expect(cardText(h.fake.messages.at(-1)?.content ?? '{}')).toContain('15.8%');
  });
});

describe('/growth digest send typed in Feishu', () => {
  it('posts the digest card and the manager’s direct message with the chart uploaded and shown inside, and no separate image messages', async () => {
    await h.store.workspaces.update(wsId, { settings: { digest: { channel: DIGEST_CHAT, managers: [ASKER] } } });
    const uploads = h.fake.imageKeys.length;
    await say('p2p', '/growth digest send');
    expect(cardText(h.fake.messages.at(-1)?.content ?? '{}')).toContain('已排入发送');
    const relay = createOutboxRelay({ outbox: h.store.outbox, senderFor: h.senderFor, worker: 'w', baseDelayMs: 0 });
    await vi.waitFor(async () => {
      await relay.runOnce();
      expect(h.fake.messages.filter((m) => m.chat_id === DIGEST_CHAT)).toHaveLength(1);
      expect(h.fake.messages.filter((m) => m.chat_id === ASKER)).toHaveLength(1);
    });
    for (let i = 0; i < 3; i++) await relay.runOnce();
    const posted = h.fake.messages.filter((m) => m.chat_id === DIGEST_CHAT);
    expect(posted.map((m) => m.msg_type)).toEqual(['interactive']);
    // Each message uploads its own copy (the channel's card, then the manager's direct message).
    const keys = cardImages(posted[0]?.content ?? '{}');
    expect(keys).toHaveLength(1);
    expect(uploadsSince(uploads)).toHaveLength(2);
    expect(uploadsSince(uploads)).toContain(keys[0]);
    expect(cardText(posted[0]?.content ?? '{}')).toContain('增长周报 · 2026-W46');
    // The manager's direct message goes to their open_id (receive_id_type open_id), its chart inside too.
    const dm = h.fake.callsTo('im.message.create').find((c) => c.body.receive_id === ASKER);
    expect(dm?.query.receive_id_type).toBe('open_id');
    expect(cardImages(String(dm?.body.content))).toHaveLength(1);
    expect(cardText(String(dm?.body.content))).not.toContain('图表');
    expect(await h.store.outbox.list({ workspaceId: wsId, state: 'pending' })).toEqual([]);
  }, 60_000);
});
