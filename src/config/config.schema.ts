import { z } from 'zod';
import { optionalText } from '../base/env/env-text.ts';
import { LOG_LEVELS } from '../base/logging/logger.ts';
import { LOCALES } from '../core/i18n/locale.ts';
import { DEFAULT_IMPORT_LIMITS } from '../ingest/import-limits.ts';
import { DEFAULT_SOURCE_LIMITS } from '../ingest/sources/source-reader.ts';
import { FEISHU_ENV, FEISHU_FIXES } from '../platforms/feishu/feishu-config.ts';
import { SLACK_ENV, SLACK_FIXES } from '../platforms/slack/slack-config.ts';

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

const importLimit = (min: number, fallback: number) =>
  optionalText.pipe(
    z.coerce
      .number<string | undefined>({ error: 'is not a number' })
      .int({ error: 'is not a whole number' })
      .min(min, { error: `is below ${min}` })
      .default(fallback),
  );

/** The environment Growthbeat reads, parsed once at start. Empty strings count as unset. Each platform declares its own variables (platforms/<name>/<name>-config.ts). */
export const configSchema = z.object({
  DATABASE_URL: optionalText.pipe(
    z
      .string()
      .regex(/^(file:.+|postgres(ql)?:\/\/.+)$/, { error: 'is not a database URL' })
      .default('file:./data/growthbeat.db'),
  ),
  PORT: optionalText.pipe(
    z.coerce
      .number<string | undefined>({ error: 'is not a number' })
      .int({ error: 'is not a whole number' })
      .min(0, { error: 'is below 0' })
      .max(65535, { error: 'is above 65535' })
      .default(3000),
  ),
  HOST: optionalText,
  LOG_LEVEL: optionalText.pipe(z.enum(LOG_LEVELS, { error: `is not one of ${LOG_LEVELS.join(', ')}` }).default('info')),
  DEFAULT_TIMEZONE: optionalText.pipe(z.string().refine(isTimeZone, { error: 'is not an IANA time zone' }).default('Asia/Shanghai')),
  DEFAULT_LOCALE: optionalText.pipe(z.enum(LOCALES, { error: `is not one of ${LOCALES.join(', ')}` }).default('zh-CN')),
  SHUTDOWN_TIMEOUT_MS: optionalText.pipe(z.coerce.number<string | undefined>({ error: 'is not a number' }).int().min(0).default(10_000)),
  RELAY_INTERVAL_MS: optionalText.pipe(z.coerce.number<string | undefined>({ error: 'is not a number' }).int().min(50).default(1000)),
  RELAY_LEASE_MS: optionalText.pipe(z.coerce.number<string | undefined>({ error: 'is not a number' }).int().min(100).default(60_000)),
  CATCH_UP_GRACE_MS: optionalText.pipe(
    z.coerce
      .number<string | undefined>({ error: 'is not a number' })
      .int()
      .min(0)
      .default(6 * 60 * 60 * 1000),
  ),
  HTTP_KEEP_ALIVE_TIMEOUT_MS: optionalText.pipe(
    z.coerce
      .number<string | undefined>({ error: 'is not a number' })
      .int({ error: 'is not a whole number' })
      .min(1000, { error: 'is below 1000' })
      .max(600_000, { error: 'is above 600000' })
      .default(65_000),
  ),
  MAX_BODY_BYTES: optionalText.pipe(z.coerce.number<string | undefined>({ error: 'is not a number' }).int().min(1024).default(1_048_576)),
  // Bounds on one imported file (growthbeat import, import-events); past them the import is refused.
  IMPORT_MAX_CELL_CHARS: importLimit(1, DEFAULT_IMPORT_LIMITS.maxCellChars),
  IMPORT_MAX_RECORD_CHARS: importLimit(1, DEFAULT_IMPORT_LIMITS.maxRecordChars),
  IMPORT_MAX_ROWS: importLimit(1, DEFAULT_IMPORT_LIMITS.maxRows),
  IMPORT_MAX_DECOMPRESSED_BYTES: importLimit(1024, DEFAULT_IMPORT_LIMITS.maxDecompressedBytes),
  // What one data-source run may cost the team's database: its statement timeout and the most rows it reads.
  SOURCE_STATEMENT_TIMEOUT_MS: importLimit(100, DEFAULT_SOURCE_LIMITS.statementTimeoutMs),
  SOURCE_MAX_ROWS: importLimit(1, DEFAULT_SOURCE_LIMITS.maxRows),
  ...SLACK_ENV,
  ...FEISHU_ENV,
  // Encrypts platform tokens and data-source connections at rest; required once either is stored.
  GROWTHBEAT_SECRET_KEY: optionalText,
  // Tests only: schedules follow a virtual clock that starts at this instant and runs `*speed` times faster
  // (`2026-11-25T05:55:00Z*600`), ticked instead of node-cron's wall time, so a test reaches Wednesday 14:00 in seconds.
  GROWTHBEAT_TEST_CLOCK: optionalText.pipe(
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z(\*\d+(\.\d+)?)?$/, { error: 'is not an instant with an optional speed' })
      .refine((v) => !Number.isNaN(Date.parse(v.split('*')[0] as string)), { error: 'is not a real instant' })
      .optional(),
  ),
});

