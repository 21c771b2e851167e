// What Feishu's events mean to Growthbeat, whichever way they arrive (webhook or long connection): each
// is parsed into neutral input for the core's inbound pipeline (which deduplicates by header.event_id,
// identifies the caller and keeps the answer budget); this file only says how Feishu takes the answers.

import { t } from '../../core/i18n/messages.ts';
import type { InboundInput, InboundReply } from '../../core/inbound/inbound-input.ts';
import type { Inbound } from '../../core/inbound/inbound-pipeline.ts';
import type { Locale } from '../../core/ports/workspace.ts';
import { cleanText } from '../../core/text/clean-text.ts';
import { plainMentions } from '../../core/views/mention.ts';
import { notice } from '../../core/views/notice.ts';
import type { Severity, View } from '../../core/views/view.ts';
import { toFeishuCard } from './card.renderer.ts';
import type { FeishuSender } from './feishu-sender.ts';
import { type FeishuMessage, readMessage } from './message-text.ts';

/** A card click is answered within 3 s; work slower than this answers "working" and patches the card later. */
export const CARD_ACK_BUDGET_MS = 2_000;
/** A tenant becomes a workspace on first contact in Simplified Chinese and China Standard Time. */
export const FEISHU_DEFAULTS = { locale: 'zh-CN' as Locale, timezone: 'Asia/Shanghai' };

export const EVENT_MESSAGE = 'im.message.receive_v1';
export const EVENT_CARD_ACTION = 'card.action.trigger';
export const EVENT_REACTION = 'im.message.reaction.created_v1';
export const HANDLED_EVENTS = [EVENT_MESSAGE, EVENT_CARD_ACTION, EVENT_REACTION] as const;

/** A schema 2.0 event as Feishu posts it (after decryption). */
export interface FeishuEnvelope {
  schema?: string;
  header?: { event_id?: string; event_type?: string; token?: string; tenant_key?: string; app_id?: string; create_time?: string };
  event?: Record<string, unknown>;
}

/** The immediate answer to an event: `{}`, or a card action's toast and card. */
export type EventAnswer = Record<string, unknown>;

export interface FeishuEventDeps {
  inbound: Inbound;
  /** The sender that answers in a chat, rendering in the workspace's language. */
  senderFor(locale: Locale): FeishuSender;
  /** Uploads a PNG an answer shows (a digest preview's charts) and returns its image_key. */
  publishImage?(name: string, png: Uint8Array): Promise<string>;
  /** The bot's open_id once known (looked up at start); otherwise a group message's leading mention is taken as the bot's. */
  botOpenId?: () => string | undefined;
}

type UserIds = { open_id?: string; user_id?: string; union_id?: string };
type Parsed = { input: InboundInput; reply: (answer: { body: EventAnswer }) => InboundReply };

/** A button's callback value as the card renderer wrote it: `{ action, value }`. */
function actionOf(value: unknown): { actionId: string; value: string } {
  const v = (typeof value === 'string' ? safeJson(value) : value) as { action?: unknown; value?: unknown } | undefined;
  return {
    actionId: typeof v?.action === 'string' ? v.action : '',
    value: typeof v?.value === 'string' ? v.value : v?.value === undefined ? '' : JSON.stringify(v.value),
  };
}

/**
 * A form's submit button: its value is the form's carried JSON object; the inputs arrive as `form_value`.
 * The action gets `{ ...value, fields }`, as Slack's view_submission does; anything unreadable gets no fields.
 */
