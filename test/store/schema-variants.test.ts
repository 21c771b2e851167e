import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { postgresSchemaFrom } from '../../src/store/prisma/schema-variants.ts';

const prisma = join(import.meta.dirname, '../../prisma');

describe('the two Prisma schemas', () => {
  it('are the same models: the PostgreSQL schema is generated from the SQLite one and up to date', () => {
    const sqlite = readFileSync(join(prisma, 'sqlite/schema.prisma'), 'utf8');
    expect(readFileSync(join(prisma, 'postgres/schema.prisma'), 'utf8')).toBe(postgresSchemaFrom(sqlite));
  });

  it('have the same migration history, in Prisma’s standard layout', () => {
    const list = (kind: string) => readdirSync(join(prisma, kind, 'migrations')).sort();
    expect(list('sqlite')).toEqual(list('postgres'));
    expect(list('sqlite')).toContain('migration_lock.toml');
    expect(readFileSync(join(prisma, 'postgres/migrations/migration_lock.toml'), 'utf8')).toContain('provider = "postgresql"');
  });
});
