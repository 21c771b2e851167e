import { createHash } from 'node:crypto';
import type * as lark from '@larksuiteoapi/node-sdk';
import { PermanentDeliveryError, PlatformApiError, RateLimitedError } from '../../core/errors.ts';
import type { ChatSender, MessageRef } from '../../core/ports/chat-sender.ts';
import type { Locale } from '../../core/ports/workspace.ts';
import type { View } from '../../core/views/view.ts';
import { toFeishuCard } from './card.renderer.ts';

/**
 * Feishu error codes no retry can fix (IM and auth error tables): the relay stops and tells an admin.
 * 230001 bad request, 230002 bot not in the chat, 230006 bot ability off, 230013 user outside the bot's
 * availability, 230017/230018 chat gone, 230025 too long, 230099 card rejected, 230110 message deleted,
 * 231003 message not found; 99991663/99991668 token invalid, 99991672/99991679 scope missing,
 * 10003/10014 app id or secret wrong, 99991401 app disabled.
 */
export const PERMANENT_FEISHU_CODES = new Set([
  230001, 230002, 230006, 230013, 230017, 230018, 230025, 230099, 230110, 231003, 99991663, 99991668, 99991672, 99991679, 10003, 10014,
  99991401,
]);
/** Rate limits: the gateway's 99991400 and IM's per-chat 230020. */
export const RATE_LIMIT_CODES = new Set([99991400, 230020]);
/** How long a send may take before the relay counts it as failed (a retry carries the same uuid). */
export const SEND_TIMEOUT_MS = 15_000;
/** Feishu de-duplicates sends by `uuid` (at most one message per uuid within an hour); it takes up to 50 characters. */
export const MAX_UUID_LENGTH = 50;

export class FeishuApiError extends PlatformApiError {
  readonly feishuCode?: number;
  readonly status?: number;
  constructor(message: string, details: { feishuCode?: number; status?: number }, options?: { cause?: unknown }) {
    super(message, options);
    this.feishuCode = details.feishuCode;
    this.status = details.status;
  }
}

/** A person (a digest manager's direct message) is an open_id, `ou_…`; everything else is a chat, `oc_…`. */
export function receiveIdType(receiveId: string): 'open_id' | 'chat_id' {
  return receiveId.startsWith('ou_') ? 'open_id' : 'chat_id';
}

/** The uuid of an outbox key: stable, so a retry after a timeout cannot post twice. */
export function sendUuid(key: string): string {
  return `gb-${createHash('sha256').update(key).digest('hex').slice(0, 40)}`.slice(0, MAX_UUID_LENGTH);
}

type Answer = { code?: number; msg?: string; data?: Record<string, unknown> } | null | undefined;

/** Feishu's failures as the relay understands them: permanent, rate limited (with the reset time), or transient. */
export function classifyFeishuError(error: unknown): unknown {
  const e = error as {
    response?: { status?: number; data?: { code?: number; msg?: string }; headers?: Record<string, string> };
    feishuCode?: number;
    message?: string;
  };
  const code = e.feishuCode ?? e.response?.data?.code ?? Number(/"code":\s*(\d+)/.exec(e.message ?? '')?.[1] ?? Number.NaN);
  const status = e.response?.status;
  const msg = e.response?.data?.msg ?? e.message ?? 'unknown error';
  if (status === 429 || RATE_LIMIT_CODES.has(code)) {
    const reset = Number(e.response?.headers?.['x-ogw-ratelimit-reset']);
    return new RateLimitedError(`rate limited by Feishu (${code || status})`, (Number.isFinite(reset) && reset > 0 ? reset : 1) * 1000, {
      cause: error,
    });
  }
  if (PERMANENT_FEISHU_CODES.has(code)) return new PermanentDeliveryError(`feishu ${code}: ${msg}`, { cause: error });
  return error;
}

function check(res: Answer, what: string): Record<string, unknown> {
  if (res?.code !== 0) throw new FeishuApiError(`${what} failed: ${res?.msg ?? 'no answer'}`, { feishuCode: res?.code });
  return res.data ?? {};
}

