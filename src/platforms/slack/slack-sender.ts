import type { App } from '@slack/bolt';
import { PermanentDeliveryError, RateLimitedError } from '../../core/errors.ts';
import type { ChatSender, MessageRef } from '../../core/ports/chat-sender.ts';
import { toBlockKit } from './block-kit.renderer.ts';

const OUTBOX_EVENT = 'growthbeat_outbox';

/** Slack errors that no retry can fix: the relay stops and tells an admin. */
export const PERMANENT_SLACK_ERRORS = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'invalid_auth',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'no_permission',
  'missing_scope',
  'msg_too_long',
  'invalid_blocks',
  'message_not_found',
  'cant_update_message',
  'restricted_action',
]);

/** Slack's failures as the relay understands them: permanent, rate limited (with Retry-After), or transient. */
export function classifySlackError(error: unknown): unknown {
  const e = error as { code?: string; data?: { error?: string }; retryAfter?: number };
  if (e.code === 'slack_webapi_platform_error' && e.data?.error && PERMANENT_SLACK_ERRORS.has(e.data.error))
    return new PermanentDeliveryError(e.data.error, { cause: error });
  if (e.code === 'slack_webapi_rate_limited_error')
    return new RateLimitedError('rate limited by Slack', (e.retryAfter ?? 1) * 1000, { cause: error });
  return error;
}

async function slackCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw classifySlackError(error);
  }
}

/** ChatSender over Slack's Web API: chat.postMessage / chat.update / filesUploadV2. The message id is its `ts`. */
export function createSlackSender(client: App['client']): ChatSender {
  const sender: ChatSender = {
    async post(channel, view, options) {
      const res = await client.chat.postMessage({
        channel,
        ...toBlockKit(view),
        ...(options?.threadOf ? { thread_ts: options.threadOf.id } : {}),
        // Slack has no idempotency key for chat.postMessage; the key rides in the message's metadata instead.
        ...(options?.key ? { metadata: { event_type: OUTBOX_EVENT, event_payload: { key: options.key } } } : {}),
      });
      return { channel: res.channel ?? channel, id: res.ts as string };
    },
    async findSent(channel, key, since, options) {
      const oldest = String(Math.floor(since.getTime() / 1000) - 60);
      const page = options?.threadOf
        ? await client.conversations.replies({ channel, ts: options.threadOf.id, oldest, include_all_metadata: true, limit: 100 })
        : await client.conversations.history({ channel, oldest, include_all_metadata: true, limit: 100 });
      const found = (page.messages ?? []).find((m) => {
        const meta = (m as { metadata?: { event_type?: string; event_payload?: { key?: unknown } } }).metadata;
        return meta?.event_type === OUTBOX_EVENT && meta.event_payload?.key === key;
      });
      return found?.ts ? { channel, id: found.ts } : undefined;
    },
    async update(message, view) {
      await client.chat.update({ channel: message.channel, ts: message.id, ...toBlockKit(view) });
    },
    async postImage(channel, image, options) {
      const file = {
        file: image.png,
        filename: image.filename,
        title: image.title,
        ...(options?.comment ? { initial_comment: options.comment } : {}),
      };
      const res = (await (options?.threadOf
        ? client.filesUploadV2({ ...file, channel_id: channel, thread_ts: options.threadOf.id })
        : client.filesUploadV2({ ...file, channel_id: channel }))) as { files?: { files?: { id?: string }[] }[] };
      const id = res.files?.[0]?.files?.[0]?.id;
      return id ? ({ channel, id } satisfies MessageRef) : undefined;
    },
  };
  return {
    findSent: (...args) => slackCall(() => (sender.findSent as NonNullable<ChatSender['findSent']>)(...args)),
    post: (...args) => slackCall(() => sender.post(...args)),
    update: (...args) => slackCall(() => sender.update(...args)),
    postImage: (...args) => slackCall(() => sender.postImage(...args)),
  };
}
