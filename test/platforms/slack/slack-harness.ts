import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { registerAlerts } from '../../../src/core/alerts/register-alerts.ts';
import { createInteractions, type Interactions } from '../../../src/core/commands/interactions.ts';
import type { ReactionInput } from '../../../src/core/interactions/interaction-handlers.ts';
import type { Store } from '../../../src/core/ports/store.ts';
import { createLogger, type Logger, silentLogger } from '../../../src/logging/logger.ts';
import { createSlackAdapter, type SlackAdapterConfig } from '../../../src/platforms/slack/slack-adapter.ts';
import { createHttpServer, type HttpServer } from '../../../src/server/http-server.ts';
import { type FakeSlackApi, startFakeSlackApi } from '../../fakes/fake-slack-api.ts';
import { migratedStore } from '../../helpers/migrated-store.ts';
import { seedChannelWeek } from '../../helpers/seed-channels.ts';
import { sqliteTestDatabase, type TestDatabase } from '../../helpers/test-databases.ts';

// Wired as the composition root (startApp) wires it: alert buttons, reactions and evaluation after writes.
registerAlerts();

export const SECRET = 'e5d2b1a9c8f7e6d5c4b3a2f1e0d9c8b7';
export const NOW = new Date('2026-11-22T04:00:00Z'); // Sunday noon in Asia/Shanghai: 上周 is 2026-W46.

export function fixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(join(import.meta.dirname, '../../fixtures/slack', name), 'utf8')) as T;
}

export interface SlackHarness {
  url: string;
  /** The SQLite file, to look at rows as they are stored. */
  dbFile: string;
  store: Store;
  fake: FakeSlackApi;
  reactions: ReactionInput[];
  close(): Promise<void>;
}

export interface SlackHarnessOptions {
  /** Another database (PostgreSQL, or one shared by two harnesses as two replicas); the caller drops it. */
  database?: TestDatabase;
  logger?: Logger;
}

/** The real HTTPReceiver on our HTTP server, the real WebClient pointed at the fake API, a real SQLite store. */
export async function startSlackHarness(
  config: Partial<SlackAdapterConfig> = {},
  secretKey?: string,
  options: SlackHarnessOptions = {},
): Promise<SlackHarness> {
  const database: TestDatabase = options.database ?? sqliteTestDatabase();
  const store = await migratedStore(database, secretKey);
  const fake = await startFakeSlackApi();
  const reactions: ReactionInput[] = [];
  const base = createInteractions([
    {
      async onReaction(_actor, r) {
        reactions.push(r);
      },
    },
  ]);
  const interactions: Interactions = base;
  const http: HttpServer = createHttpServer(silentLogger);
  const adapter = createSlackAdapter(
    { signingSecret: SECRET, botToken: 'xoxb-test-token', apiUrl: fake.apiUrl, maxBodyBytes: 64 * 1024, ...config },
    {
      store,
      logger: options.logger ?? (process.env.DEBUG_SLACK ? createLogger('debug') : silentLogger),
      defaults: { timezone: 'Asia/Shanghai', locale: 'zh-CN' },
      interactions,
      now: () => NOW,
    },
  );
  http.mount('/slack', adapter.requestListener as never);
  await adapter.start();
  const { port } = await http.listen(0, '127.0.0.1');
  return {
    url: `http://127.0.0.1:${port}`,
    dbFile: database.url.slice('file:'.length),
    store,
    fake,
    reactions,
    async close() {
      await http.close(100);
      await adapter.stop();
      await fake.close();
      await store.close();
      if (!options.database) await database.drop();
    },
  };
}

/** A week of channel data for team T0001: W46 (9–15 Nov) and the week before (see seed-channels.ts). */
export function seedChannels(store: Store): Promise<string> {
  return seedChannelWeek(store, 'slack', 'T0001');
}
