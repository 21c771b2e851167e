import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DatabaseTarget } from '../database-url.ts';

export const PRISMA_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../../prisma');

export interface MigrationSet {
  schemaPath: string;
  schema: string;
  baseDir: string;
  lockfile: { path: string; content: string | null };
  directories: { path: string; migrationFile: { path: string; content: { tag: 'ok'; value: string } } }[];
}

/** The committed schema and migrations (Prisma's standard layout) for a provider. */
export function readMigrationSet(kind: DatabaseTarget['kind'], prismaDir = PRISMA_DIR): MigrationSet {
  const folder = join(prismaDir, kind);
  const baseDir = join(folder, 'migrations');
  const schemaPath = join(folder, 'schema.prisma');
  const lockPath = join(baseDir, 'migration_lock.toml');
  const names = existsSync(baseDir)
    ? readdirSync(baseDir, { withFileTypes: true })
        .filter((d) => d.isDirectory() && existsSync(join(baseDir, d.name, 'migration.sql')))
        .map((d) => d.name)
        .sort()
    : [];
  return {
    schemaPath,
    schema: readFileSync(schemaPath, 'utf8'),
    baseDir,
    lockfile: { path: 'migration_lock.toml', content: existsSync(lockPath) ? readFileSync(lockPath, 'utf8') : null },
    directories: names.map((name) => ({
      path: name,
      migrationFile: { path: 'migration.sql', content: { tag: 'ok', value: readFileSync(join(baseDir, name, 'migration.sql'), 'utf8') } },
    })),
  };
}

export function migrationList(set: MigrationSet) {
  return { baseDir: set.baseDir, lockfile: set.lockfile, shadowDbInitScript: '', migrationDirectories: set.directories };
}

export const NO_FILTERS = { externalTables: [] as string[], externalEnums: [] as string[] };
