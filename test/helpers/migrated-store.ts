import type { Store } from '../../src/core/ports/store.ts';
import { createStore } from '../../src/store/create-store.ts';
import { parseDatabaseUrl } from '../../src/store/database-url.ts';
import { migrateDatabase } from '../../src/store/migrations/migrate.ts';
import type { TestDatabase } from './test-databases.ts';

/** A migrated store on a fresh test database. */
export async function migratedStore(database: TestDatabase, secretKey?: string): Promise<Store> {
  await migrateDatabase(parseDatabaseUrl(database.url));
  return createStore(database.url, { secretKey });
}
