// The "done when" for alerts in Feishu: an alert card posted through the outbox, then signed,
// encrypted card.action.trigger clicks and a reaction take it from firing to resolved, each click answered
// within 3 s with a toast and the updated card.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateWorkspace } from '../../../src/core/alerts/evaluate-rules.ts';
import { createOutboxRelay } from '../../../src/core/delivery/outbox-relay.ts';
import type { Alert } from '../../../src/core/ports/alerts.ts';
import type { ChatSender } from '../../../src/core/ports/chat-sender.ts';
import type { Workspace } from '../../../src/core/ports/workspace.ts';
import { cardText } from '../../fakes/fake-feishu-api.ts';
import { postFeishu } from '../../helpers/feishu-signing.ts';
import { seedChannelWeek } from '../../helpers/seed-channels.ts';
import { seedSpendAlertRule } from '../../helpers/spend-alert.ts';
import { ENCRYPT_KEY, event, type FeishuHarness, NOW, startFeishuHarness, TENANT } from './feishu-harness.ts';

const CHAT = 'oc_e4d2605ca917e695f54f11aaf56edb98';
let h: FeishuHarness;
let ws: Workspace;
let alert: Alert;
let messageId: string;

beforeAll(async () => {
  h = await startFeishuHarness();
  const id = await seedChannelWeek(h.store, 'feishu', TENANT);
  ws = await seedSpendAlertRule(h.store, id, CHAT, 'ou_owner');
  expect((await evaluateWorkspace(h.store, ws, NOW)).fired).toBe(1);
  const sender = (await h.senderFor(ws.id)) as ChatSender;
  await createOutboxRelay({ outbox: h.store.outbox, senderFor: async () => sender, worker: 't', now: () => NOW }).runOnce();
  alert = (await h.store.alerts.listOpen(ws.id))[0] as Alert;
  messageId = h.fake.messages.at(-1)?.message_id as string;
});
afterAll(() => h.close());

async function click(action: string) {
  const body = event('card-action-trigger.json', (f) => {
    f.event.action.value = { action, value: alert.id };
    f.event.context = { open_message_id: messageId, open_chat_id: CHAT };
  });
  const started = performance.now();
  const res = await postFeishu(h.events, body, ENCRYPT_KEY);
  const elapsed = performance.now() - started;
  return { elapsed, body: (await res.json()) as { toast?: { content: string }; card?: { type: string; data: Record<string, unknown> } } };
}

describe('an alert card in Feishu', () => {
  it('was posted to the chat as an interactive card mentioning the owner, with callback buttons', () => {
    const posted = h.fake.messages.at(-1);
    expect(posted?.chat_id).toBe(CHAT);
    expect(posted?.msg_type).toBe('interactive');
    expect(posted?.content).toContain('<at id=ou_owner></at>');
    expect(posted?.content).toContain('gb.alert.ack');
    expect(cardText(posted?.content ?? '')).toContain('¥5,000');
  });

  it('Acknowledge: answered within 3 s with a toast and the updated card; a second click changes nothing', async () => {
    const first = await click('gb.alert.ack');
    expect(first.elapsed).toBeLessThan(3000);
    expect(first.body.card?.type).toBe('raw');
    expect(cardText(first.body.card?.data ?? {})).toContain('已确认');
    expect((await h.store.alerts.get(ws.id, alert.id))?.state).toBe('acknowledged');
    const second = await click('gb.alert.ack');
    expect(second.body.card).toBeUndefined();
    expect(second.body.toast?.content).toContain('已经是这个状态');
  });

  it('a Sleepy reaction on the card snoozes it a day; Resolve closes it', async () => {
    const reaction = event('message-reaction-created.json', (f) => {
      f.event.message_id = messageId;
      f.event.reaction_type = { emoji_type: 'Sleepy' };
      f.event.user_id = { open_id: 'ou_owner' };
    });
    await postFeishu(h.events, reaction, ENCRYPT_KEY);
    await h.adapter.idle();
    expect((await h.store.alerts.get(ws.id, alert.id))?.state).toBe('snoozed');
    const resolved = await click('gb.alert.resolve');
    expect(resolved.elapsed).toBeLessThan(3000);
    expect(cardText(resolved.body.card?.data ?? {})).toContain('已解决');
    expect((await h.store.alerts.get(ws.id, alert.id))?.state).toBe('resolved');
    expect((await h.store.alerts.events(ws.id, alert.id)).map((e) => e.type)).toEqual(['fired', 'acknowledged', 'snoozed', 'resolved']);
  });
});
