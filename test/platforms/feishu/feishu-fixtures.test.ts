// Every inbound event fixture in test/fixtures/feishu (see its README for where each came from), as Feishu
// sends it: encrypted with the Encrypt Key and signed, once to our webhook route and once through the SDK's
// own EventDispatcher (the long connection's path) with its signature check on. Only our token, tenant
// and event id are changed; each has the effect the product promises, and every card the fake received
// is one Feishu accepts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOT_OPEN_ID, cardText } from '../../fakes/fake-feishu-api.ts';
import { feishuRequest, postFeishu } from '../../helpers/feishu-signing.ts';
import { seedChannelWeek } from '../../helpers/seed-channels.ts';
import { ENCRYPT_KEY, event, type FeishuFixture, type FeishuHarness, startFeishuHarness, TENANT } from './feishu-harness.ts';

let h: FeishuHarness;
let wsId: string;
beforeAll(async () => {
  h = await startFeishuHarness();
  wsId = await seedChannelWeek(h.store, 'feishu', TENANT);
  h.fake.userMessage('om_5ce6d572455d361153b7cb51da133946', 'oc_5ce6d572455d361153b7xx51da133945');
});
afterAll(() => h.close());

type Route = 'webhook' | 'dispatcher';

/** Delivers a fixture as Feishu does, by one route; resolves with the immediate answer's JSON. */
async function deliver(route: Route, payload: FeishuFixture): Promise<Record<string, unknown>> {
  if (route === 'webhook') {
    const res = await postFeishu(h.events, payload, ENCRYPT_KEY);
    expect(res.status).toBe(200);
    const answer = (await res.json()) as Record<string, unknown>;
    await h.adapter.idle();
    return answer;
  }
  // The SDK's EventDispatcher as its adaptDefault calls it: the parsed body, the request headers on its prototype.
  const { body, headers } = feishuRequest(payload, ENCRYPT_KEY);
  const data = Object.assign(Object.create({ headers }), JSON.parse(body));
  const answer = (await h.adapter.dispatcher.invoke(data)) as Record<string, unknown> | undefined;
  // The SDK answers a request whose signature does not check out with undefined, having run nothing.
  expect(answer).toBeTypeOf('object');
  await h.adapter.idle();
  return answer as Record<string, unknown>;
}

/** A message fixture with its text replaced, delivered by one route; resolves with the messages sent in answer. */
async function say(route: Route, name: string, text: string) {
  const before = h.fake.messages.length;
  await deliver(
    route,
    event(name, (f) => {
      f.event.message.content = JSON.stringify({ text });
    }),
  );
  return h.fake.messages.slice(before);
}

describe.each<Route>(['webhook', 'dispatcher'])('Feishu’s documented events through the %s', (route) => {
  it('message-receive-group.json: a group message that @-mentions the bot and a person records the person Feishu named', async () => {
    const answer = await say(route, 'message-receive-group.json', '@_user_1 /growth owners roi @_user_2');
    const tom = (await h.store.members.list(wsId)).find((m) => m.externalUserId === 'ou_84aad35d084aa403a838cf73ee18467');
    expect(tom).toBeDefined();
    expect((await h.store.metrics.owners(wsId)).find((o) => o.key === 'roi')?.memberId).toBe(tom?.id);
    expect(answer).toHaveLength(1);
    expect(answer[0]?.parent_id).toBe('om_5ce6d572455d361153b7cb51da133946');
    expect(cardText(answer[0]?.content ?? '{}')).toContain('ROI 的负责人');
    // The bot's own mention is the address, never a person.
    expect((await h.store.members.list(wsId)).some((m) => m.externalUserId === BOT_OPEN_ID)).toBe(false);
  });

  it('message-receive-p2p.json: a direct message is a command, answered in the chat', async () => {
    const answer = await say(route, 'message-receive-p2p.json', 'roi 上周');
    expect(cardText(answer[0]?.content ?? '{}')).toContain('15.8%');
  });

  it.each(['card-action-trigger.json', 'card-action-trigger-form.json'])(
    '%s: a button click is answered with a toast and the new card',
    async (name) => {
      const answer = await deliver(
        route,
        event(name, (f) => {
          f.event.action.value = { action: 'gb.refresh', value: JSON.stringify({ command: '/roi', text: '上周' }) };
        }),
      );
      expect(answer.toast).toEqual({ type: 'success', content: '已更新' });
      expect(cardText((answer.card as { data: Record<string, unknown> }).data)).toContain('26.7%');
    },
  );

  it('message-reaction-created.json: a reaction reaches the core with the message it names', async () => {
    await deliver(route, event('message-reaction-created.json'));
    expect(h.reactions.at(-1)).toEqual({ messageRef: 'om_dc13264520392913993dd051dba21dcf', reaction: 'SMILE' });
  });

  it('every card the fake received is one Feishu accepts', () => {
    expect(h.fake.violations).toEqual([]);
  });
});

describe('the SDK’s EventDispatcher checks the signature', () => {
  it('refuses an event signed with another key and runs nothing', async () => {
    const before = h.fake.messages.length;
    const forged = event('message-receive-p2p.json', (f) => {
      f.event.message.content = JSON.stringify({ text: 'roi 上周' });
    });
    const { body, headers } = feishuRequest(forged, ENCRYPT_KEY, { signingKey: 'guessed-encrypt-key' });
    expect(await h.adapter.dispatcher.invoke(Object.assign(Object.create({ headers }), JSON.parse(body)))).toBeUndefined();
    await h.adapter.idle();
    expect(h.fake.messages.length).toBe(before);
  });
});
