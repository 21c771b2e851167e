// The Slack adapter: a Bolt app whose listeners only parse Slack's payloads into neutral input for the
// core's inbound pipeline and send its answers (Bolt verifies); rendering is block-kit.renderer.ts. HTTP
// mode shares our server; Socket Mode needs no public URL.

import { App, HTTPReceiver, type RespondArguments, webApi } from '@slack/bolt';
import { COMMAND_NAMES } from '../../core/commands/command-grammar.ts';
import { ConfigError } from '../../core/errors.ts';
import type { InboundCaller } from '../../core/inbound/inbound-input.ts';
import type { PlatformAdapter, PlatformDefinition, PlatformDeps } from '../../core/inbound/platform-adapter.ts';
import type { ChatSender } from '../../core/ports/chat-sender.ts';
import { cleanText } from '../../core/text/clean-text.ts';
import type { View } from '../../core/views/view.ts';
import { toBlockKit } from './block-kit.renderer.ts';
import { boltLogger } from './bolt-logger.ts';
import type { SlackSettings } from './slack-config.ts';
import { createSlackInstallationStore, installationKeyOf } from './slack-installation-store.ts';
import { submittedFields, toSlackModal, toSlackNoticeModal } from './slack-modal.ts';
import { guardSlackRequests, slackRequestFingerprint } from './slack-request-guard.ts';
import { createSlackSender } from './slack-sender.ts';

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
/** Slack waits 3 s for a slash command's acknowledgement; answers slower than this follow up through response_url. */
export const SLACK_ACK_BUDGET_MS = 2_000;

function message(view: View): RespondArguments & { response_type: 'ephemeral' | 'in_channel' } {
  return { response_type: view.ephemeral ? 'ephemeral' : 'in_channel', ...toBlockKit(view) };
}

type EventBody = { event_id?: string; team_id?: string };

/**
 * The command in an app_mention: the bot's own mention removed (by its id, else the mention that opens the
 * text), other people's mentions kept for the grammar (`@Growthbeat growth owners roi @alice`).
 */
export function withoutBotMention(text: string, botUserId?: string): string {
  const own = botUserId ? new RegExp(`<@${botUserId}(?:\\|[^>]*)?>`, 'g') : undefined;
  if (own?.test(text)) return text.replace(own, ' ').trim();
  return text.replace(/^\s*<@[A-Z0-9]+(?:\|[^>]*)?>/, ' ').trim();
}

/**
 * The delivery id the pipeline deduplicates by: the event_id of an event (Slack's retries are new requests
 * with it), the signed request's fingerprint for a command or a click (a captured request replayed, on any
 * replica); Socket Mode has neither fingerprint nor replays.
 */
const requestId = (context: Record<string, unknown>) =>
  typeof context.requestFingerprint === 'string' ? `request:${context.requestFingerprint}` : undefined;

