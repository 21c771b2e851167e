import { loadConfig } from '../config/load-config.ts';
import { InputError } from '../core/errors.ts';
import type { Locale } from '../core/i18n/locale.ts';
import type { Store } from '../core/ports/store.ts';
import type { Workspace } from '../core/ports/workspace.ts';
import type { ImportLimits } from '../ingest/import-limits.ts';
import type { SourceLimits } from '../ingest/sources/source-reader.ts';
import { createStore } from '../store/create-store.ts';
import { parseDatabaseUrl } from '../store/database-url.ts';
import { migrateDatabase } from '../store/migrations/migrate.ts';
import type { CliIo } from './command.ts';

export interface CliContext {
  store: Store;
  defaults: { timezone: string; locale: Locale };
  /** Bounds on imported files, from IMPORT_MAX_*. */
  importLimits: ImportLimits;
  /** What one data-source run may cost, from SOURCE_*. */
  sourceLimits: SourceLimits;
  /** The environment (data sources read `env:NAME` secrets from it). */
  env: Record<string, string | undefined>;
  close(): Promise<void>;
}

/** Opens the configured database (migrating it first, as `serve` does) for a CLI command. */
export async function openCliContext(io: CliIo): Promise<CliContext> {
  const config = loadConfig(io.env);
  await migrateDatabase(parseDatabaseUrl(config.databaseUrl));
  // Data sources keep their connections sealed with GROWTHBEAT_SECRET_KEY, as `serve` does.
  const store = await createStore(config.databaseUrl, { secretKey: config.secretKey });
  return {
    store,
    defaults: { timezone: config.defaultTimezone, locale: config.defaultLocale },
    importLimits: config.importLimits,
    sourceLimits: config.sourceLimits,
    env: io.env,
    close: () => store.close(),
  };
}

/**
 * The workspace a command acts on: `--workspace <id or name>`, else the only one there is. With `create`,
 * a local workspace is made when there is none (first import on a fresh machine).
 */
export async function pickWorkspace(ctx: CliContext, wanted: string | undefined, create = false): Promise<Workspace> {
  const all = await ctx.store.workspaces.list();
  if (wanted) {
    const found = all.find((w) => w.id === wanted || w.name === wanted || w.externalId === wanted);
    if (!found)
      throw new InputError(`no workspace "${wanted}"; there are: ${all.map((w) => `${w.id} (${w.name})`).join(', ') || 'none'}`, {
        field: 'workspace',
      });
    return found;
  }
  if (all.length === 1) return all[0] as Workspace;
  if (all.length === 0) {
    if (!create)
      throw new InputError('there is no workspace yet: import data first (growthbeat import <file>) or connect a chat platform', {
        field: 'workspace',
      });
    return ctx.store.workspaces.ensure({
      platform: 'local',
      externalId: 'local',
      name: 'Local',
      timezone: ctx.defaults.timezone,
      locale: ctx.defaults.locale,
    });
  }
  throw new InputError(
    `there are ${all.length} workspaces; choose one with --workspace: ${all.map((w) => `${w.id} (${w.name})`).join(', ')}`,
    { field: 'workspace' },
  );
}

/** Runs a command body with an open context, closing the database afterwards. */
export async function withContext<T>(io: CliIo, body: (ctx: CliContext) => Promise<T>): Promise<T> {
  const ctx = await openCliContext(io);
  try {
    return await body(ctx);
  } finally {
    await ctx.close();
  }
}
