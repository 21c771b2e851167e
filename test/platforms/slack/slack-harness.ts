import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHttpServer, type HttpServer } from '../../../src/base/http/http-server.ts';
import { createLogger, type Logger, silentLogger } from '../../../src/base/logging/logger.ts';
import { registerAlerts } from '../../../src/core/alerts/register-alerts.ts';
import { createInteractions, type Interactions } from '../../../src/core/commands/interactions.ts';
import { type CommandRunner, createInbound, type Inbound, runInboundCommand } from '../../../src/core/inbound/inbound-pipeline.ts';
import type { ReactionInput } from '../../../src/core/interactions/interaction-handlers.ts';
import type { Store } from '../../../src/core/ports/store.ts';
import { createSlackAdapter, SLACK_ACK_BUDGET_MS } from '../../../src/platforms/slack/slack-adapter.ts';
import type { SlackSettings } from '../../../src/platforms/slack/slack-config.ts';
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
  inbound: Inbound;
  close(): Promise<void>;
}

export interface SlackHarnessOptions {
  /** Another database (PostgreSQL, or one shared by two harnesses as two replicas); the caller drops it. */
  database?: TestDatabase;
  logger?: Logger;
  ackBudgetMs?: number;
  /** Runs instead of the core's commands (a slow one, a failing one); defaults to runInboundCommand. */
  commands?: CommandRunner;
  interactions?: Interactions;
  /** The time the app sees, read at each input; defaults to NOW. */
  now?: () => Date;
}

/** The real HTTPReceiver on our HTTP server, the real WebClient pointed at the fake API, a real SQLite store. */
export async function startSlackHarness(
  config: Partial<SlackSettings> = {},
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
  const interactions: Interactions = options.interactions ?? base;
  const http: HttpServer = createHttpServer(silentLogger);
  const logger = options.logger ?? (process.env.DEBUG_SLACK ? createLogger('debug') : silentLogger);
  const inbound = createInbound({
    platform: 'slack',
    store,
    logger,
    defaults: { timezone: 'Asia/Shanghai', locale: 'zh-CN' },
    ackBudgetMs: options.ackBudgetMs ?? SLACK_ACK_BUDGET_MS,
    interactions,
    commands: options.commands ?? runInboundCommand,
    now: options.now ?? (() => NOW),
  });
  const adapter = createSlackAdapter(
    { signingSecret: SECRET, botToken: 'xoxb-test-token', apiUrl: fake.apiUrl, ...config },
    { inbound, logger, maxBodyBytes: 64 * 1024, installations: store.installations },
  );
  adapter.mount(http);
  await adapter.start();
  const { port } = await http.listen(0, '127.0.0.1');
  return {
    url: `http://127.0.0.1:${port}`,
    dbFile: database.url.slice('file:'.length),
    store,
    fake,
    reactions,
    inbound,
    async close() {
      await http.close(100);
      await adapter.stop();
      await inbound.idle();
      await fake.close();
      await store.close();
      if (!options.database) await database.drop();
    },
  };
}

/** A week of channel data for team T0001: W46 (9–15 Nov) and the week before (see seed-channels.ts). */
export function seedChannels(store: Store, options: { empty?: boolean } = {}): Promise<string> {
  return seedChannelWeek(store, 'slack', 'T0001', options);
}
