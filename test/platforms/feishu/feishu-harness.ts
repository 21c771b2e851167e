import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHttpServer, type HttpServer } from '../../../src/base/http/http-server.ts';
import { createLogger, silentLogger } from '../../../src/base/logging/logger.ts';
import { registerAlerts } from '../../../src/core/alerts/register-alerts.ts';
import { createInteractions, type Interactions } from '../../../src/core/commands/interactions.ts';
import { type CommandRunner, createInbound, runInboundCommand } from '../../../src/core/inbound/inbound-pipeline.ts';
import { platformSenders } from '../../../src/core/inbound/platform-senders.ts';
import type { ReactionInput } from '../../../src/core/interactions/interaction-handlers.ts';
import type { ChartRenderer } from '../../../src/core/ports/chart-renderer.ts';
import type { ChatSender } from '../../../src/core/ports/chat-sender.ts';
import type { Store } from '../../../src/core/ports/store.ts';
import { createFeishuAdapter, FEISHU_EVENTS_PATH, type FeishuAdapter } from '../../../src/platforms/feishu/feishu-adapter.ts';
import { CARD_ACK_BUDGET_MS, FEISHU_DEFAULTS } from '../../../src/platforms/feishu/feishu-events.ts';
import { type FakeFeishuApi, startFakeFeishuApi } from '../../fakes/fake-feishu-api.ts';
import { migratedStore } from '../../helpers/migrated-store.ts';
import { sqliteTestDatabase, type TestDatabase } from '../../helpers/test-databases.ts';

// Wired as the composition root (startApp) wires it: alert buttons, reactions and evaluation after writes.
registerAlerts();

export const ENCRYPT_KEY = 'kM3x9Qz7Lw2Vb8Nc4Rt6Yp1Hs5Jd0Fg';
export const VERIFICATION_TOKEN = 'v9Tq2Wm7Xc4Kp8Ls1Zd6Rb3Nf5Hj0Gy';
export const APP_ID = 'cli_a1b2c3d4e5f60718';
export const TENANT = '2ca1d211f64f6438';
export const NOW = new Date('2026-11-22T04:00:00Z'); // Sunday noon in Asia/Shanghai: 上周 is 2026-W46.

export function fixture<T = FeishuFixture>(name: string): T {
  return JSON.parse(readFileSync(join(import.meta.dirname, '../../fixtures/feishu', name), 'utf8')) as T;
}

// biome-ignore lint/suspicious/noExplicitAny: fixtures are edited freely by tests.
export type FeishuFixture = { schema: string; header: Record<string, string>; event: any; [k: string]: unknown };

/** A fixture as this app would receive it: our token and tenant, a fresh event id. */
export function event(name: string, patch: (f: FeishuFixture) => void = () => {}): FeishuFixture {
  const f = fixture(name);
  f.header.token = VERIFICATION_TOKEN;
  f.header.tenant_key = TENANT;
  f.header.app_id = APP_ID;
  f.header.event_id = `ev_${Math.random().toString(16).slice(2)}${Date.now().toString(16)}`;
  patch(f);
  return f;
}

export interface FeishuHarness {
  url: string;
  events: string;
  store: Store;
  databaseUrl: string;
  fake: FakeFeishuApi;
  adapter: FeishuAdapter;
  reactions: ReactionInput[];
  /** The sender the relay would pick for a workspace (by its platform). */
  senderFor(workspaceId: string): Promise<ChatSender | undefined>;
  close(): Promise<void>;
}

/** The webhook on our HTTP server, the real lark.Client pointed at the fake Open API, a real SQLite store. */
export async function startFeishuHarness(
  options: {
    ackBudgetMs?: number;
    actionDelayMs?: number;
    mode?: 'ws' | 'webhook';
    /** Runs instead of the core's commands (a slow one, a failing one). */
    commands?: CommandRunner;
    /** Draws the digest's charts (startApp gives every pipeline one); without it answers go without images. */
    charts?: ChartRenderer;
    /** The time the app sees, read at each input; defaults to NOW. */
    now?: () => Date;
  } = {},
): Promise<FeishuHarness> {
  const database: TestDatabase = sqliteTestDatabase();
  const store = await migratedStore(database);
  const fake = await startFakeFeishuApi();
  const reactions: ReactionInput[] = [];
  const base = createInteractions([
    {
      async onReaction(_actor, r) {
        reactions.push(r);
      },
    },
  ]);
  // A button whose work outlasts the answer budget (a slow database, a big query).
  const interactions: Interactions = {
    ...base,
    onAction: async (ctx, action) => {
      if (options.actionDelayMs) await new Promise((r) => setTimeout(r, options.actionDelayMs));
      return base.onAction(ctx, action);
    },
  };
  const logger = process.env.DEBUG_FEISHU ? createLogger('debug') : silentLogger;
  const inbound = createInbound({
    platform: 'feishu',
    store,
    logger,
    defaults: FEISHU_DEFAULTS,
    ackBudgetMs: options.ackBudgetMs ?? CARD_ACK_BUDGET_MS,
    interactions,
    commands: options.commands ?? runInboundCommand,
    now: options.now ?? (() => NOW),
    charts: options.charts,
  });
  const adapter = createFeishuAdapter(
    {
      appId: APP_ID,
      appSecret: 'fake-app-secret',
      encryptKey: ENCRYPT_KEY,
      verificationToken: VERIFICATION_TOKEN,
      domain: fake.url,
      mode: options.mode ?? 'webhook',
    },
    { inbound, logger, maxBodyBytes: 64 * 1024, installations: store.installations },
  );
  const http: HttpServer = createHttpServer(silentLogger);
  adapter.mount(http);
  // ws mode: the SDK's WSClient asks the fake's endpoint and opens its long connection (fake-feishu-ws.ts).
  await adapter.start();
  const { port } = await http.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    events: `${url}${FEISHU_EVENTS_PATH}`,
    store,
    databaseUrl: database.url,
    fake,
    adapter,
    reactions,
    senderFor: platformSenders(store, [adapter]),
    async close() {
      await http.close(100);
      await adapter.stop();
      await fake.close();
      await store.close();
      await database.drop();
    },
  };
}
