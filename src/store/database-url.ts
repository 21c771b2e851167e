import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { ConfigError } from '../core/errors.ts';

export type DatabaseTarget = { kind: 'sqlite'; file: string; url: string } | { kind: 'postgres'; url: string };

/** Reads a DATABASE_URL: `file:<path>` (relative to the working directory) or `postgres(ql)://…`. */
export function parseDatabaseUrl(url: string, cwd = process.cwd()): DatabaseTarget {
  if (url.startsWith('file:')) {
    const path = url.slice('file:'.length).replace(/^\/\/(?=\/)/, '');
    if (!path) throw new Error('a file: URL needs a path, e.g. file:./data/growthbeat.db');
    const file = path === ':memory:' ? path : isAbsolute(path) ? path : resolve(cwd, path);
    return { kind: 'sqlite', file, url: `file:${file}` };
  }
  if (/^postgres(ql)?:\/\//.test(url)) return { kind: 'postgres', url };
  throw new Error('use file:<path> for SQLite or postgres://user@host:port/db for PostgreSQL');
}

/** Creates the folder of a SQLite file so the first start works on a fresh clone. */
export function ensureSqliteFolder(target: DatabaseTarget): void {
  if (target.kind !== 'sqlite' || target.file === ':memory:') return;
  // Made and opened here, so a folder that cannot be created or a file that cannot be written is one line
  // naming the file, not the schema engine's "External error" with a WASM stack.
  try {
    mkdirSync(dirname(target.file), { recursive: true });
    closeSync(openSync(target.file, 'a'));
  } catch (error) {
    const code = (error as { code?: string }).code ?? 'error';
    const fix =
      code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
        ? 'permission denied: give this user write access to the folder'
        : code === 'EEXIST' || code === 'ENOTDIR'
          ? 'a file stands where its folder should be'
          : 'check that the folder can be created and written';
    throw new ConfigError(
      'DATABASE_URL',
      `cannot open the SQLite database ${target.file} (${code}): ${fix}, or point DATABASE_URL elsewhere`,
      {
        cause: error,
      },
    );
  }
}
