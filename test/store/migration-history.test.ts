// `prisma migrate deploy` accepts a history whose rows name every committed migration, are finished and
// not rolled back, and carry the SHA-256 of each migration.sql as its checksum. Check exactly that.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDatabaseUrl } from '../../src/store/database-url.ts';
import { migrateDatabase } from '../../src/store/migrations/migrate.ts';
import { readMigrationSet } from '../../src/store/migrations/migration-files.ts';
import { PROVIDERS, type TestDatabase } from '../helpers/test-databases.ts';

const dropped: TestDatabase[] = [];
afterAll(async () => {
  for (const d of dropped) await d.drop();
});

type Row = { migration_name: string; checksum: string; finished_at: unknown; rolled_back_at: unknown; applied_steps_count: number };

for (const provider of PROVIDERS) {
  it(`records Prisma's own migration history on ${provider.kind}`, async (ctx) => {
    if (!(await provider.available())) return ctx.skip();
    const database = await provider.create();
    dropped.push(database);
    const target = parseDatabaseUrl(database.url);
    await migrateDatabase(target);
    const sql =
      'SELECT migration_name, checksum, finished_at, rolled_back_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name';
    let rows: Row[];
    if (target.kind === 'sqlite') {
      const db = new Database(target.file, { readonly: true });
      rows = db.prepare(sql).all() as Row[];
      db.close();
    } else {
      const client = new pg.Client({ connectionString: target.url });
      await client.connect();
      rows = (await client.query<Row>(sql)).rows;
      await client.end();
    }
    const set = readMigrationSet(provider.kind);
    expect(rows.map((r) => r.migration_name)).toEqual(set.directories.map((d) => d.path));
    for (const row of rows) {
      const file = readFileSync(join(set.baseDir, row.migration_name, 'migration.sql'));
      expect(row.checksum).toBe(createHash('sha256').update(file).digest('hex'));
      expect(row.finished_at).not.toBeNull();
      expect(row.rolled_back_at).toBeNull();
      expect(Number(row.applied_steps_count)).toBe(1);
    }
  });
}

describe('migration files', () => {
  it('are in Prisma’s layout with a lock file naming the provider', () => {
    for (const kind of ['sqlite', 'postgres'] as const) {
      const set = readMigrationSet(kind);
      expect(set.lockfile.content).toContain(`provider = "${kind === 'sqlite' ? 'sqlite' : 'postgresql'}"`);
      for (const d of set.directories) expect(d.path).toMatch(/^\d{14}_[a-z0-9_]+$/);
    }
  });
});
