import { ConfigError } from '../core/errors.ts';
import type { Locale } from '../core/i18n/locale.ts';
import type { ImportLimits } from '../ingest/import-limits.ts';
import { CONFIG_FIXES, configSchema, type RawConfig } from './config.schema.ts';

export type LogLevel = RawConfig['LOG_LEVEL'];

export interface Config {
  databaseUrl: string;
  port: number;
  host: string;
  logLevel: LogLevel;
  defaultTimezone: string;
  defaultLocale: Locale;
  shutdownTimeoutMs: number;
  maxBodyBytes: number;
  /** Bounds on one imported CSV file (IMPORT_MAX_*). */
  importLimits: ImportLimits;
  relayIntervalMs: number;
  relayLeaseMs: number;
  catchUpGraceMs: number;
  slack?: {
    signingSecret?: string;
    botToken?: string;
    appToken?: string;
    clientId?: string;
    clientSecret?: string;
    stateSecret?: string;
    apiUrl?: string;
  };
  feishu?: {
    appId: string;
    appSecret: string;
    encryptKey?: string;
    verificationToken?: string;
    domain: string;
    mode: 'ws' | 'webhook';
    /** Register the commands in Feishu's "/" panel at start (needs the application:app_slash_command scopes). */
    slashCommands: boolean;
  };
  secretKey?: string;
  /** Tests only: a virtual clock for the schedules (see GROWTHBEAT_TEST_CLOCK). */
  testClock?: { start: Date; speed: number };
}

