// The relay over a real store and the real WebClient against the fake Slack API, on a compressed clock.
import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOutboxRelay } from '../../src/core/delivery/outbox-relay.ts';
import type { OutboxMessage } from '../../src/core/ports/outbox.ts';
import type { Store } from '../../src/core/ports/store.ts';
import type { View } from '../../src/core/views/view.ts';
import { createSlackSender } from '../../src/platforms/slack/slack-sender.ts';
import { type FakeSlackApi, startFakeSlackApi } from '../fakes/fake-slack-api.ts';
import { migratedStore } from '../helpers/migrated-store.ts';
import { sqliteTestDatabase } from '../helpers/test-databases.ts';

const database = sqliteTestDatabase();
let store: Store;
let fake: FakeSlackApi;
let ws: string;
let clock = new Date('2026-11-18T06:00:00Z');
const failed: [string, string][] = [];
const view = (text: string): View => ({ fallback: text, elements: [{ type: 'text', text }] });

beforeAll(async () => {
  store = await migratedStore(database);
  fake = await startFakeSlackApi();
  ws = (await store.workspaces.ensure({ platform: 'slack', externalId: 'T0001', name: 'x', timezone: 'Asia/Shanghai', locale: 'en' })).id;
});
afterAll(async () => {
  await fake.close();
  await store.close();
  await database.drop();
});
beforeEach(() => {
  fake.calls.length = 0;
});

function relay(worker = 'relay-1') {
  // The relay owns retries: the client neither retries nor waits out 429s itself.
  const client = new webApi.WebClient('xoxb-relay', {
    slackApiUrl: fake.apiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
  });
  return createOutboxRelay({
    outbox: store.outbox,
    senderFor: async () => createSlackSender(client),
    worker,
    now: () => clock,
    random: () => 0.5, // no jitter: backoff is exactly base × 2^(n−1)
    baseDelayMs: 1000,
    maxAttempts: 4,
    onFailed: async (m: OutboxMessage, reason: string) => {
      failed.push([m.key, reason]);
    },
  });
}
const advance = (ms: number) => {
  clock = new Date(clock.getTime() + ms);
};

