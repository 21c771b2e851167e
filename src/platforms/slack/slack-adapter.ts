// The Slack adapter: a Bolt app whose listeners verify (Bolt does), acknowledge within 3 s, identify
// the caller, and call core use cases; rendering is block-kit.renderer.ts. HTTP mode shares our server.
import { App, HTTPReceiver, type RespondArguments, webApi } from '@slack/bolt';
import type { Config } from '../../config/load-config.ts';
import type { CommandContext } from '../../core/commands/command-context.ts';
import { COMMAND_NAMES } from '../../core/commands/command-grammar.ts';
import { createInteractions, type Interactions } from '../../core/commands/interactions.ts';
import { runCommand, runCommandText } from '../../core/commands/run-command.ts';
import type { DigestSources } from '../../core/digest/digest-data.ts';
import { t } from '../../core/i18n/messages.ts';
import type { ChartRenderer } from '../../core/ports/chart-renderer.ts';
import type { ChatSender } from '../../core/ports/chat-sender.ts';
import type { Store } from '../../core/ports/store.ts';
import type { Locale } from '../../core/ports/workspace.ts';
import { cleanText } from '../../core/text/clean-text.ts';
import type { View } from '../../core/views/view.ts';
import { identifyCaller } from '../../core/workspace/identify.ts';
import type { Logger } from '../../logging/logger.ts';
import { toBlockKit } from './block-kit.renderer.ts';
import { boltLogger } from './bolt-logger.ts';
import { createSlackInstallationStore } from './slack-installation-store.ts';
import { guardSlackRequests, slackReplayGuard, slackRequestFingerprint } from './slack-request-guard.ts';
import { createSlackSender } from './slack-sender.ts';

/** The Slack part of the configuration (see config/load-config.ts), plus the body limit of the server. */
export type SlackAdapterConfig = NonNullable<Config['slack']> & { maxBodyBytes: number };

export interface SlackAdapterDeps {
  store: Store;
  logger: Logger;
  defaults: { timezone: string; locale: Locale };
  interactions?: Interactions;
  now?: () => Date;
  /** How long a slash command may take before the answer moves to response_url (Slack allows 3 s). */
  ackBudgetMs?: number;
  /** Chart images for `/growth digest send` (uploaded to the digest's thread), and the digest's alerts. */
  charts?: ChartRenderer;
  digestSources?: DigestSources;
}

// channels:history and groups:history let the outbox find a message it may already have posted (exactly once).
// files:write uploads the digest's charts (filesUploadV2).
export const SLACK_BOT_SCOPES = [
  'commands',
  'chat:write',
  'reactions:read',
  'app_mentions:read',
  'channels:history',
  'groups:history',
  'files:write',
];
export const EVENT_TTL_MS = 24 * 60 * 60 * 1000;

function message(view: View): RespondArguments & { response_type: 'ephemeral' | 'in_channel' } {
  return { response_type: view.ephemeral ? 'ephemeral' : 'in_channel', ...toBlockKit(view) };
}

function errorView(locale: Locale): View {
  const text = t(locale, 'error.internal');
  return { fallback: text, elements: [{ type: 'text', text: `⚠️ ${text}` }], ephemeral: true, severity: 'warning' };
}

