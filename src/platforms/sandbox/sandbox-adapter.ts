// The local sandbox: a platform adapter like Slack and Feishu, for a browser on this machine. Routes stay
// thin: read the JSON body, identify the local user, call the core, render with the HTML renderer.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../../base/http/http-server.ts';
import { hasMediaType } from '../../base/http/media-type.ts';
import { readBody } from '../../base/http/read-body.ts';
import { type DemoSummary, loadDemoAnswer } from '../../core/commands/demo-answer.ts';
import { PayloadTooLargeError } from '../../core/errors.ts';
import { t } from '../../core/i18n/messages.ts';
import type { InboundCaller, InboundInput } from '../../core/inbound/inbound-input.ts';
import type { HttpRoutes, PlatformAdapter, PlatformDefinition, PlatformDeps } from '../../core/inbound/platform-adapter.ts';
import { cleanText } from '../../core/text/clean-text.ts';
import type { View } from '../../core/views/view.ts';
import { type MemberNames, toHtml } from './html.renderer.ts';
import { FAVICON_PATH, sendFavicon, sendFont } from './sandbox-assets.ts';
import type { SandboxSettings } from './sandbox-config.ts';
import { createSandboxFeed } from './sandbox-feed.ts';
import { sandboxPage } from './sandbox-page.ts';

export const SANDBOX_TEAM = 'local';
export const SANDBOX_USER = 'sandbox-user';
/** The sandbox's one conversation: alerts and the digest are delivered here. */
export const SANDBOX_CHANNEL = 'sandbox';
const MAX_BODY = 16 * 1024;
/** The one person at this browser. */
const LOCAL_CALLER: InboundCaller = { teamId: SANDBOX_TEAM, teamName: 'Local', userId: SANDBOX_USER, userName: 'you' };

/** A browser waits longer than a chat platform, but not forever: slower answers arrive through the feed. */
export const SANDBOX_ACK_BUDGET_MS = 10_000;

/** The chart PNGs the sandbox serves (newest kept; a preview's images live as long as a few previews). */
export const MAX_SANDBOX_IMAGES = 40;

/**
 * The hosts a browser on this machine uses to reach the sandbox. The Host header alone proves nothing:
 * a DNS-rebinding page at evil.example:PORT that resolves to 127.0.0.1 sends a matching Host and Origin.
 */
export function allowedHosts(port: number, configuredHost?: string): Set<string> {
  const hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
  if (configuredHost && !['0.0.0.0', '::', '127.0.0.1', 'localhost', '::1'].includes(configuredHost))
    hosts.add(`${configuredHost}:${port}`);
  return hosts;
}

function trustedHost(req: IncomingMessage, configuredHost?: string): boolean {
  const port = req.socket.localPort ?? 0;
  return allowedHosts(port, configuredHost).has(String(req.headers.host ?? '').toLowerCase());
}

/** Same-origin JSON from a trusted host only: no other page can post JSON here without a preflight this server never answers. */
function sameOrigin(req: IncomingMessage, configuredHost?: string): boolean {
  const origin = req.headers.origin;
  return (
    hasMediaType(req, 'application/json') &&
    trustedHost(req, configuredHost) &&
    (origin === undefined || origin === `http://${req.headers.host}`)
  );
}

