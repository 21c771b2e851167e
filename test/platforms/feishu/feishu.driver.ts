import { createOutboxRelay } from '../../../src/core/delivery/outbox-relay.ts';
import { cardText } from '../../fakes/fake-feishu-api.ts';
import { feishuCardViolations } from '../../fakes/outbound-validator.ts';
import { postFeishu } from '../../helpers/feishu-signing.ts';
import { seedChannelWeek } from '../../helpers/seed-channels.ts';
import { type DriverOptions, hexOf, type PlatformDriver, textsOf } from '../platform.contract.ts';
import { ENCRYPT_KEY, event, NOW, startFeishuHarness, TENANT } from './feishu-harness.ts';

/** The driver's user, whoever acts without `{ user }`: message-receive-p2p.json's sender, for messages, clicks and reactions alike. */
const DEFAULT_USER = 'ou_84aad35d084aa403a838cf73ee18467';

/** A person's ids in the tenant (Feishu sends all three; the app reads open_id), from their open_id. */
const idsOf = (openId: string) =>
  openId === DEFAULT_USER
    ? { union_id: 'on_8ed6aa67826108097d9ee143816345', user_id: 'e33ggbyz', open_id: openId }
    : { union_id: `on_${hexOf(`union:${openId}`, 32)}`, user_id: hexOf(`user:${openId}`, 8), open_id: openId };

type CardAnswer = { toast?: { content?: string }; card?: { data: Record<string, unknown> } };

