import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { checkDatabaseReachable } from '../database-reachable.ts';
import { type DatabaseTarget, ensureSqliteFolder } from '../database-url.ts';
import { appliedMigrations } from './applied-migrations.ts';
import { migrationList, NO_FILTERS, readMigrationSet } from './migration-files.ts';

export interface MigrateResult {
  applied: string[];
  total: number;
}

/**
 * Applies the committed migrations that the database lacks; a second run applies nothing. The common case, an
 * up-to-date database, is answered from the history table without loading the schema engine. With `isolate`
 * (the server), pending migrations are applied in a child process, so the engine's memory is not kept for life.
 */
export async function migrateDatabase(
  target: DatabaseTarget,
  log?: (line: string) => void,
  options: { isolate?: boolean } = {},
): Promise<MigrateResult> {
  ensureSqliteFolder(target);
  await checkDatabaseReachable(target);
  const set = readMigrationSet(target.kind);
  const applied = await appliedMigrations(target);
  if (applied && set.directories.every((d) => applied.has(d.path))) return { applied: [], total: set.directories.length };
  return options.isolate ? applyInChild(target, log) : applyPending(target, log);
}

/** Runs the schema engine (WebAssembly, loaded only now) over the committed migrations. */
export async function applyPending(target: DatabaseTarget, log?: (line: string) => void): Promise<MigrateResult> {
  const { createAdapterFactory } = await import('../adapter-factory.ts');
  const { openSchemaEngine } = await import('./schema-engine.ts');
  const set = readMigrationSet(target.kind);
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

async function applyInChild(target: DatabaseTarget, log?: (line: string) => void): Promise<MigrateResult> {
  // Compiled (dist/…/migrate.js) the child is JavaScript; from the sources it runs through tsx's loader.
  const fromSource = import.meta.url.endsWith('.ts');
  const child = fileURLToPath(new URL(`./apply-migrations.child.${fromSource ? 'ts' : 'js'}`, import.meta.url));
  const loader = fromSource ? ['--import', import.meta.resolve('tsx/esm')] : [];
  // The target travels in the environment, not the arguments: a PostgreSQL URL's password stays out of `ps`.
  const proc = spawn(process.execPath, [...loader, child], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, GROWTHBEAT_MIGRATE_TARGET: JSON.stringify(target) },
  });
  let out = '';
  proc.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
  });
  let partial = '';
  proc.stderr.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString('utf8')).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) log?.(line);
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    proc.once('error', reject);
    proc.once('close', resolve);
  });
  const last = out.trim().split('\n').pop() ?? '';
  let answer: (MigrateResult & { error?: undefined }) | { error: string } | undefined;
  try {
    answer = JSON.parse(last);
  } catch {
    answer = undefined;
  }
  if (!answer || code !== 0 || 'error' in answer)
    throw new Error(answer && 'error' in answer && answer.error ? answer.error : `the migration process exited with ${code}`);
  return answer as MigrateResult;
}
