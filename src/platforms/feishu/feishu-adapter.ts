// The Feishu / Lark adapter: the same bot, over the long connection (WSClient, the default: no public
// URL) or a webhook on our server. Both transports feed the same handlers (feishu-events.ts); rendering
// is card.renderer.ts, sending feishu-sender.ts.

import type { Logger } from '../../base/logging/logger.ts';
import type { Config } from '../../config/load-config.ts';
import { createInteractions, type Interactions } from '../../core/commands/interactions.ts';
import type { ChatSender } from '../../core/ports/chat-sender.ts';
import type { Store } from '../../core/ports/store.ts';
import type { Locale } from '../../core/ports/workspace.ts';
import { createLarkClient, fetchBotOpenId } from './feishu-client.ts';
import { createFeishuEvents } from './feishu-events.ts';
import { createFeishuDispatcher, startLongConnection } from './feishu-long-connection.ts';
import { createFeishuSender } from './feishu-sender.ts';
import { createFeishuWebhook } from './feishu-webhook.ts';
import { registerSlashCommands } from './slash-commands.ts';

/** The Feishu part of the configuration (see config/load-config.ts), plus the body limit of the server. */
export type FeishuAdapterConfig = Omit<NonNullable<Config['feishu']>, 'slashCommands'> & { slashCommands?: boolean; maxBodyBytes: number };

export const FEISHU_EVENTS_PATH = '/feishu/events';

export interface FeishuAdapterDeps {
  store: Store;
  logger: Logger;
  /** A new tenant's language and time zone (zh-CN and Asia/Shanghai unless told). */
  defaults?: { timezone: string; locale: Locale };
  interactions?: Interactions;
  now?: () => Date;
  /** The clock of the webhook's freshness window, in epoch milliseconds. */
  clock?: () => number;
  ackBudgetMs?: number;
  /** The bot's open_id, when known ahead (otherwise start() asks Feishu). */
  botOpenId?: string;
}

export function createFeishuAdapter(config: FeishuAdapterConfig, deps: FeishuAdapterDeps) {
  const { store } = deps;
  const logger = deps.logger.child({ component: 'feishu' });
  const client = createLarkClient(config, logger.child({ component: 'feishu-open-api' }));
  const senderFor = (locale: Locale): ChatSender => createFeishuSender(client, { locale });
  let botOpenId = deps.botOpenId;
  const events = createFeishuEvents({
    store,
    logger,
    interactions: deps.interactions ?? createInteractions(),
    senderFor,
    defaults: deps.defaults,
    now: deps.now,
    ackBudgetMs: deps.ackBudgetMs,
    botOpenId: () => botOpenId,
  });

  // Work handed off after an answer; stop() and tests wait for it.
  const pending = new Set<Promise<void>>();
  const handOff = (later: () => Promise<void>) => {
    const task: Promise<void> = later()
      .catch((error) => logger.error('feishu event work failed', { error }))
      .finally(() => pending.delete(task));
    pending.add(task);
  };
  const idle = async () => {
    while (pending.size) await Promise.all([...pending]);
  };

  const webhook =
    config.mode === 'webhook'
      ? createFeishuWebhook({
          encryptKey: config.encryptKey as string,
          verificationToken: config.verificationToken as string,
          maxBodyBytes: config.maxBodyBytes,
          logger,
          handle: (envelope) => events.handle(envelope),
          handOff,
          clock: deps.clock,
        })
      : undefined;

  // The long connection's dispatcher: the same handlers; a card action's answer goes back over the socket.
  const dispatcher = createFeishuDispatcher({
    encryptKey: config.encryptKey,
    verificationToken: config.verificationToken,
    logger,
    handle: (envelope) => events.handle(envelope),
    handOff,
  });
  let connection: { close(): void } | undefined;

  return {
    client,
    events,
    /** What WSClient calls for each pushed event (`invoke(data, { needCheck: false })`). */
    dispatcher,
    /** Webhook mode: the route for POST /feishu/events. */
    requestHandler: webhook,
    /** The sender for a Feishu workspace (one app, every tenant that installed it). */
    async senderFor(workspaceId: string): Promise<ChatSender | undefined> {
      const ws = await store.workspaces.get(workspaceId);
      return ws?.platform === 'feishu' ? senderFor(ws.locale) : undefined;
    },
    /** Checks the credentials and learns the bot's open_id, then opens the long connection (ws mode). */
    async start() {
      botOpenId ??= await fetchBotOpenId(client);
      if (config.slashCommands) await registerSlashCommands(client, logger);
      if (config.mode === 'ws') {
        connection = await startLongConnection(config, dispatcher, logger.child({ component: 'feishu-ws' }));
      }
      logger.info('feishu connected', { mode: config.mode, domain: config.domain });
    },
    /** Resolves when every handed-off piece of work has finished. */
    idle,
    async stop() {
      connection?.close();
      await idle();
    },
  };
}

export type FeishuAdapter = ReturnType<typeof createFeishuAdapter>;
