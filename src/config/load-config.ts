import type { z } from 'zod';
import { ConfigError } from '../core/errors.ts';
import type { ImportLimits } from '../ingest/import-limits.ts';
import type { SourceLimits } from '../ingest/sources/source-reader.ts';
import { feishuSettings } from '../platforms/feishu/feishu-config.ts';
import type { SandboxSettings } from '../platforms/sandbox/sandbox-config.ts';
import { slackSettings } from '../platforms/slack/slack-config.ts';
import { CONFIG_FIXES, configSchema, type RawConfig } from './config.schema.ts';

/** The environment as the app uses it: the schema's output, each platform's settings composed from its own part. */
const appConfig = configSchema.transform((raw) => {
  const slack = slackSettings(raw, { value: raw.GROWTHBEAT_SECRET_KEY, fix: CONFIG_FIXES.GROWTHBEAT_SECRET_KEY });
  const feishu = feishuSettings(raw);
  const chat = Boolean(slack || feishu);
  const [clockStart = '', speed = '1'] = raw.GROWTHBEAT_TEST_CLOCK?.split('*') ?? [];
  return {
    databaseUrl: raw.DATABASE_URL,
    port: raw.PORT,
    // Without chat credentials only the local sandbox runs: keep it on the loopback interface.
    host: raw.HOST ?? (chat ? '0.0.0.0' : '127.0.0.1'),
    logLevel: raw.LOG_LEVEL,
    defaultTimezone: raw.DEFAULT_TIMEZONE,
    defaultLocale: raw.DEFAULT_LOCALE,
    shutdownTimeoutMs: raw.SHUTDOWN_TIMEOUT_MS,
    maxBodyBytes: raw.MAX_BODY_BYTES,
    /** How long an idle kept-alive connection stays open: above a proxy's idle timeout, so the proxy closes first. */
    keepAliveTimeoutMs: raw.HTTP_KEEP_ALIVE_TIMEOUT_MS,
    /** Bounds on one imported CSV file (IMPORT_MAX_*). */
    importLimits: {
      maxCellChars: raw.IMPORT_MAX_CELL_CHARS,
      maxRecordChars: raw.IMPORT_MAX_RECORD_CHARS,
      maxRows: raw.IMPORT_MAX_ROWS,
      maxDecompressedBytes: raw.IMPORT_MAX_DECOMPRESSED_BYTES,
    } satisfies ImportLimits,
    /** What one data-source run may cost (SOURCE_*); a csv-url body has the import limits too. */
    sourceLimits: {
      statementTimeoutMs: raw.SOURCE_STATEMENT_TIMEOUT_MS,
      maxRows: raw.SOURCE_MAX_ROWS,
      importLimits: {
        maxCellChars: raw.IMPORT_MAX_CELL_CHARS,
        maxRecordChars: raw.IMPORT_MAX_RECORD_CHARS,
        maxRows: raw.IMPORT_MAX_ROWS,
        maxDecompressedBytes: raw.IMPORT_MAX_DECOMPRESSED_BYTES,
      },
    } satisfies SourceLimits,
    relayIntervalMs: raw.RELAY_INTERVAL_MS,
    relayLeaseMs: raw.RELAY_LEASE_MS,
    catchUpGraceMs: raw.CATCH_UP_GRACE_MS,
    slack,
    feishu,
    // Without chat credentials the local sandbox is the way in (on 127.0.0.1 unless HOST says otherwise).
    sandbox: chat ? undefined : ({ host: raw.HOST } satisfies SandboxSettings),
    secretKey: raw.GROWTHBEAT_SECRET_KEY,
    /** Tests only: a virtual clock for the schedules (see GROWTHBEAT_TEST_CLOCK). */
    testClock: raw.GROWTHBEAT_TEST_CLOCK ? { start: new Date(clockStart), speed: Number(speed) } : undefined,
  };
});

/** The parsed configuration (inferred from the schema: one source for names and types). */
export type Config = z.output<typeof appConfig>;

/**
 * Parses the environment once. Throws a ConfigError whose message is one line: the variable, what
 * is wrong with its value, and how to fix it.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = appConfig.safeParse(env);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const variable = String(issue?.path[0] ?? 'environment') as keyof RawConfig;
  const value = env[variable];
  const shown = value === undefined ? '' : `=${JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value)}`;
  throw new ConfigError(variable, `${variable}${shown} ${issue?.message ?? 'is invalid'}: ${CONFIG_FIXES[variable] ?? 'check its value'}`);
}
