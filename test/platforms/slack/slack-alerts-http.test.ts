// An alert taken from firing to snoozed to resolved from Slack: signed button clicks and reaction events
// through the real Bolt receiver, the alert message posted and updated through the real WebClient.
import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { evaluateWorkspace } from '../../../src/core/alerts/evaluate-rules.ts';
import { createOutboxRelay } from '../../../src/core/delivery/outbox-relay.ts';
import type { Alert } from '../../../src/core/ports/alerts.ts';
import type { Workspace } from '../../../src/core/ports/workspace.ts';
import { createSlackSender } from '../../../src/platforms/slack/slack-sender.ts';
import { FORM, JSON_TYPE, postSigned } from '../../helpers/slack-signing.ts';
import { seedSpendAlertRule } from '../../helpers/spend-alert.ts';
import { fixture, NOW, SECRET, type SlackHarness, seedChannels, startSlackHarness } from './slack-harness.ts';

let h: SlackHarness;
let ws: Workspace;
let alert: Alert;
let ts: string;
const CHANNEL = 'C061EG9SL';

beforeAll(async () => {
  h = await startSlackHarness();
  const id = await seedChannels(h.store);
  ws = await seedSpendAlertRule(h.store, id, CHANNEL, 'U_OWNER');
  expect((await evaluateWorkspace(h.store, ws, NOW)).fired).toBe(1);
  const client = new webApi.WebClient('xoxb-test-token', { slackApiUrl: h.fake.apiUrl, retryConfig: { retries: 0 } });
  await createOutboxRelay({
    outbox: h.store.outbox,
    senderFor: async () => createSlackSender(client),
    worker: 't',
    now: () => NOW,
  }).runOnce();
  alert = (await h.store.alerts.listOpen(ws.id))[0] as Alert;
  ts = h.fake.callsTo('chat.postMessage')[0]?.response?.ts as string;
});
afterAll(() => h.close());

const events = () => `${h.url}/slack/events`;
function click(actionId: string, value: string, responsePath: string) {
  const payload = fixture<Record<string, unknown> & { actions: Record<string, unknown>[] }>('block-actions.json');
  payload.response_url = `${h.fake.url}/respond/${responsePath}`;
  payload.container = { type: 'message', message_ts: ts, channel_id: CHANNEL, is_ephemeral: false };
  payload.channel = { id: CHANNEL, name: 'growth' };
  payload.actions = [{ ...payload.actions[0], action_id: actionId, value }];
  return postSigned(events(), SECRET, new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), FORM);
}

describe('acting on an alert from Slack', () => {
  it('posted the alert with the owner mentioned and the buttons', () => {
    const post = h.fake.callsTo('chat.postMessage')[0]?.body;
    expect(post?.channel).toBe(CHANNEL);
    expect(JSON.stringify(post?.blocks)).toContain('<@U_OWNER>');
    expect(JSON.stringify(post?.blocks)).toContain('gb.alert.ack');
    expect(JSON.stringify(post?.blocks)).toContain('¥5,000');
  });

  it('Acknowledge: the message is replaced with the new state, once even when clicked twice', async () => {
    expect((await click('gb.alert.ack', alert.id, 'ack')).status).toBe(200);
    await vi.waitFor(() => expect(h.fake.callsTo('response_url/respond/ack')).toHaveLength(1));
    const reply = h.fake.callsTo('response_url/respond/ack')[0]?.body;
    expect(reply).toMatchObject({ replace_original: true });
    expect(JSON.stringify(reply?.blocks)).toContain('已确认');
    expect((await click('gb.alert.ack', alert.id, 'ack2')).status).toBe(200);
    await vi.waitFor(() => expect(h.fake.callsTo('response_url/respond/ack2')).toHaveLength(1));
    expect(h.fake.callsTo('response_url/respond/ack2')[0]?.body).toMatchObject({ replace_original: false, response_type: 'ephemeral' });
    const events = await h.store.alerts.events(ws.id, alert.id);
    expect(events.map((e) => e.type)).toEqual(['fired', 'acknowledged']);
  });

  it('a 💤 reaction on the alert message snoozes it a day; the retried event does nothing more', async () => {
    const event = fixture<Record<string, unknown> & { event: Record<string, unknown> }>('reaction-added.json');
    event.event_id = 'EvSNOOZE1';
    event.event = { ...event.event, reaction: 'zzz', item: { type: 'message', channel: CHANNEL, ts } };
    expect((await postSigned(events(), SECRET, JSON.stringify(event), JSON_TYPE)).status).toBe(200);
    await vi.waitFor(async () => expect((await h.store.alerts.get(ws.id, alert.id))?.state).toBe('snoozed'));
    await postSigned(events(), SECRET, JSON.stringify(event), JSON_TYPE, { headers: { 'x-slack-retry-num': '1' } });
    await new Promise((r) => setTimeout(r, 200));
    expect((await h.store.alerts.events(ws.id, alert.id)).map((e) => e.type)).toEqual(['fired', 'acknowledged', 'snoozed']);
  });

  it('Resolve: resolved by the clicker, no buttons left; a forged click is refused and changes nothing', async () => {
    const forged = await postSigned(events(), 'not-the-secret', new URLSearchParams({ payload: '{}' }).toString(), FORM);
    expect(forged.status).toBe(401);
    expect((await click('gb.alert.resolve', alert.id, 'resolve')).status).toBe(200);
    await vi.waitFor(() => expect(h.fake.callsTo('response_url/respond/resolve')).toHaveLength(1));
    const blocks = JSON.stringify(h.fake.callsTo('response_url/respond/resolve')[0]?.body.blocks);
    expect(blocks).toContain('已解决');
    expect(blocks).not.toContain('gb.alert.ack');
    const resolved = await h.store.alerts.get(ws.id, alert.id);
    expect(resolved?.state).toBe('resolved');
    expect(resolved?.stateBy).toBe((await h.store.members.ensure(ws.id, 'UA8RXUSPL')).id);
  });
});
