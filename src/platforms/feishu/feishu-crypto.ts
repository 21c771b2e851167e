// Feishu's webhook security: AES-256-CBC with key sha256(Encrypt Key) and the IV in front of the
// ciphertext; the signature sha256(timestamp + nonce + Encrypt Key + raw body) in x-lark-signature.
import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const keyOf = (encryptKey: string) => createHash('sha256').update(encryptKey).digest();

/** The plaintext of an `encrypt` field; throws on a wrong key or a damaged payload. */
export function decryptFeishu(encrypted: string, encryptKey: string): string {
  const raw = Buffer.from(encrypted, 'base64');
  if (raw.length < 32) throw new Error('the encrypted payload is too short');
  const decipher = createDecipheriv('aes-256-cbc', keyOf(encryptKey), raw.subarray(0, 16));
  return Buffer.concat([decipher.update(raw.subarray(16)), decipher.final()]).toString('utf8');
}

/** What Feishu does to a payload before posting it (tests and tools use it to play Feishu). */
export function encryptFeishu(plain: string, encryptKey: string, iv: Buffer = randomBytes(16)): string {
  const cipher = createCipheriv('aes-256-cbc', keyOf(encryptKey), iv);
  return Buffer.concat([iv, cipher.update(plain, 'utf8'), cipher.final()]).toString('base64');
}

export function feishuSignature(timestamp: string, nonce: string, encryptKey: string, rawBody: Buffer | string): string {
  return createHash('sha256')
    .update(Buffer.concat([Buffer.from(timestamp + nonce + encryptKey, 'utf8'), Buffer.isBuffer(rawBody) ? rawBody : Buffer.from(rawBody)]))
    .digest('hex');
}

/** Constant-time comparison of the signature header with the one we compute over the raw bytes. */
export function signatureMatches(header: string | undefined, expected: string): boolean {
  if (!header) return false;
  const a = Buffer.from(header.toLowerCase());
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
