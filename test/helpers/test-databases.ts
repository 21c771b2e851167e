// Databases for tests: a fresh SQLite file, and a fresh PostgreSQL database per call (created and
// dropped here, so runs never see each other's data). PostgreSQL is mandatory when CI=true; on a
// developer machine without it, its tests skip with one line saying how to enable them.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export const POSTGRES_ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  kind: 'sqlite' | 'postgres';
  url: string;
  drop(): Promise<void>;
}

export function sqliteTestDatabase(): TestDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'growthbeat-test-'));
  return { kind: 'sqlite', url: `file:${join(dir, 'test.db')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

let reachable: Promise<boolean> | undefined;

/** Whether the test PostgreSQL answers; in CI its absence is an error, not a skip. */
export function postgresAvailable(): Promise<boolean> {
  reachable ??= adminQuery('SELECT 1').then(
    () => true,
    (error) => {
      if (process.env.CI === 'true')
        throw new Error(`PostgreSQL is required in CI but ${POSTGRES_ADMIN_URL} is unreachable: ${error.message}`);
      console.warn(
        `[growthbeat tests] PostgreSQL tests skipped: ${POSTGRES_ADMIN_URL} is unreachable. Start PostgreSQL or set TEST_DATABASE_URL to enable them.`,
      );
      return false;
    },
  );
  return reachable;
}

export async function postgresTestDatabase(): Promise<TestDatabase> {
  const name = `growthbeat_test_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return { kind: 'postgres', url: url.toString(), drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** The providers a contract suite runs against: SQLite always, PostgreSQL when reachable (always in CI). */
export const PROVIDERS = [
  { kind: 'sqlite' as const, available: async () => true, create: async () => sqliteTestDatabase() },
  { kind: 'postgres' as const, available: postgresAvailable, create: postgresTestDatabase },
];
