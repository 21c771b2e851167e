// The Feishu / Lark adapter: the same bot, over the long connection (WSClient, the default: no public
// URL) or a webhook on our server. Both transports feed the same parser (feishu-events.ts) into the
// core's inbound pipeline; rendering is card.renderer.ts, sending feishu-sender.ts.
import { ConfigError } from '../../core/errors.ts';
import type { PlatformAdapter, PlatformDefinition, PlatformDeps } from '../../core/inbound/platform-adapter.ts';
import type { Locale } from '../../core/ports/workspace.ts';
import { createLarkClient, fetchBotOpenId } from './feishu-client.ts';
import type { FeishuSettings } from './feishu-config.ts';
import { CARD_ACK_BUDGET_MS, createFeishuEvents, FEISHU_DEFAULTS } from './feishu-events.ts';
import { createFeishuDispatcher, startLongConnection } from './feishu-long-connection.ts';
import { createFeishuSender, type FeishuSender, uploadImage } from './feishu-sender.ts';
import { createFeishuWebhook } from './feishu-webhook.ts';
import { registerSlashCommands } from './slash-commands.ts';

export const FEISHU_EVENTS_PATH = '/feishu/events';

export interface FeishuAdapterOptions {
  /** The clock of the webhook's freshness window, in epoch milliseconds. */
  clock?: () => number;
  /** The bot's open_id, when known ahead (otherwise start() asks Feishu). */
  botOpenId?: string;
}

/** The settings, with the "/" panel registration off unless asked for. */
export type FeishuAdapterSettings = Omit<FeishuSettings, 'slashCommands'> & { slashCommands?: boolean };

export function createFeishuAdapter(settings: FeishuAdapterSettings, deps: PlatformDeps, options: FeishuAdapterOptions = {}) {
  const logger = deps.logger.child({ component: 'feishu' });
  const client = createLarkClient(settings, logger.child({ component: 'feishu-open-api' }));
  const senderFor = (locale: Locale): FeishuSender => createFeishuSender(client, { locale });
  let botOpenId = options.botOpenId;
  const events = createFeishuEvents({
    inbound: deps.inbound,
    senderFor,
    publishImage: (_name, png) => uploadImage(client, png),
    botOpenId: () => botOpenId,
  });
  const handle = events.handle;

  const webhook =
    settings.mode === 'webhook'
      ? createFeishuWebhook({
          encryptKey: settings.encryptKey as string,
          verificationToken: settings.verificationToken as string,
          maxBodyBytes: deps.maxBodyBytes,
          logger,
          handle,
          clock: options.clock,
        })
      : undefined;

  // The long connection's dispatcher: the same parser; a card action's answer goes back over the socket.
  const dispatcher = createFeishuDispatcher({
    encryptKey: settings.encryptKey,
    verificationToken: settings.verificationToken,
    logger,
    handle,
  });
  let connection: { close(): void } | undefined;

  return {
    name: 'feishu',
    client,
    /** What WSClient calls for each pushed event (`invoke(data, { needCheck: false })`). */
    dispatcher,
    /** Webhook mode: the route for POST /feishu/events. */
    requestHandler: webhook,
    mount(http) {
      if (webhook) http.route('POST', FEISHU_EVENTS_PATH, webhook);
    },
    /** One app serves every tenant that installed it: the sender renders in the workspace's language. */
    senderFor: (workspace) => senderFor(workspace.locale),
    /** Checks the credentials and learns the bot's open_id, then opens the long connection (ws mode). */
    async start() {
      try {
        botOpenId ??= await fetchBotOpenId(client);
        if (settings.slashCommands) await registerSlashCommands(client, logger);
        if (settings.mode === 'ws') connection = await startLongConnection(settings, dispatcher, logger.child({ component: 'feishu-ws' }));
      } catch (cause) {
        throw new ConfigError(
          'FEISHU_APP_ID',
          `Feishu refused to start: ${(cause as Error).message}. Check FEISHU_APP_ID, FEISHU_APP_SECRET and FEISHU_DOMAIN`,
          { cause },
        );
      }
      logger.info('feishu connected', { mode: settings.mode, domain: settings.domain });
    },
    /** Resolves when every answer handed to the pipeline has been sent. */
    idle: () => deps.inbound.idle(),
    async stop() {
      connection?.close();
      await deps.inbound.idle();
    },
  } satisfies PlatformAdapter & Record<string, unknown>;
}

export type FeishuAdapter = ReturnType<typeof createFeishuAdapter>;

export const feishuPlatform: PlatformDefinition<FeishuSettings> = {
  name: 'feishu',
  ackBudgetMs: CARD_ACK_BUDGET_MS,
  workspaceDefaults: FEISHU_DEFAULTS,
  create: (settings, deps) => createFeishuAdapter(settings, deps),
};
