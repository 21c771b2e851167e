import { createOutboxRelay } from '../../../src/core/delivery/outbox-relay.ts';
import { cardText } from '../../fakes/fake-feishu-api.ts';
import { feishuCardViolations } from '../../fakes/outbound-validator.ts';
import { postFeishu } from '../../helpers/feishu-signing.ts';
import { seedChannelWeek } from '../../helpers/seed-channels.ts';
import { type DriverOptions, type PlatformDriver, textsOf } from '../platform.contract.ts';
import { ENCRYPT_KEY, event, startFeishuHarness, TENANT } from './feishu-harness.ts';

/** Feishu as a user meets it: signed, encrypted webhook events; answers read from the fake Open API. */
export async function startFeishuDriver(options: DriverOptions = {}): Promise<PlatformDriver> {
  const h = await startFeishuHarness(options);
  const workspaceId = await seedChannelWeek(h.store, 'feishu', TENANT, { empty: options.empty });
  const message = (text: string) =>
    event('message-receive-p2p.json', (f) => {
      f.event.message.content = JSON.stringify({ text });
    });
  const answerViolations: string[] = [];
  const answersSince = async (before: number) => {
    await h.adapter.idle();
    return h.fake.messages.slice(before);
  };
  return {
    store: h.store,
    workspaceId,
    async command(text) {
      const before = h.fake.messages.length;
      await postFeishu(h.events, message(text), ENCRYPT_KEY);
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
    async press(actionId, value) {
      const click = event('card-action-trigger.json', (f) => {
        f.event.action.value = { action: actionId, value };
      });
      const answer = (await (await postFeishu(h.events, click, ENCRYPT_KEY)).json()) as {
        toast?: { content?: string };
        card?: { data: Record<string, unknown> };
      };
      // The card in a click's answer never reaches the fake: it is checked here.
      if (answer.card) answerViolations.push(...feishuCardViolations(answer.card.data, new Set(h.fake.imageKeys), `answer to ${actionId}`));
      return [answer.toast?.content ?? '', answer.card ? cardText(answer.card.data) : ''].join('\n');
    },
    // The form card posted in the chat, then Feishu's submit: the button's callback value with form_value.
    async answerWithForm(actionId, value, typed) {
      const click = async (action: Record<string, unknown>) =>
        (await (
          await postFeishu(
            h.events,
            event('card-action-trigger-form.json', (f) => {
              f.event.action = { ...f.event.action, ...action };
            }),
            ENCRYPT_KEY,
          )
        ).json()) as { toast?: { content?: string }; card?: { data: Record<string, unknown> } };
      const before = h.fake.messages.length;
      // A plain button press carries no form_value (undefined is left out of the JSON).
      await click({ value: { action: actionId, value }, form_value: undefined });
      await h.adapter.idle();
      const posted = h.fake.messages.slice(before).at(-1);
      const elements = (JSON.parse(posted?.content ?? '{}') as { body?: { elements?: Record<string, unknown>[] } }).body?.elements ?? [];
      const form = elements.find((e) => e.tag === 'form') as { elements: Record<string, unknown>[] } | undefined;
      if (!form) throw new Error(`no form card posted: ${posted ? cardText(posted.content) : 'nothing'}`);
      const submit = form.elements.find((e) => e.form_action_type === 'submit') as { behaviors: { value: unknown }[] };
      const initial = String(form.elements.find((e) => e.tag === 'input' && e.name === 'text')?.default_value ?? '');
      const answer = await click({ value: submit.behaviors[0]?.value, form_value: { text: typed } });
      if (answer.card) answerViolations.push(...feishuCardViolations(answer.card.data, new Set(h.fake.imageKeys), `answer to ${actionId}`));
      return { initial, answer: [answer.toast?.content ?? '', answer.card ? cardText(answer.card.data) : ''].join('\n') };
    },
    async react(messageRef, reaction) {
      const added = event('message-reaction-created.json', (f) => {
        f.event.message_id = messageRef;
        f.event.reaction_type = { emoji_type: reaction };
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
      const relay = createOutboxRelay({ outbox: h.store.outbox, senderFor: h.senderFor, worker: 'driver', baseDelayMs: 0 });
      const before = h.fake.messages.length;
      for (let i = 0; i < 3; i++) await relay.runOnce();
      return h.fake.messages.slice(before).map((m) => ({ to: m.chat_id, text: cardText(m.content) }));
    },
    violations: () => [...h.fake.violations, ...answerViolations],
    close: () => h.close(),
  };
}
