// What Feishu's events mean to Growthbeat, whichever way they arrive (webhook or long connection): each
// event is deduplicated by header.event_id, answered at once, and its slow work handed off as `later`.

import type { Logger } from '../../base/logging/logger.ts';
import type { CommandContext } from '../../core/commands/command-context.ts';
import type { Interactions } from '../../core/commands/interactions.ts';
import { runCommandText } from '../../core/commands/run-command.ts';
import { t } from '../../core/i18n/messages.ts';
import type { ChatSender } from '../../core/ports/chat-sender.ts';
import type { Store } from '../../core/ports/store.ts';
import type { Locale } from '../../core/ports/workspace.ts';
import { plainMentions } from '../../core/views/mention.ts';
import type { View } from '../../core/views/view.ts';
import { identifyCaller } from '../../core/workspace/identify.ts';
import { toFeishuCard } from './card.renderer.ts';
import { type FeishuMessage, readMessage } from './message-text.ts';

/** Feishu retries for hours (15 s, 5 min, 1 h, 6 h); event ids are remembered a day. */
export const EVENT_TTL_MS = 24 * 60 * 60 * 1000;
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

export interface EventOutcome {
  /** The immediate answer: `{}` for events, toast and card for card actions. */
  body: Record<string, unknown>;
  /** Work to do after answering (running a command, sending its card). */
  later?: () => Promise<void>;
}

export interface FeishuEventDeps {
  store: Store;
  logger: Logger;
  interactions: Interactions;
  /** The sender that answers in a chat, rendering in the workspace's language. */
  senderFor(locale: Locale): ChatSender;
  defaults?: { timezone: string; locale: Locale };
  now?: () => Date;
  ackBudgetMs?: number;
  /** The bot's open_id once known (looked up at start); otherwise a group message's leading mention is taken as the bot's. */
  botOpenId?: () => string | undefined;
}

type UserIds = { open_id?: string; user_id?: string; union_id?: string };

function errorView(locale: Locale): View {
  const text = t(locale, 'error.internal');
  return { fallback: text, elements: [{ type: 'text', text: `⚠️ ${text}` }], ephemeral: true, severity: 'warning' };
}

