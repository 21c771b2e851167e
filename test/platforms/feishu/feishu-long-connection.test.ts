// FEISHU_MODE=ws end to end: the app starts the SDK's own WSClient against a local server that speaks
// Feishu's long-connection protocol (test/fakes/fake-feishu-ws.ts: the endpoint request, protobuf frames,
// ping/pong, event frames split by sum/seq, answer frames). A message event and a card action arrive over
// the socket; the answers go out through the fake Open API, and a click's card comes back in the answer frame.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardText } from '../../fakes/fake-feishu-api.ts';
import { header } from '../../fakes/fake-feishu-ws.ts';
import { seedChannelWeek } from '../../helpers/seed-channels.ts';
import { APP_ID, event, type FeishuHarness, startFeishuHarness, TENANT } from './feishu-harness.ts';

let h: FeishuHarness;
beforeAll(async () => {
  h = await startFeishuHarness({ mode: 'ws' });
  await seedChannelWeek(h.store, 'feishu', TENANT);
  await h.fake.longConnection.connected();
});
afterAll(() => h.close());

describe('Feishu long connection: the SDK’s WSClient against a local long-connection server', () => {
  it('asks the endpoint with the app’s credentials, connects, and pings', () => {
    expect(h.adapter.requestHandler).toBeUndefined();
    expect(h.fake.longConnection.endpointRequests).toEqual([{ AppID: APP_ID, AppSecret: 'fake-app-secret' }]);
    expect(h.fake.longConnection.pings).toBeGreaterThanOrEqual(1);
  });

  it('runs a pushed message as a command, answers the frame with 200 and sends the card through the Open API, once per event id', async () => {
    const message = event('message-receive-p2p.json', (f) => {
      f.event.message.content = JSON.stringify({ text: 'roi 上周' });
    });
    const first = await h.fake.longConnection.push(message);
    expect(first.code).toBe(200);
    expect(header(first.frame, 'biz_rt')).toBeDefined();
    // Feishu redelivers an event nobody acknowledged in time: the same event id does nothing twice.
    expect((await h.fake.longConnection.push(message)).code).toBe(200);
    await h.adapter.idle();
    expect(h.fake.messages).toHaveLength(1);
    expect(h.fake.messages[0]?.chat_id).toBe('oc_5ce6d572455d361153b7xx51da133945');
    expect(cardText(h.fake.messages[0]?.content ?? '{}')).toContain('15.8%');
  });

  it('merges an event Feishu split over several frames (sum/seq)', async () => {
    const message = event('message-receive-p2p.json', (f) => {
      f.event.message.content = JSON.stringify({ text: 'roi 抖音 上周' });
    });
    expect((await h.fake.longConnection.push(message, 3)).code).toBe(200);
    await h.adapter.idle();
    expect(cardText(h.fake.messages.at(-1)?.content ?? '{}')).toContain('26.7%');
  });

  it('answers a card action over the socket: the toast and the new card in the answer frame', async () => {
    const click = event('card-action-trigger.json', (f) => {
      f.event.action.value = { action: 'gb.refresh', value: JSON.stringify({ command: '/roi', text: '上周' }) };
    });
    const { code, answer } = await h.fake.longConnection.push(click);
    expect(code).toBe(200);
    const { toast, card } = answer as { toast: unknown; card: { type: string; data: Record<string, unknown> } };
    expect(toast).toEqual({ type: 'success', content: '已更新' });
    expect(card.type).toBe('raw');
    expect(cardText(card.data)).toContain('26.7%');
  });

  it('routes a pushed reaction to the core', async () => {
    expect((await h.fake.longConnection.push(event('message-reaction-created.json'))).code).toBe(200);
    await h.adapter.idle();
    expect(h.reactions).toEqual([{ messageRef: 'om_dc13264520392913993dd051dba21dcf', reaction: 'SMILE' }]);
  });

  it('sent only cards Feishu accepts', () => {
    expect(h.fake.violations).toEqual([]);
  });
});
