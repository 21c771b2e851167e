import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.ts';
import { ConfigError } from '../../src/core/errors.ts';

function failure(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('gives the documented defaults on an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      databaseUrl: 'file:./data/growthbeat.db',
      port: 3000,
      host: '127.0.0.1',
      logLevel: 'info',
      defaultTimezone: 'Asia/Shanghai',
      defaultLocale: 'zh-CN',
      slack: undefined,
      feishu: undefined,
    });
  });

  it('gives the import limits their defaults, and takes each from its variable', () => {
    expect(loadConfig({}).importLimits).toEqual({
      maxCellChars: 65_536,
      maxRecordChars: 1_048_576,
      maxRows: 10_000_000,
      maxDecompressedBytes: 1_073_741_824,
    });
    expect(
      loadConfig({
        IMPORT_MAX_CELL_CHARS: '10',
        IMPORT_MAX_RECORD_CHARS: '20',
        IMPORT_MAX_ROWS: '30',
        IMPORT_MAX_DECOMPRESSED_BYTES: '4096',
      }).importLimits,
    ).toEqual({ maxCellChars: 10, maxRecordChars: 20, maxRows: 30, maxDecompressedBytes: 4096 });
  });

  it('gives the data-source limits their defaults, and takes each from its variable', () => {
    expect(loadConfig({}).sourceLimits).toMatchObject({ statementTimeoutMs: 60_000, maxRows: 1_000_000 });
    expect(loadConfig({ SOURCE_STATEMENT_TIMEOUT_MS: '5000', SOURCE_MAX_ROWS: '20', IMPORT_MAX_ROWS: '30' }).sourceLimits).toEqual({
      statementTimeoutMs: 5000,
      maxRows: 20,
      importLimits: expect.objectContaining({ maxRows: 30 }),
    });
  });

  it('treats empty strings as unset and trims values', () => {
    expect(loadConfig({ PORT: '', DEFAULT_LOCALE: ' en ' })).toMatchObject({ port: 3000, defaultLocale: 'en' });
    expect(loadConfig({}).keepAliveTimeoutMs).toBe(65_000);
    expect(loadConfig({ HTTP_KEEP_ALIVE_TIMEOUT_MS: '75000' }).keepAliveTimeoutMs).toBe(75_000);
  });

  it.each([
    [
      { IMPORT_MAX_ROWS: 'lots' },
      'IMPORT_MAX_ROWS',
      'IMPORT_MAX_ROWS="lots" is not a number: set IMPORT_MAX_ROWS to the most data rows one imported file may hold, such as 10000000',
    ],
    [{ IMPORT_MAX_CELL_CHARS: '0' }, 'IMPORT_MAX_CELL_CHARS', 'IMPORT_MAX_CELL_CHARS="0" is below 1'],
    [
      { SOURCE_STATEMENT_TIMEOUT_MS: '10' },
      'SOURCE_STATEMENT_TIMEOUT_MS',
      'SOURCE_STATEMENT_TIMEOUT_MS="10" is below 100: set SOURCE_STATEMENT_TIMEOUT_MS to how long one data-source query may run',
    ],
    [
      { SOURCE_MAX_ROWS: 'many' },
      'SOURCE_MAX_ROWS',
      'SOURCE_MAX_ROWS="many" is not a number: set SOURCE_MAX_ROWS to the most rows one data-source run may read, such as 1000000',
    ],
    [
      { IMPORT_MAX_DECOMPRESSED_BYTES: '1.5' },
      'IMPORT_MAX_DECOMPRESSED_BYTES',
      'IMPORT_MAX_DECOMPRESSED_BYTES="1.5" is not a whole number',
    ],
    [{ PORT: 'abc' }, 'PORT', 'PORT="abc" is not a number: set PORT to a free TCP port such as 3000, or unset it'],
    [{ PORT: '70000' }, 'PORT', 'PORT="70000" is above 65535'],
    [
      { HTTP_KEEP_ALIVE_TIMEOUT_MS: '5' },
      'HTTP_KEEP_ALIVE_TIMEOUT_MS',
      'HTTP_KEEP_ALIVE_TIMEOUT_MS="5" is below 1000: set HTTP_KEEP_ALIVE_TIMEOUT_MS to milliseconds between 1000 and 600000',
    ],
    [{ PORT: '3.5' }, 'PORT', 'PORT="3.5" is not a whole number'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL', 'DATABASE_URL="mysql://x" is not a database URL: use file:'],
    [
      { DEFAULT_TIMEZONE: 'Mars/Olympus' },
      'DEFAULT_TIMEZONE',
      'DEFAULT_TIMEZONE="Mars/Olympus" is not an IANA time zone: set DEFAULT_TIMEZONE to an IANA zone',
    ],
    [{ DEFAULT_LOCALE: 'fr' }, 'DEFAULT_LOCALE', 'DEFAULT_LOCALE="fr" is not one of zh-CN, en'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL', 'LOG_LEVEL="loud" is not one of debug, info, warn, error, silent'],
    [{ SLACK_BOT_TOKEN: 'xoxp-123' }, 'SLACK_BOT_TOKEN', 'SLACK_BOT_TOKEN="xoxp-123" does not start with xoxb-'],
    [{ FEISHU_APP_ID: 'cli_a' }, 'FEISHU_APP_SECRET', 'FEISHU_APP_SECRET is missing while its pair is set'],
    [
      { FEISHU_MODE: 'socket' },
      'FEISHU_MODE',
      'FEISHU_MODE="socket" is not ws or webhook: set FEISHU_MODE to ws (long connection) or webhook',
    ],
    [
      { FEISHU_APP_ID: 'cli_a', FEISHU_APP_SECRET: 'b', FEISHU_MODE: 'webhook' },
      'FEISHU_ENCRYPT_KEY',
      'FEISHU_ENCRYPT_KEY is missing: Feishu webhook mode (FEISHU_MODE=webhook) verifies and decrypts every event with it',
    ],
    [
      { FEISHU_APP_ID: 'cli_a', FEISHU_APP_SECRET: 'b', FEISHU_MODE: 'webhook', FEISHU_ENCRYPT_KEY: 'k' },
      'FEISHU_VERIFICATION_TOKEN',
      'FEISHU_VERIFICATION_TOKEN is missing: Feishu webhook mode',
    ],
    [
      { GROWTHBEAT_TEST_CLOCK: 'next wednesday' },
      'GROWTHBEAT_TEST_CLOCK',
      'GROWTHBEAT_TEST_CLOCK="next wednesday" is not an instant with an optional speed: for tests only',
    ],
  ])('names the variable, the problem and the fix in one line: %o', (env, variable, message) => {
    const error = failure(env);
    expect(error.variable).toBe(variable);
    expect(error.message).toContain(message);
    expect(error.message).not.toContain('\n');
  });

  it('listens on all interfaces once a chat platform is configured, unless HOST says otherwise', () => {
    expect(loadConfig({ SLACK_SIGNING_SECRET: 's', SLACK_BOT_TOKEN: 'xoxb-1' })).toMatchObject({
      host: '0.0.0.0',
      slack: { signingSecret: 's', botToken: 'xoxb-1' },
    });
    expect(loadConfig({ FEISHU_APP_ID: 'cli_a', FEISHU_APP_SECRET: 'b', HOST: '127.0.0.1' })).toMatchObject({
      host: '127.0.0.1',
      feishu: { appId: 'cli_a', appSecret: 'b', domain: 'feishu', mode: 'ws' },
    });
    const env = { FEISHU_APP_ID: 'cli_a', FEISHU_APP_SECRET: 'b', FEISHU_MODE: 'webhook', FEISHU_DOMAIN: 'http://127.0.0.1:9' };
    expect(loadConfig({ ...env, FEISHU_ENCRYPT_KEY: 'k', FEISHU_VERIFICATION_TOKEN: 't' }).feishu).toEqual({
      appId: 'cli_a',
      appSecret: 'b',
      encryptKey: 'k',
      verificationToken: 't',
      domain: 'http://127.0.0.1:9',
      mode: 'webhook',
      slashCommands: false,
    });
    expect(loadConfig({ FEISHU_APP_ID: 'cli_a', FEISHU_APP_SECRET: 'b', FEISHU_SLASH_COMMANDS: 'true' }).feishu?.slashCommands).toBe(true);
  });

  it('reads a test clock as a start instant and a speed', () => {
    expect(loadConfig({ GROWTHBEAT_TEST_CLOCK: '2026-11-25T05:55:00Z*600' }).testClock).toEqual({
      start: new Date('2026-11-25T05:55:00Z'),
      speed: 600,
    });
    expect(loadConfig({ GROWTHBEAT_TEST_CLOCK: '2026-11-25T08:00:00Z' }).testClock).toEqual({
      start: new Date('2026-11-25T08:00:00Z'),
      speed: 1,
    });
    expect(loadConfig({}).testClock).toBeUndefined();
  });
});