describe('the outbox relay', () => {
  it('posts, then replies in the thread and updates the original through the stored ts', async () => {
    await store.outbox.enqueue({
      workspaceId: ws,
      key: 'alert:1:notify:1',
      kind: 'post',
      channel: 'C1',
      payload: view('ROI fell'),
      availableAt: clock,
    });
    await store.outbox.enqueue({
      workspaceId: ws,
      key: 'alert:1:recovered',
      kind: 'reply',
      channel: 'C1',
      payload: view('recovered'),
      target: 'alert:1:notify:1',
      availableAt: clock,
    });
    await store.outbox.enqueue({
      workspaceId: ws,
      key: 'alert:1:update:1',
      kind: 'update',
      channel: 'C1',
      payload: view('resolved'),
      target: 'alert:1:notify:1',
      availableAt: clock,
    });
    const r = relay();
    expect(await r.runOnce()).toEqual({ sent: 3, retried: 0, failed: 0 });
    const posted = await store.outbox.findByKey('alert:1:notify:1');
    expect(posted?.platformMessageId).toMatch(/^\d+\.\d+$/);
    expect(fake.callsTo('chat.postMessage')[1]?.body).toMatchObject({
      channel: 'C1',
      thread_ts: posted?.platformMessageId,
      text: 'recovered',
    });
    expect(fake.callsTo('chat.update')[0]?.body).toMatchObject({ channel: 'C1', ts: posted?.platformMessageId, text: 'resolved' });
  });

  it('keeps a channel in order: a reply waits behind its failing parent, other channels go on', async () => {
    fake.failHttp('chat.postMessage', 500, 1);
    await store.outbox.enqueue({
      workspaceId: ws,
      key: 'order:parent',
      kind: 'post',
      channel: 'CORDER',
      payload: view('parent'),
      availableAt: clock,
    });
    await store.outbox.enqueue({
      workspaceId: ws,
      key: 'order:reply',
      kind: 'reply',
      channel: 'CORDER',
      payload: view('child'),
      target: 'order:parent',
      availableAt: clock,
    });
    await store.outbox.enqueue({
      workspaceId: ws,
      key: 'order:elsewhere',
      kind: 'post',
      channel: 'COTHER',
      payload: view('elsewhere'),
      availableAt: clock,
    });
    expect(await relay().runOnce()).toEqual({ sent: 1, retried: 1, failed: 0 }); // the parent failed; the other channel went on
    expect((await store.outbox.findByKey('order:reply'))?.state).toBe('pending');
    advance(1000);
    expect(await relay().runOnce()).toEqual({ sent: 2, retried: 0, failed: 0 });
    const order = fake
      .callsTo('chat.postMessage')
      .filter((c) => c.body.channel === 'CORDER' && c.body.text !== undefined)
      .map((c) => c.body.text);
    expect(order).toEqual(['parent', 'parent', 'child']); // the failed try, then the parent, then its reply
  });

  it('delivers a channel’s messages in the order they were written, whoever relays them', async () => {
    for (let i = 0; i < 12; i++)
      await store.outbox.enqueue({
        workspaceId: ws,
        key: `seq:${i}`,
        kind: 'post',
        channel: 'CSEQ',
        payload: view(`seq ${i}`),
        availableAt: new Date(clock.getTime() + i),
      });
    advance(100);
    await Promise.all([relay('relay-x').runOnce(), relay('relay-y').runOnce(), relay('relay-z').runOnce()]);
    const order = fake
      .callsTo('chat.postMessage')
      .filter((c) => c.body.channel === 'CSEQ')
      .map((c) => c.body.text);
    expect(order).toEqual(Array.from({ length: 12 }, (_, i) => `seq ${i}`));
  });

  it('retries 500s with exponential backoff and delivers once when Slack recovers', async () => {
    fake.failHttp('chat.postMessage', 500, 2);
    await store.outbox.enqueue({
      workspaceId: ws,
      key: 'digest:x:2026-W46',
      kind: 'post',
      channel: 'C2',
      payload: view('digest'),
      availableAt: clock,
    });
    const r = relay();
    expect(await r.runOnce()).toEqual({ sent: 0, retried: 1, failed: 0 });
    expect((await store.outbox.findByKey('digest:x:2026-W46'))?.nextAttemptAt).toEqual(new Date(clock.getTime() + 1000));
    advance(999);
    expect(await r.runOnce()).toEqual({ sent: 0, retried: 0, failed: 0 }); // not due yet
    advance(1);
    expect(await r.runOnce()).toEqual({ sent: 0, retried: 1, failed: 0 });
    expect((await store.outbox.findByKey('digest:x:2026-W46'))?.nextAttemptAt).toEqual(new Date(clock.getTime() + 2000));
    advance(2000);
    expect(await r.runOnce()).toEqual({ sent: 1, retried: 0, failed: 0 });
    // Three attempts reached Slack, one was accepted: the message exists once.
    expect(fake.callsTo('chat.postMessage')).toHaveLength(3);
    expect(await store.outbox.findByKey('digest:x:2026-W46')).toMatchObject({ state: 'sent', attempts: 3 });
  });

  it('honours Retry-After on 429', async () => {
    fake.failHttp('chat.postMessage', 429, 1, 7);
    await store.outbox.enqueue({
      workspaceId: ws,
      key: 'rate-limited',
      kind: 'post',
      channel: 'C3',
      payload: view('x'),
      availableAt: clock,
    });
    const r = relay();
    expect(await r.runOnce()).toEqual({ sent: 0, retried: 1, failed: 0 });
    expect((await store.outbox.findByKey('rate-limited'))?.nextAttemptAt).toEqual(new Date(clock.getTime() + 7000));
    advance(7000);
    expect((await r.runOnce()).sent).toBe(1);
  });

  it('stops at once on a permanent error and tells an admin; gives up after the last attempt otherwise', async () => {
    fake.failNext('chat.postMessage', 'channel_not_found');
    await store.outbox.enqueue({ workspaceId: ws, key: 'gone', kind: 'post', channel: 'C404', payload: view('x'), availableAt: clock });
    expect(await relay().runOnce()).toEqual({ sent: 0, retried: 0, failed: 1 });
    expect(failed).toContainEqual(['gone', 'channel_not_found']);
    advance(60 * 60_000);
    expect(await relay().runOnce()).toEqual({ sent: 0, retried: 0, failed: 0 });

    fake.failHttp('chat.postMessage', 500, 4);
    await store.outbox.enqueue({ workspaceId: ws, key: 'flaky', kind: 'post', channel: 'C5', payload: view('x'), availableAt: clock });
    for (let i = 0; i < 4; i++) {
      await relay().runOnce();
      advance(60_000);
    }
    expect(await store.outbox.findByKey('flaky')).toMatchObject({ state: 'failed', attempts: 4 });
    expect(failed.find(([k]) => k === 'flaky')?.[1]).toMatch(/^gave up after 4 attempts/);
  });

  it('closes the duplicate window: a second attempt finds what an unconfirmed first one posted', async () => {
    // Relay A claims and dies before sending: B takes over after the lease, and the message exists once.
    await store.outbox.enqueue({
      workspaceId: ws,
      key: 'window:before-send',
      kind: 'post',
      channel: 'C6',
      payload: view('x'),
      availableAt: clock,
    });
    await store.outbox.claim('relay-A', clock, 10, 60_000);
    advance(60_001);
    expect((await relay('relay-B').runOnce()).sent).toBe(1);
    expect(fake.callsTo('chat.postMessage').filter((c) => c.body.channel === 'C6')).toHaveLength(1);

    // Relay A claims, Slack accepts its post, and A dies before confirming: B resends. This is the window.
    await store.outbox.enqueue({
      workspaceId: ws,
      key: 'window:after-send',
      kind: 'post',
      channel: 'C7',
      payload: view('x'),
      availableAt: clock,
    });
    const [claimed] = await store.outbox.claim('relay-A', clock, 10, 60_000);
    await createSlackSender(new webApi.WebClient('xoxb-relay', { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } })).post(
      'C7',
      claimed?.payload as View,
    );
    advance(60_001);
    expect((await relay('relay-B').runOnce()).sent).toBe(1);
    expect(fake.callsTo('chat.postMessage').filter((c) => c.body.channel === 'C7')).toHaveLength(2);
  });
});
