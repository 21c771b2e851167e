// Slack's part of the configuration: its variables, how to fix each, and the settings they make.
// config/load-config.ts composes it with the others; nothing here loads Bolt.
import { z } from 'zod';
import { envFixes, envShape, envVariable, optionalText } from '../../base/env/env-text.ts';
import { ConfigError } from '../../core/errors.ts';

/** Slack's variables: how each is parsed, and how to fix it. */
const SLACK_VARIABLES = {
  SLACK_SIGNING_SECRET: envVariable(optionalText, 'copy the Signing Secret from your Slack app’s Basic Information page'),
  SLACK_BOT_TOKEN: envVariable(
    optionalText.pipe(z.string().startsWith('xoxb-', { error: 'does not start with xoxb-' }).optional()),
    'copy the Bot User OAuth Token (xoxb-…) from your Slack app’s OAuth & Permissions page',
  ),
  SLACK_APP_TOKEN: envVariable(
    optionalText.pipe(z.string().startsWith('xapp-', { error: 'does not start with xapp-' }).optional()),
    'create an app-level token (xapp-…) with connections:write under Basic Information',
  ),
  SLACK_CLIENT_ID: envVariable(optionalText, 'copy the Client ID from your Slack app’s Basic Information page'),
  SLACK_CLIENT_SECRET: envVariable(optionalText, 'copy the Client Secret from your Slack app’s Basic Information page'),
  SLACK_STATE_SECRET: envVariable(optionalText, 'set SLACK_STATE_SECRET to any long random string'),
  SLACK_API_URL: envVariable(
    optionalText.pipe(z.url({ error: 'is not a URL' }).optional()),
    'set SLACK_API_URL to a URL such as http://127.0.0.1:4010/api/, or unset it',
  ),
};

export const SLACK_ENV = envShape(SLACK_VARIABLES);
export const SLACK_FIXES = envFixes(SLACK_VARIABLES);

type SlackEnv = z.output<z.ZodObject<typeof SLACK_ENV>>;

/**
 * The Slack settings, or undefined when no SLACK_ variable turns Slack on. Combinations that cannot work
 * throw a ConfigError naming the variable to set; `secretKey` is GROWTHBEAT_SECRET_KEY (OAuth tokens are stored with it).
 */
export function slackSettings(raw: SlackEnv, secretKey: { value?: string; fix: string }) {
  if (![raw.SLACK_SIGNING_SECRET, raw.SLACK_BOT_TOKEN, raw.SLACK_APP_TOKEN, raw.SLACK_CLIENT_ID].some(Boolean)) return undefined;
  if (raw.SLACK_CLIENT_ID && (!raw.SLACK_CLIENT_SECRET || !raw.SLACK_STATE_SECRET)) {
    const missing = raw.SLACK_CLIENT_SECRET ? 'SLACK_STATE_SECRET' : 'SLACK_CLIENT_SECRET';
    throw new ConfigError(missing, `${missing} is missing: multi-workspace Slack (SLACK_CLIENT_ID) needs it; ${SLACK_FIXES[missing]}`);
  }
  if (raw.SLACK_CLIENT_ID && (!secretKey.value || secretKey.value.length < 32)) {
    throw new ConfigError(
      'GROWTHBEAT_SECRET_KEY',
      `GROWTHBEAT_SECRET_KEY ${secretKey.value ? 'is shorter than 32 characters' : 'is missing'}: Slack installations store tokens encrypted with it; ${secretKey.fix}`,
    );
  }
  if (raw.SLACK_APP_TOKEN && raw.SLACK_CLIENT_ID) {
    throw new ConfigError(
      'SLACK_APP_TOKEN',
      'SLACK_APP_TOKEN (Socket Mode) serves one workspace with SLACK_BOT_TOKEN; for several workspaces use HTTP mode with SLACK_CLIENT_ID: unset one of them',
    );
  }
  if (!raw.SLACK_APP_TOKEN && !raw.SLACK_SIGNING_SECRET) {
    throw new ConfigError(
      'SLACK_SIGNING_SECRET',
      `SLACK_SIGNING_SECRET is missing: Slack over HTTP verifies every request with it (or set SLACK_APP_TOKEN for Socket Mode); ${SLACK_FIXES.SLACK_SIGNING_SECRET}`,
    );
  }
  if (!raw.SLACK_BOT_TOKEN && !raw.SLACK_CLIENT_ID) {
    throw new ConfigError(
      'SLACK_BOT_TOKEN',
      `SLACK_BOT_TOKEN is missing: one workspace needs the bot token, several need SLACK_CLIENT_ID; ${SLACK_FIXES.SLACK_BOT_TOKEN}`,
    );
  }
  return {
    signingSecret: raw.SLACK_SIGNING_SECRET,
    botToken: raw.SLACK_BOT_TOKEN,
    appToken: raw.SLACK_APP_TOKEN,
    clientId: raw.SLACK_CLIENT_ID,
    clientSecret: raw.SLACK_CLIENT_SECRET,
    stateSecret: raw.SLACK_STATE_SECRET,
    apiUrl: raw.SLACK_API_URL,
  };
}

/** What the Slack adapter is created with (SLACK_* variables, parsed). */
export type SlackSettings = Partial<NonNullable<ReturnType<typeof slackSettings>>>;
