import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fixture, type SlackHarness, seedChannels, startSlackHarness } from './slack-harness.ts';

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness({ appToken: 'xapp-1-test', signingSecret: undefined });
  await seedChannels(h.store);
  await vi.waitFor(() => expect(h.fake.socket.connected()).toBe(true));
});
afterAll(() => h.close());

describe('Slack in Socket Mode (no public URL)', () => {
  it('opens the connection with the app token and answers a slash command envelope in its ack', async () => {
    expect(h.fake.callsTo('apps.connections.open')[0]?.headers.authorization).toBe('Bearer xapp-1-test');
    h.fake.socket.send({
      envelope_id: '57d6a792-4d35-4d0f-b8d0-2d1a1f4e9b7a',
      type: 'slash_commands',
      accepts_response_payload: true,
      payload: {
        ...fixture<Record<string, string>>('slash-command.json'),
        command: '/roi',
        text: '上周',
        response_url: `${h.fake.url}/respond/socket`,
      },
    });
    await vi.waitFor(() => expect(h.fake.socket.received.some((m) => m.envelope_id === '57d6a792-4d35-4d0f-b8d0-2d1a1f4e9b7a')).toBe(true));
    const ack = h.fake.socket.received.find((m) => m.envelope_id === '57d6a792-4d35-4d0f-b8d0-2d1a1f4e9b7a') as {
      payload: { response_type: string; blocks: unknown[] };
    };
    expect(ack.payload.response_type).toBe('in_channel');
    expect(JSON.stringify(ack.payload.blocks)).toContain('26.7%');
  });

  it('handles an event envelope once even when it is delivered twice', async () => {
    const envelope = {
      envelope_id: 'env-reaction',
      type: 'events_api',
      accepts_response_payload: false,
      payload: { ...fixture('reaction-added.json'), event_id: 'Ev-socket-1' },
    };
    h.fake.socket.send(envelope);
    h.fake.socket.send({ ...envelope, envelope_id: 'env-reaction-retry', retry_attempt: 1, retry_reason: 'timeout' });
    await vi.waitFor(() => expect(h.fake.socket.received.filter((m) => String(m.envelope_id).startsWith('env-reaction'))).toHaveLength(2));
    await vi.waitFor(() => expect(h.reactions).toHaveLength(1));
    await new Promise((r) => setTimeout(r, 150));
    expect(h.reactions).toHaveLength(1);
  });
});
