// Feishu's part of the configuration: its variables, how to fix each, and the settings they make.
// config/load-config.ts composes it with the others; nothing here loads the Lark SDK.
import { z } from 'zod';
import { envFixes, envShape, envVariable, optionalText } from '../../base/env/env-text.ts';
import { ConfigError } from '../../core/errors.ts';

/** Feishu's variables: how each is parsed, and how to fix it. */
const FEISHU_VARIABLES = {
  FEISHU_APP_ID: envVariable(optionalText, 'copy the App ID (cli_…) from the Feishu developer console'),
  FEISHU_APP_SECRET: envVariable(optionalText, 'copy the App Secret from the Feishu developer console'),
  FEISHU_ENCRYPT_KEY: envVariable(optionalText, 'copy the Encrypt Key from the app’s Events and Callbacks page'),
  FEISHU_VERIFICATION_TOKEN: envVariable(optionalText, 'copy the Verification Token from the app’s Events and Callbacks page'),
  FEISHU_DOMAIN: envVariable(
    optionalText.pipe(z.string().default('feishu')),
    'set FEISHU_DOMAIN to feishu, lark, or the base URL of your deployment',
  ),
  FEISHU_MODE: envVariable(
    optionalText.pipe(z.enum(['ws', 'webhook'], { error: 'is not ws or webhook' }).default('ws')),
    'set FEISHU_MODE to ws (long connection) or webhook',
  ),
  FEISHU_SLASH_COMMANDS: envVariable(
    optionalText.pipe(z.enum(['true', 'false'], { error: 'is not true or false' }).default('false')),
    'set FEISHU_SLASH_COMMANDS to true (register /roi … in Feishu’s command panel) or false',
  ),
};

export const FEISHU_ENV = envShape(FEISHU_VARIABLES);
export const FEISHU_FIXES = envFixes(FEISHU_VARIABLES);

type FeishuEnv = z.output<z.ZodObject<typeof FEISHU_ENV>>;

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
