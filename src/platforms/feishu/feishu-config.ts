// Feishu's part of the configuration: its variables, how to fix each, and the settings they make.
// config/load-config.ts composes it with the others; nothing here loads the Lark SDK.
import { z } from 'zod';
import { optionalText } from '../../base/env/env-text.ts';
import { ConfigError } from '../../core/errors.ts';

export const FEISHU_ENV = {
  FEISHU_APP_ID: optionalText,
  FEISHU_APP_SECRET: optionalText,
  FEISHU_ENCRYPT_KEY: optionalText,
  FEISHU_VERIFICATION_TOKEN: optionalText,
  FEISHU_DOMAIN: optionalText.pipe(z.string().default('feishu')),
  FEISHU_MODE: optionalText.pipe(z.enum(['ws', 'webhook'], { error: 'is not ws or webhook' }).default('ws')),
  FEISHU_SLASH_COMMANDS: optionalText.pipe(z.enum(['true', 'false'], { error: 'is not true or false' }).default('false')),
};

type FeishuEnv = z.output<z.ZodObject<typeof FEISHU_ENV>>;

/** How to fix each variable, appended to its error line. */
export const FEISHU_FIXES: Record<keyof typeof FEISHU_ENV, string> = {
  FEISHU_APP_ID: 'copy the App ID (cli_…) from the Feishu developer console',
  FEISHU_APP_SECRET: 'copy the App Secret from the Feishu developer console',
  FEISHU_ENCRYPT_KEY: 'copy the Encrypt Key from the app’s Events and Callbacks page',
  FEISHU_VERIFICATION_TOKEN: 'copy the Verification Token from the app’s Events and Callbacks page',
  FEISHU_DOMAIN: 'set FEISHU_DOMAIN to feishu, lark, or the base URL of your deployment',
  FEISHU_MODE: 'set FEISHU_MODE to ws (long connection) or webhook',
  FEISHU_SLASH_COMMANDS: 'set FEISHU_SLASH_COMMANDS to true (register /roi … in Feishu’s command panel) or false',
};

/** The Feishu settings, or undefined without FEISHU_APP_ID; combinations that cannot work throw a ConfigError. */
export function feishuSettings(raw: FeishuEnv) {
  if (Boolean(raw.FEISHU_APP_ID) !== Boolean(raw.FEISHU_APP_SECRET)) {
    const missing = raw.FEISHU_APP_ID ? 'FEISHU_APP_SECRET' : 'FEISHU_APP_ID';
    throw new ConfigError(missing, `${missing} is missing while its pair is set: ${FEISHU_FIXES[missing]}`);
  }
  if (!raw.FEISHU_APP_ID || !raw.FEISHU_APP_SECRET) return undefined;
  if (raw.FEISHU_MODE === 'webhook') {
    const missing = !raw.FEISHU_ENCRYPT_KEY
      ? 'FEISHU_ENCRYPT_KEY'
      : !raw.FEISHU_VERIFICATION_TOKEN
        ? 'FEISHU_VERIFICATION_TOKEN'
        : undefined;
    if (missing)
      throw new ConfigError(
        missing,
        `${missing} is missing: Feishu webhook mode (FEISHU_MODE=webhook) verifies and decrypts every event with it; ${FEISHU_FIXES[missing]}`,
      );
  }
  return {
    appId: raw.FEISHU_APP_ID,
    appSecret: raw.FEISHU_APP_SECRET,
    encryptKey: raw.FEISHU_ENCRYPT_KEY,
    verificationToken: raw.FEISHU_VERIFICATION_TOKEN,
    domain: raw.FEISHU_DOMAIN,
    mode: raw.FEISHU_MODE,
    /** Register the commands in Feishu's "/" panel at start (needs the application:app_slash_command scopes). */
    slashCommands: raw.FEISHU_SLASH_COMMANDS === 'true',
  };
}

/** What the Feishu adapter is created with (FEISHU_* variables, parsed). */
export type FeishuSettings = NonNullable<ReturnType<typeof feishuSettings>>;
