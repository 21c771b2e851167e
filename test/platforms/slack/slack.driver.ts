import { webApi } from '@slack/bolt';
import { createOutboxRelay } from '../../../src/core/delivery/outbox-relay.ts';
import { createSlackSender } from '../../../src/platforms/slack/slack-sender.ts';
import { blockKitViolations } from '../../fakes/outbound-validator.ts';
import { FORM, JSON_TYPE, postSigned } from '../../helpers/slack-signing.ts';
import { type DriverOptions, eventually, type PlatformDriver, textsOf } from '../platform.contract.ts';
import { fixture, SECRET, seedChannels, startSlackHarness } from './slack-harness.ts';

/** Slack as a user meets it: signed requests to the real Bolt receiver; answers read from the fake Slack API. */
export async function startSlackDriver(options: DriverOptions = {}): Promise<PlatformDriver> {
  const h = await startSlackHarness({}, undefined, options);
  const workspaceId = await seedChannels(h.store, { empty: options.empty });
  const events = `${h.url}/slack/events`;
  let n = 0;
  const mention = (text: string) => {
    const body = fixture<{ event: Record<string, string>; event_id: string }>('app-mention.json');
    body.event.text = `<@U0LAN0Z89> ${text}`;
    body.event_id = `Ev${Date.now()}${++n}`;
    return JSON.stringify(body);
  };
  // In the order they came: a shared answer after an ephemeral one is still the newest.
  const answers = () => h.fake.calls.filter((c) => c.method === 'chat.postMessage' || c.method === 'chat.postEphemeral');
  const blocksText = (body: Record<string, unknown>) => textsOf(body.blocks, ['text']);
  // Answers inside the HTTP acknowledgement never reach the fake: they are checked here.
  const ackViolations: string[] = [];
  return {
    store: h.store,
    workspaceId,
    async command(text) {
      const before = answers().length;
      await postSigned(events, SECRET, mention(text), JSON_TYPE);
      const fresh = await eventually(() => (answers().length > before ? answers().slice(before) : undefined));
      return fresh.map((c) => blocksText(c.body)).join('\n');
    },
    async commandTwice(text) {
      const before = answers().length;
      const once = mention(text);
      await postSigned(events, SECRET, once, JSON_TYPE);
      await postSigned(events, SECRET, once, JSON_TYPE, { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
      await eventually(() => (answers().length > before ? true : undefined));
      // A second answer would come as fast as the first; give it the time the first took, and more.
      await new Promise((r) => setTimeout(r, 300));
      return answers().length - before;
    },
    async acknowledged(text, acked) {
      const [name = '', ...rest] = text.split(' ');
      const path = `/respond/slash-${++n}`;
      const form = { ...fixture<Record<string, string>>('slash-command.json'), command: `/${name}`, text: rest.join(' ') };
      const res = await postSigned(events, SECRET, new URLSearchParams({ ...form, response_url: `${h.fake.url}${path}` }).toString(), FORM);
      const ackBody = (await res.json()) as Record<string, unknown>;
      ackViolations.push(...blockKitViolations(ackBody, `ack of /${name}`));
      const ack = textsOf(ackBody, ['text']);
      acked();
      const call = await eventually(() => h.fake.callsTo(`response_url${path}`)[0]);
      return { ack, followUp: blocksText(call.body) };
    },
    async press(actionId, value) {
      const payload = fixture<Record<string, unknown> & { actions: Record<string, unknown>[] }>('block-actions.json');
      const path = `/respond/press-${++n}`;
      payload.response_url = `${h.fake.url}${path}`;
      payload.actions = [{ ...payload.actions[0], action_id: actionId, value }];
      await postSigned(events, SECRET, new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), FORM);
      const call = await eventually(() => h.fake.callsTo(`response_url${path}`)[0]);
      return blocksText(call.body);
    },
    async react(messageRef, reaction) {
      const body = fixture<{ event: { reaction: string; item: { ts: string } }; event_id: string }>('reaction-added.json');
      body.event.reaction = reaction;
      body.event.item.ts = messageRef;
      body.event_id = `Ev${Date.now()}${++n}`;
      const before = h.reactions.length;
      await postSigned(events, SECRET, JSON.stringify(body), JSON_TYPE);
      await eventually(() => (h.reactions.length > before ? true : undefined));
      return h.reactions;
    },
    async forge(text) {
      const body = JSON.parse(mention(text));
      body.team_id = 'T-FORGER';
      return (await postSigned(events, 'guessed-signing-secret', JSON.stringify(body), JSON_TYPE)).status;
    },
    async deliver() {
      const client = new webApi.WebClient('xoxb-test-token', { slackApiUrl: h.fake.apiUrl, retryConfig: { retries: 0 } });
      const relay = createOutboxRelay({
        outbox: h.store.outbox,
        senderFor: async () => createSlackSender(client),
        worker: 'driver',
        baseDelayMs: 0,
      });
      const before = h.fake.callsTo('chat.postMessage').length;
      for (let i = 0; i < 3; i++) await relay.runOnce();
      return h.fake
        .callsTo('chat.postMessage')
        .slice(before)
        .map((c) => ({ to: String(c.body.channel), text: blocksText(c.body) }));
    },
    violations: () => [...h.fake.violations, ...ackViolations],
    close: () => h.close(),
  };
}