export type RawConfig = z.infer<typeof configSchema>;

/** How to fix each variable, appended to its error line. */
export const CONFIG_FIXES: Record<keyof RawConfig, string> = {
  DATABASE_URL: 'use file:./data/growthbeat.db for SQLite or postgres://user@host:5432/db for PostgreSQL',
  PORT: 'set PORT to a free TCP port such as 3000, or unset it',
  HOST: 'set HOST to an address to listen on, such as 127.0.0.1 or 0.0.0.0',
  LOG_LEVEL: `set LOG_LEVEL to one of ${LOG_LEVELS.join(', ')}`,
  DEFAULT_TIMEZONE: 'set DEFAULT_TIMEZONE to an IANA zone such as Asia/Shanghai or America/New_York',
  DEFAULT_LOCALE: `set DEFAULT_LOCALE to one of ${LOCALES.join(', ')}`,
  SHUTDOWN_TIMEOUT_MS: 'set SHUTDOWN_TIMEOUT_MS to milliseconds, such as 10000',
  RELAY_INTERVAL_MS: 'set RELAY_INTERVAL_MS to milliseconds between outbox passes, such as 1000',
  RELAY_LEASE_MS: 'set RELAY_LEASE_MS to how long a replica holds a message it is sending, such as 60000',
  CATCH_UP_GRACE_MS: 'set CATCH_UP_GRACE_MS to how far back a missed schedule is still run at start, such as 21600000 (6 h)',
  HTTP_KEEP_ALIVE_TIMEOUT_MS:
    'set HTTP_KEEP_ALIVE_TIMEOUT_MS to milliseconds between 1000 and 600000, above your proxy or load balancer idle timeout, such as 65000',
  MAX_BODY_BYTES: 'set MAX_BODY_BYTES to a size in bytes of at least 1024, such as 1048576',
  IMPORT_MAX_CELL_CHARS: `set IMPORT_MAX_CELL_CHARS to the most characters one imported cell may hold, such as ${DEFAULT_IMPORT_LIMITS.maxCellChars}`,
  IMPORT_MAX_RECORD_CHARS: `set IMPORT_MAX_RECORD_CHARS to the most characters one imported record may hold, such as ${DEFAULT_IMPORT_LIMITS.maxRecordChars}`,
  IMPORT_MAX_ROWS: `set IMPORT_MAX_ROWS to the most data rows one imported file may hold, such as ${DEFAULT_IMPORT_LIMITS.maxRows}`,
  IMPORT_MAX_DECOMPRESSED_BYTES: `set IMPORT_MAX_DECOMPRESSED_BYTES to the most bytes of text one imported file may expand to (at least 1024), such as ${DEFAULT_IMPORT_LIMITS.maxDecompressedBytes}`,
  SOURCE_STATEMENT_TIMEOUT_MS: `set SOURCE_STATEMENT_TIMEOUT_MS to how long one data-source query may run, in milliseconds (at least 100), such as ${DEFAULT_SOURCE_LIMITS.statementTimeoutMs}`,
  SOURCE_MAX_ROWS: `set SOURCE_MAX_ROWS to the most rows one data-source run may read, such as ${DEFAULT_SOURCE_LIMITS.maxRows}`,
  ...SLACK_FIXES,
  ...FEISHU_FIXES,
  GROWTHBEAT_SECRET_KEY: 'set GROWTHBEAT_SECRET_KEY to a random string of at least 32 characters',
  GROWTHBEAT_TEST_CLOCK: 'for tests only: set it to a UTC instant and an optional speed, such as 2026-11-25T05:55:00Z*600, or unset it',
};
