// FEISHU_MODE=ws: WSClient cannot reach a real Feishu from a test, so the dispatcher it drives is called
// the way WSClient calls it (`invoke(event, { needCheck: false })`, the event as pushed, unencrypted).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardText } from '../../fakes/fake-feishu-api.ts';
import { seedChannelWeek } from '../../helpers/seed-channels.ts';
import { event, type FeishuHarness, startFeishuHarness, TENANT } from './feishu-harness.ts';

let h: FeishuHarness;
beforeAll(async () => {
  h = await startFeishuHarness({ mode: 'ws' });
  await seedChannelWeek(h.store, 'feishu', TENANT);
});
afterAll(() => h.close());

const invoke = (data: unknown) => h.adapter.dispatcher.invoke(data, { needCheck: false });

describe('Feishu long connection: the same handlers behind the SDK’s EventDispatcher', () => {
  it('has no webhook route in ws mode', () => {
    expect(h.adapter.requestHandler).toBeUndefined();
  });

  it('runs a message as a command and sends the card, once per event id', async () => {
    const message = event('message-receive-p2p.json', (f) => {
      f.event.message.content = JSON.stringify({ text: 'roi 上周' });
    });
    expect(await invoke(message)).toEqual({});
    expect(await invoke(message)).toEqual({});
    await h.adapter.idle();
    expect(h.fake.messages).toHaveLength(1);
    expect(cardText(h.fake.messages[0]?.content ?? '{}')).toContain('15.8%');
  });

  it('returns a card action’s toast and card as the answer over the socket', async () => {
    const click = event('card-action-trigger.json', (f) => {
      f.event.action.value = { action: 'gb.refresh', value: JSON.stringify({ command: '/roi', text: '上周' }) };
    });
    const answer = (await invoke(click)) as { toast: unknown; card: { data: Record<string, unknown> } };
    expect(answer.toast).toEqual({ type: 'success', content: '已更新' });
    expect(cardText(answer.card.data)).toContain('26.7%');
  });

  it('routes reactions to the core', async () => {
    await invoke(event('message-reaction-created.json'));
    await h.adapter.idle();
    expect(h.reactions).toEqual([{ messageRef: 'om_dc13264520392913993dd051dba21dcf', reaction: 'SMILE' }]);
  });
});