/** A button's callback value as the card renderer wrote it: `{ action, value }`. */
function actionOf(value: unknown): { actionId: string; value: string } {
  const v = (typeof value === 'string' ? safeJson(value) : value) as { action?: unknown; value?: unknown } | undefined;
  return {
    actionId: typeof v?.action === 'string' ? v.action : '',
    value: typeof v?.value === 'string' ? v.value : v?.value === undefined ? '' : JSON.stringify(v.value),
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function createFeishuEvents(deps: FeishuEventDeps) {
  const { store, logger, interactions } = deps;
  const defaults = deps.defaults ?? FEISHU_DEFAULTS;
  const now = deps.now ?? (() => new Date());
  const ackBudgetMs = deps.ackBudgetMs ?? CARD_ACK_BUDGET_MS;

  async function contextFor(tenantKey: string, userId: string, chatId?: string): Promise<CommandContext> {
    const caller = await identifyCaller(store, { platform: 'feishu', teamId: tenantKey, userId }, defaults);
    return { store, workspace: caller.workspace, member: caller.member, now: now(), channel: chatId };
  }

  /** The card action's answer: a toast and the new card, or a toast alone for a view meant for the clicker. */
  function cardAnswer(view: View, locale: Locale): Record<string, unknown> {
    if (view.ephemeral) return { toast: { type: 'info', content: plainMentions(view.fallback) } };
    return {
      toast: { type: 'success', content: t(locale, 'feishu.updated') },
      card: { type: 'raw', data: toFeishuCard(view, { locale }) },
    };
  }

  function onMessage(tenant: string, eventId: string, event: Record<string, unknown>): EventOutcome {
    const sender = event.sender as { sender_id?: UserIds; sender_type?: string } | undefined;
    const message = event.message as FeishuMessage | undefined;
    const userId = sender?.sender_id?.open_id;
    if (!message?.chat_id || !userId || (sender?.sender_type && sender.sender_type !== 'user')) return { body: {} };
    const read = readMessage(message, deps.botOpenId?.());
    // With the group_msg scope every group message arrives: only those that @-mention the bot are for it.
    if (message.chat_type !== 'p2p' && !read.mentionsBot) return { body: {} };
    return {
      body: {},
      later: async () => {
        const ctx = await contextFor(tenant, userId, message.chat_id);
        const locale = ctx.workspace.locale;
        let view: View;
        try {
          view =
            read.text === undefined
              ? { fallback: t(locale, 'feishu.notText'), elements: [{ type: 'text', text: t(locale, 'feishu.notText') }], ephemeral: true }
              : await runCommandText(ctx, read.text);
        } catch (error) {
          logger.error('feishu command failed', { error, eventId });
          view = errorView(locale);
        }
        // In a group the answer replies to the question; in a direct chat it is the next message. The key
        // gives Feishu a uuid, so a retried send cannot post the answer twice.
        const threadOf = message.chat_type === 'p2p' ? undefined : { channel: message.chat_id, id: message.message_id };
        await deps.senderFor(locale).post(message.chat_id, view, { threadOf, key: `feishu:${eventId}:answer` });
      },
    };
  }

  async function onCardAction(tenant: string, event: Record<string, unknown>): Promise<EventOutcome> {
    const operator = event.operator as UserIds | undefined;
    const action = event.action as { value?: unknown } | undefined;
    const context = event.context as { open_message_id?: string; open_chat_id?: string } | undefined;
    // A click nobody made (no operator) changes nothing and creates no member.
    if (!operator?.open_id) return { body: {} };
    const ctx = await contextFor(tenant, operator.open_id, context?.open_chat_id);
    const locale = ctx.workspace.locale;
    const work = interactions.onAction(ctx, actionOf(action?.value));
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), ackBudgetMs);
    });
    try {
      const fast = await Promise.race([work, late]);
      if (fast) return { body: cardAnswer(fast, locale) };
    } catch (error) {
      logger.error('feishu card action failed', { error });
      return { body: { toast: { type: 'error', content: t(locale, 'error.internal') } } };
    } finally {
      clearTimeout(timer);
    }
    // Slow: answer now, patch the card when the work is done.
    return {
      body: { toast: { type: 'info', content: t(locale, 'working') } },
      later: async () => {
        const view = await work;
        if (view.ephemeral || !context?.open_message_id) return;
        await deps.senderFor(locale).update({ channel: context.open_chat_id ?? '', id: context.open_message_id }, view);
      },
    };
  }

  function onReaction(tenant: string, event: Record<string, unknown>): EventOutcome {
    const messageId = event.message_id as string | undefined;
    const emoji = (event.reaction_type as { emoji_type?: string } | undefined)?.emoji_type;
    const userId = (event.user_id as UserIds | undefined)?.open_id;
    // Reactions by apps (our own bot included) are not people answering an alert.
    if (!messageId || !emoji || !userId || event.operator_type === 'app') return { body: {} };
    return {
      body: {},
      later: async () => {
        const ctx = await contextFor(tenant, userId);
        await interactions.onReaction(ctx, { messageRef: messageId, reaction: emoji });
      },
    };
  }

  return {
    /** Handles one verified, decrypted event. Repeats of an event id get `{}` and do nothing. */
    async handle(envelope: FeishuEnvelope): Promise<EventOutcome> {
      const type = envelope.header?.event_type ?? '';
      const tenant = envelope.header?.tenant_key;
      const eventId = envelope.header?.event_id;
      const event = envelope.event;
      if (!HANDLED_EVENTS.includes(type as (typeof HANDLED_EVENTS)[number]) || !tenant || !eventId || !event) return { body: {} };
      if (!(await store.inbound.firstDelivery(`feishu:${eventId}`, EVENT_TTL_MS))) {
        logger.debug('feishu event repeated', { eventId, type });
        return { body: {} };
      }
      if (type === EVENT_MESSAGE) return onMessage(tenant, eventId, event);
      if (type === EVENT_CARD_ACTION) return onCardAction(tenant, event);
      return onReaction(tenant, event);
    },
  };
}

export type FeishuEvents = ReturnType<typeof createFeishuEvents>;
