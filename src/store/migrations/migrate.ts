import { createAdapterFactory } from '../adapter-factory.ts';
import { checkDatabaseReachable } from '../database-reachable.ts';
import { type DatabaseTarget, ensureSqliteFolder } from '../database-url.ts';
import { appliedMigrations } from './applied-migrations.ts';
import { migrationList, NO_FILTERS, readMigrationSet } from './migration-files.ts';
import { openSchemaEngine } from './schema-engine.ts';

export interface MigrateResult {
  applied: string[];
  total: number;
}

/** Applies the committed migrations that the database lacks; a second run applies nothing. */
export async function migrateDatabase(target: DatabaseTarget, log?: (line: string) => void): Promise<MigrateResult> {
  ensureSqliteFolder(target);
  await checkDatabaseReachable(target);
  const set = readMigrationSet(target.kind);
  // The common case, an up-to-date database, is answered from the history table without loading the engine.
  const applied = await appliedMigrations(target);
  if (applied && set.directories.every((d) => applied.has(d.path))) return { applied: [], total: set.directories.length };
  const adapter = createAdapterFactory(target, 2);
  const engine = await openSchemaEngine({ path: set.schemaPath, content: set.schema }, adapter.factory, log);
  try {
    const out = await engine.applyMigrations({ migrationsList: migrationList(set), filters: NO_FILTERS });
    return { applied: out.appliedMigrationNames, total: set.directories.length };
  } finally {
    engine.free();
    await adapter.close();
  }
}