/** Feishu as a user meets it: signed, encrypted webhook events; answers read from the fake Open API. */
export async function startFeishuDriver(options: DriverOptions = {}): Promise<PlatformDriver> {
  const clock = options.clock ?? (() => NOW);
  const h = await startFeishuHarness({ ackBudgetMs: options.ackBudgetMs, commands: options.commands, now: clock });
  const workspaceId = await seedChannelWeek(h.store, 'feishu', TENANT, { empty: options.empty });
  // A direct message: the person's own chat with the bot (the fixture's for the default user).
  const message = (text: string, user = DEFAULT_USER) =>
    event('message-receive-p2p.json', (f) => {
      f.event.message.content = JSON.stringify({ text });
      if (user === DEFAULT_USER) return;
      f.event.sender.sender_id = idsOf(user);
      f.event.message.chat_id = `oc_${hexOf(`p2p:${user}`, 32)}`;
    });
  const answerViolations: string[] = [];
  const answersSince = async (before: number) => {
    await h.adapter.idle();
    return h.fake.messages.slice(before);
  };
  /** A card.action.trigger by the person: a button's callback value, and form_value for a form's submit. */
  const click = async (action: Record<string, unknown>, user = DEFAULT_USER): Promise<CardAnswer> => {
    const trigger = event('card-action-trigger-form.json', (f) => {
      f.event.operator = { tenant_key: TENANT, ...idsOf(user) };
      f.event.action = { ...f.event.action, ...action };
    });
    return (await (await postFeishu(h.events, trigger, ENCRYPT_KEY)).json()) as CardAnswer;
  };
  // The card in a click's answer never reaches the fake: it is checked here.
  const shown = (answer: CardAnswer, actionId: string) => {
    if (answer.card) answerViolations.push(...feishuCardViolations(answer.card.data, new Set(h.fake.imageKeys), `answer to ${actionId}`));
    return [answer.toast?.content ?? '', answer.card ? cardText(answer.card.data) : ''].join('\n');
  };
  return {
    store: h.store,
    databaseUrl: h.databaseUrl,
    workspaceId,
    userId: (name) => (name === undefined ? DEFAULT_USER : `ou_${hexOf(name, 32)}`),
    async command(text, as) {
      const before = h.fake.messages.length;
      await postFeishu(h.events, message(text, as?.user), ENCRYPT_KEY);
      return (await answersSince(before)).map((m) => cardText(m.content)).join('\n');
    },
    async commandTwice(text) {
      const before = h.fake.messages.length;
      const once = message(text);
      await postFeishu(h.events, once, ENCRYPT_KEY);
      await postFeishu(h.events, once, ENCRYPT_KEY);
      return (await answersSince(before)).length;
    },
    async acknowledged(text, acked) {
      const before = h.fake.messages.length;
      const res = await postFeishu(h.events, message(text), ENCRYPT_KEY);
      const ack = textsOf(await res.json(), ['content']);
      acked();
      return { ack, followUp: (await answersSince(before)).map((m) => cardText(m.content)).join('\n') };
    },
    async press(actionId, value, as) {
      const clicked = event('card-action-trigger.json', (f) => {
        f.event.operator = { tenant_key: TENANT, ...idsOf(as?.user ?? DEFAULT_USER) };
        f.event.action.value = { action: actionId, value };
      });
      return shown((await (await postFeishu(h.events, clicked, ENCRYPT_KEY)).json()) as CardAnswer, actionId);
    },
    // The form card posted in the chat, then Feishu's submit: the button's callback value with form_value, which
    // holds every input of the form by name (what was typed, or the input's default_value where nothing was).
    async answerWithForm(actionId, value, typed, answer = {}) {
      const before = h.fake.messages.length;
      // A plain button press carries no form_value (undefined is left out of the JSON).
      await click({ value: { action: actionId, value }, form_value: undefined }, answer.user);
      await h.adapter.idle();
      const posted = h.fake.messages.slice(before).at(-1);
      const elements = (JSON.parse(posted?.content ?? '{}') as { body?: { elements?: Record<string, unknown>[] } }).body?.elements ?? [];
      const form = elements.find((e) => e.tag === 'form') as { elements: Record<string, unknown>[] } | undefined;
      if (!form) throw new Error(`no form card posted: ${posted ? cardText(posted.content) : 'nothing'}`);
      const submit = form.elements.find((e) => e.form_action_type === 'submit') as { behaviors: { value: unknown }[] };
      const inputs = form.elements.filter((e) => e.tag === 'input') as { name: string; default_value?: string; required?: boolean }[];
      const initials = Object.fromEntries(inputs.map((i) => [i.name, i.default_value ?? '']));
      const typedFields: Record<string, string> = { ...answer.fields, text: typed };
      const formValue: Record<string, string> = {};
      for (const input of inputs) {
        const text = typedFields[input.name] ?? initials[input.name] ?? '';
        // The client refuses to submit the form while a required input is empty.
        if (!text && input.required) throw new Error(`Feishu would not submit the form: the input ${input.name} is required and empty`);
        formValue[input.name] = text;
      }
      const submitted = await click({ value: submit.behaviors[0]?.value, form_value: formValue }, answer.user);
      return { initial: initials.text ?? '', initials, answer: shown(submitted, actionId) };
    },
    async react(messageRef, reaction, as) {
      const added = event('message-reaction-created.json', (f) => {
        f.event.message_id = messageRef;
        f.event.reaction_type = { emoji_type: reaction };
        f.event.user_id = idsOf(as?.user ?? DEFAULT_USER);
      });
      await postFeishu(h.events, added, ENCRYPT_KEY);
      await h.adapter.idle();
      return h.reactions;
    },
    async forge(text) {
      const stranger = message(text);
      stranger.header.tenant_key = 'tenant-of-a-forger';
      return (await postFeishu(h.events, stranger, ENCRYPT_KEY, { signingKey: 'guessed-encrypt-key' })).status;
    },
    async deliver() {
      const relay = createOutboxRelay({ outbox: h.store.outbox, senderFor: h.senderFor, worker: 'driver', baseDelayMs: 0, now: clock });
      const before = h.fake.messages.length;
      for (let i = 0; i < 3; i++) await relay.runOnce();
      return h.fake.messages.slice(before).map((m) => ({ to: m.chat_id, text: cardText(m.content) }));
    },
    violations: () => [...h.fake.violations, ...answerViolations],
    close: () => h.close(),
  };
}