export function createSlackAdapter(settings: SlackSettings, deps: PlatformDeps): PlatformAdapter & { app: App } {
  const { inbound, logger } = deps;
  const clientOptions = { slackApiUrl: settings.apiUrl, logger: boltLogger(logger.child({ component: 'slack-web-api' })) };
  const oauth = settings.clientId
    ? {
        clientId: settings.clientId,
        clientSecret: settings.clientSecret,
        stateSecret: settings.stateSecret,
        scopes: SLACK_BOT_SCOPES,
        installationStore: createSlackInstallationStore(deps.installations),
        installerOptions: { directInstall: true, clientOptions },
      }
    : {};
  const socketMode = Boolean(settings.appToken);
  const receiver = socketMode
    ? undefined
    : new HTTPReceiver({
        signingSecret: settings.signingSecret as string,
        endpoints: '/slack/events',
        logger: boltLogger(logger.child({ component: 'slack-receiver' })),
        bodyLimit: deps.maxBodyBytes,
        customPropertiesExtractor: slackRequestFingerprint,
        ...oauth,
      });
  const app = new App({
    // Socket Mode's client reads its API URL from installerOptions.clientOptions.
    ...(receiver
      ? { receiver }
      : {
          socketMode: true,
          appToken: settings.appToken,
          signingSecret: settings.signingSecret,
          ...oauth,
          installerOptions: { clientOptions },
        }),
    ...(settings.clientId ? {} : { token: settings.botToken }),
    clientOptions,
    logger: boltLogger(logger.child({ component: 'slack' })),
    deferInitialization: true,
  });

  const caller = (teamId: string, userId: string, names: Partial<InboundCaller> = {}): InboundCaller => ({ teamId, userId, ...names });

  const commandPattern = new RegExp(`^/(${COMMAND_NAMES.join('|')})$`);
  app.command(commandPattern, async ({ command, ack, respond, context }) => {
    const outcome = await inbound.handle(
      {
        kind: 'command',
        eventId: requestId(context),
        caller: caller(command.team_id, command.user_id, { teamName: command.team_domain, userName: command.user_name }),
        channel: command.channel_id,
        command: command.command,
        text: cleanText(command.text ?? ''),
      },
      { ack: (view) => ack(message(view)), followUp: (view) => respond(message(view)) },
    );
    // A replay gets a quiet, empty acknowledgement.
    if (outcome === 'repeat') await ack();
  });

  app.action(/^gb\./, async ({ ack, body, action, respond, context, client }) => {
    // A button's answer always goes through response_url: Bolt's ack for block actions carries no message.
    await ack();
    const triggerId = (body as { trigger_id?: string }).trigger_id;
    await inbound.handle(
      {
        kind: 'action',
        eventId: requestId(context),
        caller: caller(body.team?.id ?? body.user.team_id ?? '', body.user.id),
        channel: (body as { channel?: { id?: string } }).channel?.id,
        actionId: 'action_id' in action ? action.action_id : '',
        value: 'value' in action && typeof action.value === 'string' ? action.value : '',
      },
      {
        // An answer with a form opens it as a modal (the trigger is valid for 3 s after the press).
        followUp: (view) =>
          view.form && triggerId
            ? client.views.open({ trigger_id: triggerId, view: toSlackModal(view.form) as Parameters<typeof client.views.open>[0]['view'] })
            : respond({ ...message(view), replace_original: !view.ephemeral }),
      },
    );
  });

  // A submitted modal Growthbeat opened (its callback id is the form's action id, `gb.…`) becomes that action,
  // with the form's carried value and the typed fields; the answer replaces the form. Any other submission (a
  // stale client, another app version) is acknowledged empty, which closes it, and nothing is written.
  app.view(/.*/, async ({ ack, body, view, context, client }) => {
    if (!view.callback_id.startsWith('gb.')) return void (await ack());
    let carried: Record<string, unknown> = {};
    try {
      const parsed = JSON.parse(view.private_metadata || '{}') as unknown;
      if (typeof parsed === 'object' && parsed !== null) carried = parsed as Record<string, unknown>;
    } catch {
      return void (await ack());
    }
    const fields = Object.fromEntries(Object.entries(submittedFields(view.state)).map(([k, v]) => [k, cleanText(v)]));
    const modal = (answer: View) => toSlackNoticeModal(answer) as Parameters<typeof client.views.update>[0]['view'];
    let acked = false;
    await inbound.handle(
      {
        kind: 'action',
        // The modal as submitted (its id and hash): a second delivery of the same submission — a replay, or the
        // person pressing Submit again after Slack gave up waiting — is a repeat, so the answer is written once.
        eventId: view.id && view.hash ? `view:${view.id}:${view.hash}` : requestId(context),
        caller: caller(body.team?.id ?? body.user.team_id ?? '', body.user.id),
        actionId: view.callback_id,
        value: JSON.stringify({ ...carried, fields }),
      },
      {
        // The answer (the note kept, or what is wrong) replaces the form in the modal …
        ack: async (answer) => {
          acked = true;
          await ack({ response_action: 'update', view: modal(answer) });
        },
        // … or, slower than the acknowledgement budget (the modal then says it is working), replaces that once
        // ready; a modal closed meanwhile cannot be updated, so the answer comes by direct message instead.
        followUp: async (answer) => {
          try {
            await client.views.update({ view_id: view.id, view: modal(answer) });
          } catch (error) {
            logger.debug('slack modal gone: the answer goes by direct message', { error });
            await client.chat.postMessage({ channel: body.user.id, ...toBlockKit(answer) });
          }
        },
      },
    );
    // A repeat, or no answer: closed.
    if (!acked) await ack();
  });

  app.event('reaction_added', async ({ event, body }) => {
    if (event.item.type !== 'message') return;
    const { event_id, team_id } = body as EventBody;
    await inbound.handle(
      {
        kind: 'reaction',
        eventId: event_id,
        caller: caller(team_id ?? '', event.user),
        channel: event.item.channel,
        messageRef: `${event.item.channel}:${event.item.ts}`,
        reaction: event.reaction,
      },
      {},
    );
  });

  app.event('app_mention', async ({ event, body, client, context }) => {
    const { event_id, team_id } = body as EventBody;
    const thread_ts = event.thread_ts ?? event.ts;
    await inbound.handle(
      {
        kind: 'command',
        eventId: event_id,
        caller: caller(team_id ?? '', event.user ?? ''),
        channel: event.channel,
        text: withoutBotMention(cleanText(event.text ?? ''), context.botUserId),
      },
      {
        // An answer meant for the asker alone (a usage error, help) stays with them, as with slash commands.
        followUp: (view) =>
          view.ephemeral
            ? client.chat.postEphemeral({ channel: event.channel, user: event.user ?? '', thread_ts, ...toBlockKit(view) })
            : client.chat.postMessage({ channel: event.channel, thread_ts, ...toBlockKit(view) }),
      },
    );
  });

  app.error(async (error) => {
    logger.error('slack listener error', { error });
  });

  // The outbox relay's clients: it owns retries, so they neither retry nor wait out 429s themselves.
  const relayClient = (token: string) =>
    new webApi.WebClient(token, {
      slackApiUrl: settings.apiUrl,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      timeout: 15_000,
    });
  const singleSender = settings.botToken ? createSlackSender(relayClient(settings.botToken)) : undefined;

  return {
    name: 'slack',
    app,
    /** HTTP mode: Slack's requests (/slack/events, and /slack/install + /slack/oauth_redirect with OAuth) go to Bolt. */
    mount(http) {
      if (!receiver) return;
      const routes = { '/slack/events': 'POST', ...(settings.clientId ? { '/slack/install': 'GET', '/slack/oauth_redirect': 'GET' } : {}) };
      http.mount('/slack', guardSlackRequests(receiver.requestListener, { logger, routes }));
    },
    installationKey: (workspace) => installationKeyOf({ teamId: workspace.externalId }),
    /** The single token's sender, or the one of the workspace's OAuth installation. */
    senderFor(_workspace, installation): ChatSender | undefined {
      if (singleSender) return singleSender;
      const token = (installation?.data as { bot?: { token?: string } } | undefined)?.bot?.token;
      return token ? createSlackSender(relayClient(token)) : undefined;
    },
    async start() {
      try {
        await app.init();
        if (socketMode) await app.start();
      } catch (cause) {
        throw new ConfigError(
          'SLACK_BOT_TOKEN',
          `Slack refused to start: ${(cause as Error).message}. Check SLACK_BOT_TOKEN (or SLACK_APP_TOKEN) and SLACK_API_URL`,
          { cause },
        );
      }
      logger.info('slack connected', { mode: socketMode ? 'socket' : 'http', workspaces: settings.clientId ? 'oauth' : 'single' });
    },
    async stop() {
      if (socketMode) await app.stop();
    },
  };
}

export const slackPlatform: PlatformDefinition<SlackSettings> = {
  name: 'slack',
  ackBudgetMs: SLACK_ACK_BUDGET_MS,
  create: createSlackAdapter,
};