function withFormValue(action: { actionId: string; value: string }, formValue: unknown): { actionId: string; value: string } {
  if (typeof formValue !== 'object' || formValue === null) return action;
  const carried = safeJson(action.value);
  if (typeof carried !== 'object' || carried === null || Array.isArray(carried)) return action;
  const fields = Object.fromEntries(
    Object.entries(formValue as Record<string, unknown>)
      .filter((e): e is [string, string] => typeof e[1] === 'string')
      .map(([k, v]) => [k, cleanText(v)]),
  );
  return { actionId: action.actionId, value: JSON.stringify({ ...carried, fields }) };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const TOAST: Record<Severity, string> = { info: 'info', ok: 'success', warning: 'warning', critical: 'error' };

/** The card action's answer: a toast and the new card, or a toast alone for a view meant for the clicker. */
function cardAnswer(view: View, locale: Locale): EventAnswer {
  if (view.ephemeral) return { toast: { type: TOAST[view.severity ?? 'info'], content: plainMentions(view.fallback) } };
  return {
    toast: { type: 'success', content: t(locale, 'feishu.updated') },
    card: { type: 'raw', data: toFeishuCard(view, { locale }) },
  };
}

/** A submitted form's answer: the form's card shows what was kept (or what is wrong), whoever it was meant for. */
function formAnswer(view: View, locale: Locale): EventAnswer {
  if (!view.ephemeral) return cardAnswer(view, locale);
  return {
    toast: { type: TOAST[view.severity ?? 'info'], content: plainMentions(view.fallback) },
    card: { type: 'raw', data: toFeishuCard({ ...view, ephemeral: false }, { locale }) },
  };
}

export function createFeishuEvents(deps: FeishuEventDeps) {
  const base = (eventId: string, tenant: string, userId: string, channel?: string) => ({
    eventId,
    caller: { teamId: tenant, userId },
    channel,
  });

  function onMessage(eventId: string, tenant: string, event: Record<string, unknown>): Parsed | undefined {
    const sender = event.sender as { sender_id?: UserIds; sender_type?: string } | undefined;
    const message = event.message as FeishuMessage | undefined;
    const userId = sender?.sender_id?.open_id;
    if (!message?.chat_id || !userId || (sender?.sender_type && sender.sender_type !== 'user')) return undefined;
    const read = readMessage(message, deps.botOpenId?.());
    // With the group_msg scope every group message arrives: only those that @-mention the bot are for it.
    if (message.chat_type !== 'p2p' && !read.mentionsBot) return undefined;
    // An answer for the asker alone: in a group, a card only they see (ephemeral/v1/send); a direct chat is
    // private already; a topic group has no private cards, so the answer is visible there and says so.
    const privateCard = message.chat_type === 'group';
    const from = {
      ...base(eventId, tenant, userId, message.chat_id),
      publishImage: deps.publishImage,
      sharedAnswers: message.chat_type !== 'p2p' && !privateCard,
    };
    // In a group the answer replies to the question; in a direct chat it is the next message. The key
    // gives Feishu a uuid, so a retried send cannot post the answer twice.
    const threadOf = message.chat_type === 'p2p' ? undefined : { channel: message.chat_id, id: message.message_id };
    return {
      input:
        read.text === undefined
          ? { ...from, kind: 'task', name: 'not-text', run: async (ctx) => notice(t(ctx.workspace.locale, 'feishu.notText')) }
          : { ...from, kind: 'command', text: read.text },
      reply: () => ({
        followUp: (view, locale) =>
          view.ephemeral && privateCard
            ? deps.senderFor(locale).postEphemeral(message.chat_id, userId, view)
            : deps.senderFor(locale).post(message.chat_id, view, { threadOf, key: `feishu:${eventId}:answer` }),
      }),
    };
  }

  function onCardAction(eventId: string, tenant: string, event: Record<string, unknown>): Parsed | undefined {
    const operator = event.operator as UserIds | undefined;
    const action = event.action as { value?: unknown; form_value?: unknown } | undefined;
    const context = event.context as { open_message_id?: string; open_chat_id?: string } | undefined;
    // A click nobody made (no operator) changes nothing and creates no member.
    if (!operator?.open_id) return undefined;
    const submitted = typeof action?.form_value === 'object' && action.form_value !== null;
    const chat = context?.open_chat_id;
    // A button whose answer is a form (the check-in's Answer): the form comes as a card of its own in the
    // chat, so the message it was pressed on keeps its other items; keyed by the event, so a retry posts it once.
    const postForm = async (view: View, locale: Locale) => {
      if (chat) await deps.senderFor(locale).post(chat, view, { key: `feishu:${eventId}:form` });
    };
    return {
      input: {
        ...base(eventId, tenant, operator.open_id, chat),
        kind: 'action',
        ...withFormValue(actionOf(action?.value), action?.form_value),
      },
      reply: (answer) => ({
        ack: async (view, locale) => {
          if (view.form && chat) {
            await postForm(view, locale);
            answer.body = { toast: { type: 'info', content: t(locale, 'feishu.formSent') } };
          } else answer.body = submitted ? formAnswer(view, locale) : cardAnswer(view, locale);
        },
        // Slow: the toast said "working"; the card is patched when the work is done.
        followUp: async (view, locale) => {
          if (view.form) return postForm(view, locale);
          if ((view.ephemeral && !submitted) || !context?.open_message_id) return;
          await deps.senderFor(locale).update({ channel: chat ?? '', id: context.open_message_id }, view);
        },
      }),
    };
  }

  function onReaction(eventId: string, tenant: string, event: Record<string, unknown>): Parsed | undefined {
    const messageId = event.message_id as string | undefined;
    const emoji = (event.reaction_type as { emoji_type?: string } | undefined)?.emoji_type;
    const userId = (event.user_id as UserIds | undefined)?.open_id;
    // Reactions by apps (our own bot included) are not people answering an alert.
    if (!messageId || !emoji || !userId || event.operator_type === 'app') return undefined;
    return { input: { ...base(eventId, tenant, userId), kind: 'reaction', messageRef: messageId, reaction: emoji }, reply: () => ({}) };
  }

  return {
    /** Handles one verified, decrypted event and resolves with the immediate answer; repeats get `{}` and do nothing. */
    async handle(envelope: FeishuEnvelope): Promise<EventAnswer> {
      const type = envelope.header?.event_type ?? '';
      const tenant = envelope.header?.tenant_key;
      const eventId = envelope.header?.event_id;
      const event = envelope.event;
      if (!tenant || !eventId || !event) return {};
      const parsed =
        type === EVENT_MESSAGE
          ? onMessage(eventId, tenant, event)
          : type === EVENT_CARD_ACTION
            ? onCardAction(eventId, tenant, event)
            : type === EVENT_REACTION
              ? onReaction(eventId, tenant, event)
              : undefined;
      if (!parsed) return {};
      const answer = { body: {} as EventAnswer };
      await deps.inbound.handle(parsed.input, parsed.reply(answer));
      return answer.body;
    },
  };
}

export type FeishuEvents = ReturnType<typeof createFeishuEvents>;
