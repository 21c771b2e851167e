// POST /feishu/events: the webhook transport. It only verifies, decrypts, answers and hands off:
// body size first (413), then the signature over the raw bytes with our own freshness window (the SDK
// has none), then decryption, the verification token, the URL challenge, and the event.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../../base/http/http-server.ts';
import { readBody } from '../../base/http/read-body.ts';
import type { Logger } from '../../base/logging/logger.ts';
import { decryptFeishu, feishuSignature, signatureMatches } from './feishu-crypto.ts';
import type { EventAnswer, FeishuEnvelope } from './feishu-events.ts';

/** A signed request older (or newer) than this is refused: a captured request cannot be replayed later. */
export const MAX_REQUEST_AGE_MS = 5 * 60 * 1000;

export interface FeishuWebhookOptions {
  encryptKey: string;
  verificationToken: string;
  maxBodyBytes: number;
  logger: Logger;
  /** The event's immediate answer (slow work goes on in the core's pipeline). */
  handle(envelope: FeishuEnvelope): Promise<EventAnswer>;
  clock?: () => number;
}

const refuse = (res: ServerResponse, status: number, error: string, message: string) => sendJson(res, status, { error, message });

export function createFeishuWebhook(options: FeishuWebhookOptions) {
  const clock = options.clock ?? Date.now;
  const { logger } = options;

  return async function feishuWebhook(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req, options.maxBodyBytes);
    const header = (name: string) => {
      const v = req.headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
    const timestamp = header('x-lark-request-timestamp');
    const nonce = header('x-lark-request-nonce');
    const signature = header('x-lark-signature');
    const signed = timestamp !== undefined && nonce !== undefined && signature !== undefined;
    if (signed && !signatureMatches(signature, feishuSignature(timestamp, nonce, options.encryptKey, raw))) {
      logger.warn('feishu request with a wrong signature refused');
      return refuse(res, 401, 'invalid_signature', 'the x-lark-signature does not match: check FEISHU_ENCRYPT_KEY');
    }
    if (signed && !(Math.abs(clock() - Number(timestamp) * 1000) <= MAX_REQUEST_AGE_MS)) {
      logger.warn('stale feishu request refused', { timestamp });
      return refuse(res, 401, 'stale_request', 'the request timestamp is more than 5 minutes away from now');
    }

    let payload: Record<string, unknown>;
    try {
      const outer = JSON.parse(raw.toString('utf8')) as { encrypt?: unknown };
      if (typeof outer?.encrypt !== 'string') throw new Error('not encrypted');
      payload = JSON.parse(decryptFeishu(outer.encrypt, options.encryptKey)) as Record<string, unknown>;
      if (typeof payload !== 'object' || payload === null) throw new Error('not an object');
    } catch {
      return refuse(res, 400, 'invalid_payload', 'expected an encrypted JSON event: check FEISHU_ENCRYPT_KEY');
    }

    // Feishu posts the URL challenge unsigned; the token inside the encrypted payload proves it.
    if (payload.type === 'url_verification') {
      if (payload.token !== options.verificationToken)
        return refuse(res, 401, 'invalid_token', 'the verification token does not match: check FEISHU_VERIFICATION_TOKEN');
      return sendJson(res, 200, { challenge: payload.challenge });
    }
    if (!signed) return refuse(res, 401, 'unsigned_request', 'events must carry x-lark-signature');
    const envelope = payload as FeishuEnvelope;
    if (envelope.header?.token !== options.verificationToken)
      return refuse(res, 401, 'invalid_token', 'the verification token does not match: check FEISHU_VERIFICATION_TOKEN');

    sendJson(res, 200, await options.handle(envelope));
  };
}
