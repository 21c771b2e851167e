import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { ConfigError } from '../errors.ts';

const VERSION = 'v1';

/** AES-256-GCM with a key derived from GROWTHBEAT_SECRET_KEY: platform tokens are never stored in clear. */
export function createSecretBox(secret: string) {
  if (secret.length < 32) throw new ConfigError('GROWTHBEAT_SECRET_KEY', 'GROWTHBEAT_SECRET_KEY must have at least 32 characters');
  const key = createHash('sha256').update(`growthbeat:${secret}`).digest();
  return {
    seal(plain: string): string {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
    },
    open(sealed: string): string {
      const [version, data] = sealed.split(':');
      if (version !== VERSION || !data) throw new ConfigError('GROWTHBEAT_SECRET_KEY', 'a stored secret has an unknown format');
      const raw = Buffer.from(data, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      try {
        return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
      } catch (cause) {
        throw new ConfigError(
          'GROWTHBEAT_SECRET_KEY',
          'a stored secret cannot be decrypted: GROWTHBEAT_SECRET_KEY changed since it was stored',
          { cause },
        );
      }
    },
  };
}

export type SecretBox = ReturnType<typeof createSecretBox>;
