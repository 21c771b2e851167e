import { mkdirSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';

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
  if (target.kind === 'sqlite' && target.file !== ':memory:') mkdirSync(dirname(target.file), { recursive: true });
}
