// Writes prisma/postgres/schema.prisma from the SQLite source schema and generates both clients.
// Prisma's CLI downloads a native schema engine before `generate`, which these machines cannot
// reach; generating needs only the WASM engine, so we point the variable at any executable.
// `--check` only verifies that the PostgreSQL schema is up to date (used by the tests).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { postgresSchemaFrom } from '../src/store/prisma/schema-variants.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const sqlitePath = join(root, 'prisma/sqlite/schema.prisma');
const postgresPath = join(root, 'prisma/postgres/schema.prisma');
const expected = postgresSchemaFrom(readFileSync(sqlitePath, 'utf8'));
const current = (() => {
  try {
    return readFileSync(postgresPath, 'utf8');
  } catch {
    return '';
  }
})();

if (process.argv.includes('--check')) {
  if (current !== expected) {
    console.error('prisma/postgres/schema.prisma is out of date: run `npm run prisma:generate`');
    process.exit(1);
  }
  process.exit(0);
}
if (current !== expected) writeFileSync(postgresPath, expected);

const prismaCli = createRequire(import.meta.url).resolve('prisma/build/index.js');
const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
};
for (const schema of [sqlitePath, postgresPath]) {
  execFileSync(process.execPath, [prismaCli, 'generate', '--schema', schema], { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] });
}
console.log('growthbeat: generated the Prisma clients for SQLite and PostgreSQL');
