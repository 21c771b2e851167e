// Playing Feishu: an event encrypted with the Encrypt Key and signed over the raw body, as Feishu posts it.
import { randomBytes } from 'node:crypto';
import { encryptFeishu, feishuSignature } from '../../src/platforms/feishu/feishu-crypto.ts';

export interface FeishuPostOptions {
  /** Seconds since the epoch; now unless told. */
  timestamp?: number;
  nonce?: string;
  signature?: string;
  /** Sign with this key instead (a forger's key). */
  signingKey?: string;
  unsigned?: boolean;
}

export function feishuRequest(payload: unknown, encryptKey: string, options: FeishuPostOptions = {}) {
  const body = JSON.stringify({ encrypt: encryptFeishu(JSON.stringify(payload), encryptKey) });
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const nonce = options.nonce ?? randomBytes(8).toString('hex');
  const signature = options.signature ?? feishuSignature(timestamp, nonce, options.signingKey ?? encryptKey, body);
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
  if (!options.unsigned)
    Object.assign(headers, { 'x-lark-request-timestamp': timestamp, 'x-lark-request-nonce': nonce, 'x-lark-signature': signature });
  return { body, headers };
}

export function postFeishu(url: string, payload: unknown, encryptKey: string, options: FeishuPostOptions = {}) {
  const { body, headers } = feishuRequest(payload, encryptKey, options);
  return fetch(url, { method: 'POST', headers, body });
}