async function feishuCall<T>(call: () => Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new FeishuApiError(`no answer from Feishu within ${timeoutMs} ms`, {})), timeoutMs);
    timer.unref();
  });
  try {
    return await Promise.race([call(), timeout]);
  } catch (error) {
    throw classifyFeishuError(error);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Uploads a PNG for use in messages (POST im/v1/images, image_type message) and returns its image_key: what
 * a card's img element and an image message reference. The SDK returns the data unwrapped.
 */
export async function uploadImage(client: lark.Client, png: Buffer | Uint8Array): Promise<string> {
  const uploaded = await client.im.image.create({ data: { image_type: 'message', image: Buffer.from(png) } });
  if (!uploaded?.image_key) throw new FeishuApiError('im.image.create returned no image_key', {});
  return uploaded.image_key;
}

/**
 * ChatSender over Feishu's Open API: interactive cards through im.message.create (or reply in a thread),
 * im.message.patch for updates, image.create then an image message; charts are uploaded first and
 * shown inside the card (publishImage → the img element's img_key). The message id is Feishu's om_… id.
 * No findSent: a retry carries the same uuid, so Feishu itself returns the message an earlier attempt
 * posted (within the hour it keeps uuids; the relay's retries come well inside it).
 */
/** The Feishu sender: a ChatSender, and a card only one member of a group sees. */
export interface FeishuSender extends ChatSender {
  /**
   * A card in a group chat that only `openId` sees, marked "only visible to you" (POST ephemeral/v1/send; the
   * SDK has no wrapper, so through its generic request). Groups only: not a direct chat, not a topic group.
   */
  postEphemeral(chatId: string, openId: string, view: View): Promise<MessageRef>;
}

export function createFeishuSender(client: lark.Client, options: { locale?: Locale; timeoutMs?: number } = {}): FeishuSender {
  const timeoutMs = options.timeoutMs ?? SEND_TIMEOUT_MS;
  const card = (view: View) => JSON.stringify(toFeishuCard(view, { locale: options.locale }));

  async function send(channel: string, msgType: string, content: string, threadOf?: MessageRef, key?: string): Promise<MessageRef> {
    const uuid = key ? sendUuid(key) : undefined;
    const data = threadOf
      ? check(
          await client.im.message.reply({
            path: { message_id: threadOf.id },
            data: { msg_type: msgType, content, ...(uuid ? { uuid } : {}) },
          }),
          'im.message.reply',
        )
      : check(
          await client.im.message.create({
            params: { receive_id_type: receiveIdType(channel) },
            data: { receive_id: channel, msg_type: msgType, content, ...(uuid ? { uuid } : {}) },
          }),
          'im.message.create',
        );
    return { channel: String(data.chat_id ?? channel), id: String(data.message_id) };
  }

  return {
    postEphemeral: (chatId, openId, view) =>
      feishuCall(async () => {
        const res = (await client.request({
          method: 'POST',
          url: '/open-apis/ephemeral/v1/send',
          data: { chat_id: chatId, open_id: openId, msg_type: 'interactive', card: toFeishuCard(view, { locale: options.locale }) },
        })) as Answer;
        return { channel: chatId, id: String(check(res, 'ephemeral.send').message_id) };
      }, timeoutMs),
    post: (channel, view, opts) => feishuCall(() => send(channel, 'interactive', card(view), opts?.threadOf, opts?.key), timeoutMs),
    update: (message, view) =>
      feishuCall(async () => {
        check(await client.im.message.patch({ path: { message_id: message.id }, data: { content: card(view) } }), 'im.message.patch');
      }, timeoutMs),
    publishImage: (png) => feishuCall(() => uploadImage(client, png), timeoutMs),
    postImage: (channel, image, opts) =>
      feishuCall(async () => {
        const imageKey = await uploadImage(client, image.png);
        const ref = await send(channel, 'image', JSON.stringify({ image_key: imageKey }), opts?.threadOf);
        if (opts?.comment) await send(channel, 'text', JSON.stringify({ text: opts.comment }), opts.threadOf);
        return ref;
      }, timeoutMs),
  };
}