export function createSlackAdapter(config: SlackAdapterConfig, deps: SlackAdapterDeps) {
  const { store, logger } = deps;
  const interactions = deps.interactions ?? createInteractions();
  const now = deps.now ?? (() => new Date());
  const ackBudgetMs = deps.ackBudgetMs ?? 2000;
  const clientOptions = { slackApiUrl: config.apiUrl, logger: boltLogger(logger.child({ component: 'slack-web-api' })) };
  const oauth = config.clientId
    ? {
        clientId: config.clientId,
        clientSecret: config.clientSecret,
        stateSecret: config.stateSecret,
        scopes: SLACK_BOT_SCOPES,
        installationStore: createSlackInstallationStore(store.installations),
        installerOptions: { directInstall: true, clientOptions },
      }
    : {};
  const socketMode = Boolean(config.appToken);
  const receiver = socketMode
    ? undefined
    : new HTTPReceiver({
        signingSecret: config.signingSecret as string,
        endpoints: '/slack/events',
        logger: boltLogger(logger.child({ component: 'slack-receiver' })),
        bodyLimit: config.maxBodyBytes,
        customPropertiesExtractor: slackRequestFingerprint,
        ...oauth,
      });
  const app = new App({
    // Socket Mode's client reads its API URL from installerOptions.clientOptions.
    ...(receiver
      ? { receiver }
      : {
          socketMode: true,
          appToken: config.appToken,
          signingSecret: config.signingSecret,
          ...oauth,
          installerOptions: { clientOptions },
        }),
    ...(config.clientId ? {} : { token: config.botToken }),
    clientOptions,
    logger: boltLogger(logger.child({ component: 'slack' })),
    deferInitialization: true,
  });

  async function contextFor(
    teamId: string,
    userId: string,
    names: { team?: string; user?: string } = {},
    channel?: string,
  ): Promise<CommandContext> {
    const caller = await identifyCaller(
      store,
      { platform: 'slack', teamId, teamName: names.team, userId, userName: names.user },
      deps.defaults,
    );
    return {
      store,
      workspace: caller.workspace,
      member: caller.member,
      now: now(),
      channel,
      charts: deps.charts,
      digestSources: deps.digestSources,
    };
  }

  app.use(slackReplayGuard(store.inbound, logger));

  /** Events are retried by Slack and raced by replicas: each event_id is handled once. */
  const firstTime = (eventId: string | undefined) =>
    eventId ? store.inbound.firstDelivery(`slack:${eventId}`, EVENT_TTL_MS) : Promise.resolve(true);

  const commandPattern = new RegExp(`^/(${COMMAND_NAMES.join('|')})$`);
  app.command(commandPattern, async ({ command, ack, respond }) => {
    let locale = deps.defaults.locale;
    try {
      const ctx = await contextFor(
        command.team_id,
        command.user_id,
        { team: command.team_domain, user: command.user_name },
        command.channel_id,
      );
      locale = ctx.workspace.locale;
      const work = runCommand(ctx, command.command, cleanText(command.text ?? ''));
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<undefined>((resolve) => {
        timer = setTimeout(() => resolve(undefined), ackBudgetMs);
      });
      const fast = await Promise.race([work, late]);
      clearTimeout(timer);
      if (fast) return await ack(message(fast));
      await ack({ response_type: 'ephemeral', text: t(locale, 'working') });
      await respond(message(await work));
    } catch (error) {
      logger.error('slash command failed', { command: command.command, error });
      await ack(message(errorView(locale))).catch(() => respond(message(errorView(locale))));
    }
  });

  app.action(/^gb\./, async ({ ack, body, action, respond }) => {
    await ack();
    const team = body.team?.id ?? body.user.team_id ?? '';
    const ctx = await contextFor(team, body.user.id, {}, (body as { channel?: { id?: string } }).channel?.id);
    try {
      const value = 'value' in action && typeof action.value === 'string' ? action.value : '';
      const actionId = 'action_id' in action ? action.action_id : '';
      const view = await interactions.onAction(ctx, { actionId, value });
      await respond(view.ephemeral ? { ...message(view), replace_original: false } : { ...message(view), replace_original: true });
    } catch (error) {
      logger.error('button action failed', { error });
      await respond({ ...message(errorView(ctx.workspace.locale)), replace_original: false });
    }
  });

  app.event('reaction_added', async ({ event, body }) => {
    if (!(await firstTime((body as { event_id?: string }).event_id))) return;
    if (event.item.type !== 'message') return;
    const ctx = await contextFor((body as { team_id: string }).team_id, event.user, {}, event.item.channel);
    await interactions.onReaction(ctx, { messageRef: `${event.item.channel}:${event.item.ts}`, reaction: event.reaction });
  });

  app.event('app_mention', async ({ event, body, client }) => {
    if (!(await firstTime((body as { event_id?: string }).event_id))) return;
    const ctx = await contextFor((body as { team_id: string }).team_id, event.user ?? '', {}, event.channel);
    const view = await runCommandText(ctx, cleanText(event.text ?? '').replace(/<@[A-Z0-9]+>/g, ' '));
    // An answer meant for the asker alone (a usage error, help) stays with them, as with slash commands.
    if (view.ephemeral)
      await client.chat.postEphemeral({
        channel: event.channel,
        user: event.user ?? '',
        thread_ts: event.thread_ts ?? event.ts,
        ...toBlockKit(view),
      });
    else await client.chat.postMessage({ channel: event.channel, thread_ts: event.thread_ts ?? event.ts, ...toBlockKit(view) });
  });

  app.error(async (error) => {
    logger.error('slack listener error', { error });
  });

  // The outbox relay's clients: it owns retries, so they neither retry nor wait out 429s themselves.
  const relayClient = (token: string) =>
    new webApi.WebClient(token, { slackApiUrl: config.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, timeout: 15_000 });
  const singleSender = config.botToken ? createSlackSender(relayClient(config.botToken)) : undefined;

  return {
    app,
    /** The sender for a workspace's bot: the single token, or the workspace's OAuth installation. */
    async senderFor(workspaceId: string): Promise<ChatSender | undefined> {
      const ws = await store.workspaces.get(workspaceId);
      if (ws?.platform !== 'slack') return undefined;
      if (singleSender) return singleSender;
      const installation = await store.installations.find(`team:${ws.externalId}`);
      const token = (installation?.data as { bot?: { token?: string } } | undefined)?.bot?.token;
      return token ? createSlackSender(relayClient(token)) : undefined;
    },
    /** HTTP mode: Slack's requests (/slack/events, and /slack/install + /slack/oauth_redirect with OAuth) go to Bolt. */
    requestListener: receiver
      ? guardSlackRequests(receiver.requestListener, {
          logger,
          routes: {
            '/slack/events': 'POST',
            ...(config.clientId ? { '/slack/install': 'GET', '/slack/oauth_redirect': 'GET' } : {}),
          },
        })
      : undefined,
    async start() {
      await app.init();
      if (socketMode) await app.start();
      logger.info('slack connected', { mode: socketMode ? 'socket' : 'http', workspaces: config.clientId ? 'oauth' : 'single' });
    },
    async stop() {
      if (socketMode) await app.stop();
    },
  };
}
