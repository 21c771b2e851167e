import { createHmac } from 'node:crypto';

/** Slack's request signature: v0= + hex HMAC-SHA256(secret, `v0:${timestamp}:${body}`). */
export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export async function postSigned(
  url: string,
  secret: string,
  body: string,
  contentType: string,
  options: { timestamp?: number; signature?: string; headers?: Record<string, string> } = {},
) {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': options.signature ?? slackSignature(secret, timestamp, body),
      ...options.headers,
    },
    body,
  });
}

export const FORM = 'application/x-www-form-urlencoded';
export const JSON_TYPE = 'application/json';
