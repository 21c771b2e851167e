import { webApi } from '@slack/bolt';
import { createOutboxRelay } from '../../../src/core/delivery/outbox-relay.ts';
import { createSlackSender } from '../../../src/platforms/slack/slack-sender.ts';
import { blockKitViolations } from '../../fakes/outbound-validator.ts';
import { FORM, JSON_TYPE, postSigned } from '../../helpers/slack-signing.ts';
import { type DriverOptions, eventually, hexOf, type PlatformDriver, textsOf } from '../platform.contract.ts';
import { fixture, NOW, SECRET, seedChannels, startSlackHarness } from './slack-harness.ts';

/** The driver's user, whoever acts without `{ user }`: app-mention.json's user, for mentions, buttons and reactions alike. */
const DEFAULT_USER = 'U061F7AUR';
const TEAM = 'T0001';

type Modal = {
  id?: string;
  callback_id: string;
  private_metadata: string;
  title: unknown;
  submit: unknown;
  blocks: {
    type?: string;
    block_id?: string;
    optional?: boolean;
    element?: { type?: string; action_id?: string; initial_value?: string };
  }[];
};

/** Slack as a user meets it: signed requests to the real Bolt receiver; answers read from the fake Slack API. */
export async function startSlackDriver(options: DriverOptions = {}): Promise<PlatformDriver> {
  const clock = options.clock ?? (() => NOW);
  const h = await startSlackHarness({}, undefined, { ackBudgetMs: options.ackBudgetMs, commands: options.commands, now: clock });
  const workspaceId = await seedChannels(h.store, { empty: options.empty });
  const events = `${h.url}/slack/events`;
  let n = 0;
  // The names of the people `userId(name)` made up, for the `username` Slack sends with their clicks.
  const names = new Map<string, string>();
  const person = (user = DEFAULT_USER) => ({
    id: user,
    username: names.get(user) ?? 'jtorrance',
    name: names.get(user) ?? 'jtorrance',
    team_id: TEAM,
  });
  const mention = (text: string, user = DEFAULT_USER) => {
    const body = fixture<{ event: Record<string, string>; event_id: string }>('app-mention.json');
    body.event.text = `<@U0LAN0Z89> ${text}`;
    body.event.user = user;
    body.event_id = `Ev${Date.now()}${++n}`;
    return JSON.stringify(body);
  };
  // In the order they came: a shared answer after an ephemeral one is still the newest.
  const answers = () => h.fake.calls.filter((c) => c.method === 'chat.postMessage' || c.method === 'chat.postEphemeral');
  const blocksText = (body: Record<string, unknown>) => textsOf(body.blocks, ['text']);
  // Answers inside the HTTP acknowledgement never reach the fake: they are checked here.
  const ackViolations: string[] = [];
  const interaction = (payload: unknown) =>
    postSigned(events, SECRET, new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), FORM);
  /** A signed block_actions for a button, with a trigger (valid for a modal) and a response_url of its own. */
  const click = async (actionId: string, value: string, user?: string) => {
    const payload = fixture<Record<string, unknown> & { actions: Record<string, unknown>[] }>('block-actions.json');
    const path = `/respond/press-${++n}`;
    payload.user = person(user);
    payload.response_url = `${h.fake.url}${path}`;
    payload.trigger_id = `${Date.now()}.333649436676.${hexOf(`trigger-${n}`, 32)}`;
    payload.actions = [{ ...payload.actions[0], action_id: actionId, value, action_ts: `${Date.now() / 1000}` }];
    await interaction(payload);
    return { path, trigger: payload.trigger_id as string };
  };
  return {
    store: h.store,
    databaseUrl: `file:${h.dbFile}`,
    workspaceId,
    userId(name) {
      if (name === undefined) return DEFAULT_USER;
      const id = `U${hexOf(name, 10).toUpperCase()}`;
      names.set(id, name);
      return id;
    },
    async command(text, as) {
      const before = answers().length;
      await postSigned(events, SECRET, mention(text, as?.user), JSON_TYPE);
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
      const form = {
        ...fixture<Record<string, string>>('slash-command.json'),
        command: `/${name}`,
        text: rest.join(' '),
        user_id: DEFAULT_USER,
      };
      const res = await postSigned(events, SECRET, new URLSearchParams({ ...form, response_url: `${h.fake.url}${path}` }).toString(), FORM);
      const ackBody = (await res.json()) as Record<string, unknown>;
      ackViolations.push(...blockKitViolations(ackBody, `ack of /${name}`));
      const ack = textsOf(ackBody, ['text']);
      acked();
      const call = await eventually(() => h.fake.callsTo(`response_url${path}`)[0]);
      return { ack, followUp: blocksText(call.body) };
    },
    async press(actionId, value, as) {
      const { path } = await click(actionId, value, as?.user);
      const call = await eventually(() => h.fake.callsTo(`response_url${path}`)[0]);
      return blocksText(call.body);
    },
    // The modal as Slack runs it: the press opens it (views.open with the click's trigger), the user types over
    // what it holds and submits; Slack posts a view_submission with every input's value and the modal's
    // callback_id and private_metadata, and shows the modal the acknowledgement answers with.
    async answerWithForm(actionId, value, typed, answer = {}) {
      const opened = h.fake.callsTo('views.open').length;
      const { path, trigger } = await click(actionId, value, answer.user);
      const call = await eventually(() => {
        const open = h.fake
          .callsTo('views.open')
          .slice(opened)
          .find((c) => c.body.trigger_id === trigger);
        if (open) return open;
        const replaced = h.fake.callsTo(`response_url${path}`)[0];
        if (replaced) throw new Error(`no modal opened; the button answered: ${blocksText(replaced.body)}`);
        return undefined;
      });
      const modal = (typeof call.body.view === 'string' ? JSON.parse(call.body.view) : call.body.view) as Modal;
      const inputs = modal.blocks.filter((b) => b.type === 'input' && b.element?.type === 'plain_text_input');
      const initials = Object.fromEntries(inputs.map((b) => [b.block_id ?? '', b.element?.initial_value ?? '']));
      const typedFields: Record<string, string> = { ...answer.fields, text: typed };
      const values: Record<string, Record<string, { type: string; value: string | null }>> = {};
      for (const block of inputs) {
        const id = block.block_id ?? '';
        const text = typedFields[id] ?? initials[id] ?? '';
        // Slack's client refuses to submit an input left empty unless the block is optional.
        if (!text && !block.optional) throw new Error(`Slack would not submit the modal: the input ${id} is required and empty`);
        // An empty plain_text_input arrives as null.
        values[id] = { [block.element?.action_id ?? id]: { type: 'plain_text_input', value: text || null } };
      }
      const payload = fixture<Record<string, unknown> & { view: Record<string, unknown> }>('view-submission.json');
      payload.user = person(answer.user);
      payload.trigger_id = `${Date.now()}.98765.${hexOf(`submit-${++n}`, 12)}`;
      payload.view = {
        ...payload.view,
        id: (call.response?.view as { id?: string } | undefined)?.id ?? payload.view.id,
        callback_id: modal.callback_id,
        private_metadata: modal.private_metadata,
        title: modal.title,
        submit: modal.submit,
        blocks: modal.blocks,
        state: { values },
        hash: `${Date.now()}.${hexOf(`hash-${n}`, 8)}`,
      };
      const before = answers().length;
      const res = await interaction(payload);
      const body = (await res.text()) || '{}';
      const ack = JSON.parse(body) as { response_action?: string; view?: { blocks?: unknown[] }; errors?: Record<string, string> };
      if (ack.view) ackViolations.push(...blockKitViolations({ blocks: ack.view.blocks }, `answer to ${modal.callback_id}`));
      // What the user sees: the modal the answer replaced the form with (or the errors by its inputs), then
      // anything the submission posted in the chat.
      const shown = ack.view ? textsOf(ack.view.blocks, ['text']) : ack.errors ? Object.values(ack.errors).join('\n') : '';
      const posted = answers()
        .slice(before)
        .map((c) => blocksText(c.body));
      return { initial: initials.text ?? '', initials, answer: [shown, ...posted].join('\n') };
    },
    async react(messageRef, reaction, as) {
      const body = fixture<{ event: { reaction: string; user: string; item: { ts: string } }; event_id: string }>('reaction-added.json');
      body.event.reaction = reaction;
      body.event.user = as?.user ?? DEFAULT_USER;
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
        now: clock,
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
