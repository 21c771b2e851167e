// What Bolt's HTTPReceiver leaves open, closed in front of it and in one global middleware:
// - it refuses stale timestamps only in the past, so a request stamped an hour ahead stays valid for an hour;
// - it parses a form body only when Content-Type is exactly `application/x-www-form-urlencoded` (no charset);
// - it throws (our server's 500 and an error log) for a GET on /slack/events;
// - it has no replay protection: a captured signed slash command or button click runs again (the adapter
//   hands the pipeline the request's fingerprint as its delivery id; the pipeline drops repeats).
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Handler, sendJson } from '../../base/http/http-server.ts';
import { isUtf8, mediaType } from '../../base/http/media-type.ts';
import type { Logger } from '../../base/logging/logger.ts';

/**
 * Slack's signature window, applied in both directions (as on the Feishu path). A replay therefore comes
 * within 10 minutes of the first delivery: the pipeline remembers delivery ids far longer (EVENT_TTL_MS).
 */
export const SLACK_SIGNATURE_WINDOW_MS = 5 * 60 * 1000;

const DEFERRED = 'slack_bolt_http_receiver_deferred_request_error';
const BODY_TYPES = ['application/x-www-form-urlencoded', 'application/json'];

export interface SlackGuardOptions {
  /** Path → the one method it answers (`/slack/events` → POST; with OAuth `/slack/install` → GET …). */
  routes: Record<string, string>;
  logger: Logger;
  clock?: () => number;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Wraps Bolt's request listener with what it lacks: 405 for other methods, the future half of the window, charset. */
export function guardSlackRequests(listener: Handler, options: SlackGuardOptions): Handler {
  const clock = options.clock ?? Date.now;
  return async (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const method = options.routes[path];
    if (method && req.method !== method) {
      res.setHeader('allow', method);
      return sendJson(res, 405, { error: 'method_not_allowed', allowed: [method] });
    }
    // A timestamp that is not a number is left to Bolt, which refuses it with the signature checks.
    const stamp = Number(header(req, 'x-slack-request-timestamp'));
    if (Number.isFinite(stamp) && Math.abs(clock() - stamp * 1000) > SLACK_SIGNATURE_WINDOW_MS) {
      options.logger.warn('slack request outside the signature window refused', { timestamp: stamp });
      return sendJson(res, 401, { error: 'stale_request', message: 'the request timestamp is more than 5 minutes away from now' });
    }
    const media = mediaType(req.headers['content-type']);
    if (BODY_TYPES.includes(media.type)) {
      if (!isUtf8(media)) return sendJson(res, 415, { error: 'unsupported_media_type', message: `send UTF-8, not ${media.charset}` });
      // The signature covers the body, not this header: giving Bolt the bare media type changes nothing it checks.
      req.headers['content-type'] = media.type;
    }
    try {
      await listener(req, res);
    } catch (error) {
      if ((error as { code?: string }).code !== DEFERRED) throw error;
      sendJson(res, 404, { error: 'not_found', path });
    }
  };
}

/** For HTTPReceiver's customPropertiesExtractor (it runs after the signature check): who this exact request is. */
export function slackRequestFingerprint(req: IncomingMessage): { requestFingerprint?: string } {
  const signature = header(req, 'x-slack-signature');
  const timestamp = header(req, 'x-slack-request-timestamp');
  if (!signature || !timestamp) return {};
  // The signature is an HMAC over timestamp and body: equal fingerprints are the same signed request.
  return { requestFingerprint: createHash('sha256').update(`${timestamp}:${signature}`).digest('hex') };
}