/**
 * Parses the environment once. Throws a ConfigError whose message is one line: the variable, what
 * is wrong with its value, and how to fix it.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue?.path[0] ?? 'environment') as keyof RawConfig;
    const value = env[variable];
    const shown = value === undefined ? '' : `=${JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value)}`;
    throw new ConfigError(
      variable,
      `${variable}${shown} ${issue?.message ?? 'is invalid'}: ${CONFIG_FIXES[variable] ?? 'check its value'}`,
    );
  }
  const raw = parsed.data;
  const slackSet = [raw.SLACK_SIGNING_SECRET, raw.SLACK_BOT_TOKEN, raw.SLACK_APP_TOKEN, raw.SLACK_CLIENT_ID].some(Boolean);
  if (Boolean(raw.FEISHU_APP_ID) !== Boolean(raw.FEISHU_APP_SECRET)) {
    const missing = raw.FEISHU_APP_ID ? 'FEISHU_APP_SECRET' : 'FEISHU_APP_ID';
    throw new ConfigError(missing, `${missing} is missing while its pair is set: ${CONFIG_FIXES[missing]}`);
  }
  const feishuSet = Boolean(raw.FEISHU_APP_ID);
  if (feishuSet && raw.FEISHU_MODE === 'webhook') {
    const missing = !raw.FEISHU_ENCRYPT_KEY
      ? 'FEISHU_ENCRYPT_KEY'
      : !raw.FEISHU_VERIFICATION_TOKEN
        ? 'FEISHU_VERIFICATION_TOKEN'
        : undefined;
    if (missing)
      throw new ConfigError(
        missing,
        `${missing} is missing: Feishu webhook mode (FEISHU_MODE=webhook) verifies and decrypts every event with it; ${CONFIG_FIXES[missing]}`,
      );
  }
  if (raw.SLACK_CLIENT_ID && (!raw.SLACK_CLIENT_SECRET || !raw.SLACK_STATE_SECRET)) {
    const missing = raw.SLACK_CLIENT_SECRET ? 'SLACK_STATE_SECRET' : 'SLACK_CLIENT_SECRET';
    throw new ConfigError(missing, `${missing} is missing: multi-workspace Slack (SLACK_CLIENT_ID) needs it; ${CONFIG_FIXES[missing]}`);
  }
  if (raw.SLACK_CLIENT_ID && (!raw.GROWTHBEAT_SECRET_KEY || raw.GROWTHBEAT_SECRET_KEY.length < 32)) {
    throw new ConfigError(
      'GROWTHBEAT_SECRET_KEY',
      `GROWTHBEAT_SECRET_KEY ${raw.GROWTHBEAT_SECRET_KEY ? 'is shorter than 32 characters' : 'is missing'}: Slack installations store tokens encrypted with it; ${CONFIG_FIXES.GROWTHBEAT_SECRET_KEY}`,
    );
  }
  if (raw.SLACK_APP_TOKEN && raw.SLACK_CLIENT_ID) {
    throw new ConfigError(
      'SLACK_APP_TOKEN',
      'SLACK_APP_TOKEN (Socket Mode) serves one workspace with SLACK_BOT_TOKEN; for several workspaces use HTTP mode with SLACK_CLIENT_ID: unset one of them',
    );
  }
  if (slackSet && !raw.SLACK_APP_TOKEN && !raw.SLACK_SIGNING_SECRET) {
    throw new ConfigError(
      'SLACK_SIGNING_SECRET',
      `SLACK_SIGNING_SECRET is missing: Slack over HTTP verifies every request with it (or set SLACK_APP_TOKEN for Socket Mode); ${CONFIG_FIXES.SLACK_SIGNING_SECRET}`,
    );
  }
  if (slackSet && !raw.SLACK_BOT_TOKEN && !raw.SLACK_CLIENT_ID) {
    throw new ConfigError(
      'SLACK_BOT_TOKEN',
      `SLACK_BOT_TOKEN is missing: one workspace needs the bot token, several need SLACK_CLIENT_ID; ${CONFIG_FIXES.SLACK_BOT_TOKEN}`,
    );
  }
  return {
    databaseUrl: raw.DATABASE_URL,
    port: raw.PORT,
    // Without chat credentials only the local sandbox runs: keep it on the loopback interface.
    host: raw.HOST ?? (slackSet || feishuSet ? '0.0.0.0' : '127.0.0.1'),
    logLevel: raw.LOG_LEVEL,
    defaultTimezone: raw.DEFAULT_TIMEZONE,
    defaultLocale: raw.DEFAULT_LOCALE,
    shutdownTimeoutMs: raw.SHUTDOWN_TIMEOUT_MS,
    maxBodyBytes: raw.MAX_BODY_BYTES,
    importLimits: {
      maxCellChars: raw.IMPORT_MAX_CELL_CHARS,
      maxRecordChars: raw.IMPORT_MAX_RECORD_CHARS,
      maxRows: raw.IMPORT_MAX_ROWS,
      maxDecompressedBytes: raw.IMPORT_MAX_DECOMPRESSED_BYTES,
    },
    relayIntervalMs: raw.RELAY_INTERVAL_MS,
    relayLeaseMs: raw.RELAY_LEASE_MS,
    catchUpGraceMs: raw.CATCH_UP_GRACE_MS,
    slack: slackSet
      ? {
          signingSecret: raw.SLACK_SIGNING_SECRET,
          botToken: raw.SLACK_BOT_TOKEN,
          appToken: raw.SLACK_APP_TOKEN,
          clientId: raw.SLACK_CLIENT_ID,
          clientSecret: raw.SLACK_CLIENT_SECRET,
          stateSecret: raw.SLACK_STATE_SECRET,
          apiUrl: raw.SLACK_API_URL,
        }
      : undefined,
    feishu: feishuSet
      ? {
          appId: raw.FEISHU_APP_ID as string,
          appSecret: raw.FEISHU_APP_SECRET as string,
          encryptKey: raw.FEISHU_ENCRYPT_KEY,
          verificationToken: raw.FEISHU_VERIFICATION_TOKEN,
          domain: raw.FEISHU_DOMAIN,
          mode: raw.FEISHU_MODE,
          slashCommands: raw.FEISHU_SLASH_COMMANDS === 'true',
        }
      : undefined,
    secretKey: raw.GROWTHBEAT_SECRET_KEY,
    testClock: raw.GROWTHBEAT_TEST_CLOCK
      ? { start: new Date(raw.GROWTHBEAT_TEST_CLOCK.split('*')[0] as string), speed: Number(raw.GROWTHBEAT_TEST_CLOCK.split('*')[1] ?? 1) }
      : undefined,
  };
}
