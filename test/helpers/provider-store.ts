// One describe block's database: a fresh, migrated database of the provider (and, when asked, a fake Slack API that
// records calls), created before its tests and dropped after. `skip` is true where the provider is not available.
import { afterAll, beforeAll } from 'vitest';
import type { Store } from '../../src/core/ports/store.ts';
import { type FakeSlackApi, startFakeSlackApi } from '../fakes/fake-slack-api.ts';
import { migratedStore } from './migrated-store.ts';
import type { PROVIDERS, TestDatabase } from './test-databases.ts';

export interface ProviderStore {
  skip: boolean;
  database: TestDatabase;
  store: Store;
  /** Only with `{ slack: true }`. */
  fake: FakeSlackApi;
}

export function useProviderStore(provider: (typeof PROVIDERS)[number], options: { slack?: boolean } = {}): ProviderStore {
  const env = { skip: false } as ProviderStore;
  beforeAll(async () => {
    env.skip = !(await provider.available());
    if (env.skip) return;
    env.database = await provider.create();
    env.store = await migratedStore(env.database);
    if (options.slack) env.fake = await startFakeSlackApi();
  });
  afterAll(async () => {
    if (env.skip) return;
    await env.fake?.close();
    await env.store.close();
    await env.database.drop();
  });
  return env;
}
