import { createHash, randomBytes } from 'node:crypto';

const PREFIX = 'gb_';

/** A new bearer secret: `gb_` + 32 random bytes, base64url. */
export function newApiTokenSecret(): string {
  return PREFIX + randomBytes(32).toString('base64url');
}

/** What is stored: the SHA-256 of the secret (the secret has 256 bits of entropy, so no salt is needed). */
export function hashApiTokenSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** The part shown in listings: enough to tell tokens apart, useless to an attacker. */
export function apiTokenPrefix(secret: string): string {
  return secret.slice(0, PREFIX.length + 6);
}