export function createSandboxAdapter(settings: SandboxSettings, deps: PlatformDeps) {
  const { inbound } = deps;
  // What the outbox delivers here (alerts, their updates and replies) and slow answers, for the page to poll.
  const images = new Map<string, Uint8Array>();
  let published = 0;
  // Charts in answers and in delivered messages alike: kept in memory, served at a local URL.
  const publishImage = async (name: string, png: Uint8Array): Promise<string> => {
    const file = `${++published}-${name.replace(/[^A-Za-z0-9_.-]/g, '_')}`;
    images.set(file, png);
    for (const old of images.keys()) {
      if (images.size <= MAX_SANDBOX_IMAGES) break;
      images.delete(old);
    }
    return `/sandbox/charts/${file}`;
  };
  const feed = createSandboxFeed({ publishImage });
  const from = { caller: LOCAL_CALLER, channel: SANDBOX_CHANNEL, publishImage };
  const toFeed = (view: View) => feed.sender.post(SANDBOX_CHANNEL, view);

  async function json(req: IncomingMessage, res: ServerResponse): Promise<Record<string, unknown> | undefined> {
    if (!sameOrigin(req, settings.host)) {
      sendJson(res, 403, { error: 'forbidden', message: 'the sandbox answers same-origin JSON requests only' });
      return undefined;
    }
    try {
      const body = JSON.parse((await readBody(req, MAX_BODY)).toString('utf8') || '{}');
      return typeof body === 'object' && body !== null ? body : {};
    } catch (error) {
      if (error instanceof PayloadTooLargeError) throw error;
      sendJson(res, 400, { error: 'invalid_json', message: 'send a JSON object' });
      return undefined;
    }
  }

  /** The sandbox members' names, so a mention shows as @小王 rather than its id. */
  const memberNames = (): Promise<MemberNames> => inbound.memberNames(LOCAL_CALLER);

  /** Runs an input; the page gets the answer if it comes within the budget, "working" and then the feed if not. */
  async function answer(res: ServerResponse, input: InboundInput, extra: (view: View) => Record<string, unknown> = () => ({})) {
    await inbound.handle(input, {
      ack: async (view) =>
        sendJson(res, 200, { html: toHtml(view, await memberNames()), ephemeral: Boolean(view.ephemeral), ...extra(view) }),
      followUp: toFeed,
    });
  }

  return {
    name: 'local',
    feed,
    senderFor: () => feed.sender,
    async start() {},
    async stop() {},
    mount(http: HttpRoutes) {
      http.route('GET', '/', async (req, res) => {
        if (!trustedHost(req, settings.host))
          return sendJson(res, 403, { error: 'forbidden', message: 'open the sandbox at http://127.0.0.1 or http://localhost' });
        const locale = (await inbound.workspaceOf(LOCAL_CALLER)).locale;
        const welcome = toHtml({ fallback: '', elements: [{ type: 'text', text: t(locale, 'sandbox.welcome') }] });
        const html = sandboxPage({
          lang: locale,
          title: t(locale, 'sandbox.title'),
          badge: t(locale, 'sandbox.badge'),
          demo: t(locale, 'sandbox.demo'),
          placeholder: t(locale, 'sandbox.placeholder'),
          send: t(locale, 'sandbox.send'),
          you: t(locale, 'sandbox.you'),
          ephemeral: t(locale, 'sandbox.ephemeral'),
          welcome,
        });
        res.writeHead(200, {
          'content-type': 'text/html; charset=utf-8',
          'cache-control': 'no-store',
          'content-security-policy': "default-src 'self'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src 'self' data:",
        });
        res.end(html);
      });
      http.route('GET', '/sandbox/feed', async (req, res) => {
        if (!trustedHost(req, settings.host))
          return sendJson(res, 403, { error: 'forbidden', message: 'open the sandbox on this machine' });
        const after = Number(new URL(req.url ?? '/', 'http://sandbox').searchParams.get('after') ?? 0);
        const { seq, messages } = feed.since(Number.isFinite(after) ? after : 0);
        const names = messages.length ? await memberNames() : undefined;
        sendJson(res, 200, {
          seq,
          messages: messages.map((m) => ({
            id: m.id,
            threadOf: m.threadOf,
            html: m.view
              ? toHtml(m.view, names)
              : toHtml({
                  fallback: m.image?.title ?? '',
                  elements: [{ type: 'chart', title: m.image?.title ?? '', image: m.image?.dataUrl, altText: m.image?.title ?? '' }],
                }),
          })),
        });
      });
      // The CJK web font and the favicon: this machine only, like every sandbox route.
      http.mount('/sandbox/fonts', async (req, res) => {
        if (req.method !== 'GET' || !trustedHost(req, settings.host)) return sendJson(res, 403, { error: 'forbidden' });
        if (!sendFont((req.url ?? '').split('?')[0] ?? '', res)) sendJson(res, 404, { error: 'not_found' });
      });
      for (const path of [FAVICON_PATH, '/favicon.ico'])
        http.route('GET', path, async (req, res) =>
          trustedHost(req, settings.host) ? sendFavicon(res) : sendJson(res, 403, { error: 'forbidden' }),
        );
      // Chart images of digest previews: this machine only, like every sandbox route.
      http.mount('/sandbox/charts', async (req, res) => {
        if (req.method !== 'GET' || !trustedHost(req, settings.host)) return sendJson(res, 403, { error: 'forbidden' });
        const file = decodeURIComponent(((req.url ?? '').split('?')[0] ?? '').slice('/sandbox/charts/'.length));
        const png = images.get(file);
        if (!png) return sendJson(res, 404, { error: 'not_found' });
        res.writeHead(200, { 'content-type': 'image/png', 'cache-control': 'no-store', 'content-length': png.byteLength });
        res.end(png);
      });
      http.route('POST', '/sandbox/command', async (req, res) => {
        const body = await json(req, res);
        if (body) await answer(res, { ...from, kind: 'command', text: cleanText(String(body.text ?? '')) });
      });
      http.route('POST', '/sandbox/action', async (req, res) => {
        const body = await json(req, res);
        if (!body) return;
        const action = { actionId: String(body.actionId ?? ''), value: String(body.value ?? '') };
        await answer(res, { ...from, kind: 'action', ...action }, (view) => ({ replace: !view.ephemeral }));
      });
      http.route('POST', '/sandbox/demo', async (req, res) => {
        if (!(await json(req, res))) return;
        // The page waits for the demo however long it takes: the answer carries what was written.
        let summary: DemoSummary | undefined;
        let answered: (view: View) => void = () => {};
        const done = new Promise<View>((resolve) => {
          answered = resolve;
        });
        const run = async (ctx: Parameters<Extract<InboundInput, { kind: 'task' }>['run']>[0]) => {
          // The page is the team's channel: the digest, alerts and check-in show up in it.
          const loaded = await loadDemoAnswer(ctx, { meetingChannel: SANDBOX_CHANNEL });
          summary = loaded.summary;
          deps.logger.info('demo data loaded', { workspace: ctx.workspace.id, ...summary });
          return loaded.view;
        };
        await inbound.handle({ ...from, kind: 'task', name: 'demo', run }, { followUp: async (view) => answered(view) });
        const view = await done;
        sendJson(res, 200, { html: toHtml(view), ephemeral: Boolean(view.ephemeral), ...(summary ? { summary } : {}) });
      });
    },
  } satisfies PlatformAdapter & Record<string, unknown>;
}

export const sandboxPlatform: PlatformDefinition<SandboxSettings> = {
  name: 'local',
  ackBudgetMs: SANDBOX_ACK_BUDGET_MS,
  create: createSandboxAdapter,
};
