// The local sandbox: a platform adapter like Slack and Feishu, for a browser on this machine. Routes stay
// thin: read the JSON body, identify the local user, call the core, render with the HTML renderer.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CommandContext } from '../../core/commands/command-context.ts';
import { createInteractions, type Interactions } from '../../core/commands/interactions.ts';
import { runCommandText } from '../../core/commands/run-command.ts';
import { loadDemo } from '../../core/demo/load-demo.ts';
import type { DigestSources } from '../../core/digest/digest-data.ts';
import { t } from '../../core/i18n/messages.ts';
import type { ChartRenderer } from '../../core/ports/chart-renderer.ts';
import type { Store } from '../../core/ports/store.ts';
import type { Locale } from '../../core/ports/workspace.ts';
import { cleanText } from '../../core/text/clean-text.ts';
import type { View } from '../../core/views/view.ts';
import { identifyCaller } from '../../core/workspace/identify.ts';
import type { Logger } from '../../logging/logger.ts';
import { type HttpServer, sendJson } from '../../server/http-server.ts';
import { hasMediaType } from '../../server/media-type.ts';
import { readBody } from '../../server/read-body.ts';
import { toHtml } from './html.renderer.ts';
import type { SandboxFeed } from './sandbox-feed.ts';
import { sandboxPage } from './sandbox-page.ts';

export const SANDBOX_TEAM = 'local';
export const SANDBOX_USER = 'sandbox-user';
/** The sandbox's one conversation: alerts and the digest are delivered here. */
export const SANDBOX_CHANNEL = 'sandbox';
const MAX_BODY = 16 * 1024;

export interface SandboxDeps {
  /** HOST, when the sandbox is deliberately served on another address. */
  host?: string;
  store: Store;
  logger: Logger;
  defaults: { timezone: string; locale: Locale };
  interactions?: Interactions;
  now?: () => Date;
  /** What the outbox delivered to the sandbox (alerts, their updates and replies), for the page to poll. */
  feed?: SandboxFeed;
  /** Draws the digest's charts; the sandbox serves them at /sandbox/charts/<name>.png. */
  charts?: ChartRenderer;
  digestSources?: DigestSources;
}

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

export function createSandboxAdapter(deps: SandboxDeps) {
  const { store, logger } = deps;
  const interactions = deps.interactions ?? createInteractions();
  const now = deps.now ?? (() => new Date());
  const images = new Map<string, Uint8Array>();
  let published = 0;
  const publishImage = (name: string, png: Uint8Array): string => {
    const file = `${++published}-${name.replace(/[^A-Za-z0-9_.-]/g, '_')}`;
    images.set(file, png);
    for (const old of images.keys()) {
      if (images.size <= MAX_SANDBOX_IMAGES) break;
      images.delete(old);
    }
    return `/sandbox/charts/${file}`;
  };

  async function context(): Promise<CommandContext> {
    const caller = await identifyCaller(
      store,
      { platform: 'local', teamId: SANDBOX_TEAM, teamName: 'Local', userId: SANDBOX_USER, userName: 'you' },
      deps.defaults,
    );
    return {
      store,
      workspace: caller.workspace,
      member: caller.member,
      now: now(),
      channel: SANDBOX_CHANNEL,
      charts: deps.charts,
      publishImage: deps.charts ? publishImage : undefined,
      digestSources: deps.digestSources,
    };
  }

  async function json(req: IncomingMessage, res: ServerResponse): Promise<Record<string, unknown> | undefined> {
    if (!sameOrigin(req, deps.host)) {
      sendJson(res, 403, { error: 'forbidden', message: 'the sandbox answers same-origin JSON requests only' });
      return undefined;
    }
    try {
      const body = JSON.parse((await readBody(req, MAX_BODY)).toString('utf8') || '{}');
      return typeof body === 'object' && body !== null ? body : {};
    } catch (error) {
      if ((error as { code?: string }).code === 'payload_too_large') throw error;
      sendJson(res, 400, { error: 'invalid_json', message: 'send a JSON object' });
      return undefined;
    }
  }

  const reply = (res: ServerResponse, view: View, extra: Record<string, unknown> = {}) =>
    sendJson(res, 200, { html: toHtml(view), ephemeral: Boolean(view.ephemeral), ...extra });

  return {
    mount(http: HttpServer) {
      http.route('GET', '/', async (req, res) => {
        if (!trustedHost(req, deps.host))
          return sendJson(res, 403, { error: 'forbidden', message: 'open the sandbox at http://127.0.0.1 or http://localhost' });
        const ctx = await context();
        const locale = ctx.workspace.locale;
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
        if (!trustedHost(req, deps.host)) return sendJson(res, 403, { error: 'forbidden', message: 'open the sandbox on this machine' });
        const after = Number(new URL(req.url ?? '/', 'http://sandbox').searchParams.get('after') ?? 0);
        const { seq, messages } = deps.feed?.since(Number.isFinite(after) ? after : 0) ?? { seq: 0, messages: [] };
        sendJson(res, 200, {
          seq,
          messages: messages.map((m) => ({
            id: m.id,
            threadOf: m.threadOf,
            html: m.view
              ? toHtml(m.view)
              : toHtml({
                  fallback: m.image?.title ?? '',
                  elements: [{ type: 'chart', title: m.image?.title ?? '', imageUrl: m.image?.dataUrl, altText: m.image?.title ?? '' }],
                }),
          })),
        });
      });
      // Chart images of digest previews: this machine only, like every sandbox route.
      http.mount('/sandbox/charts', async (req, res) => {
        if (req.method !== 'GET' || !trustedHost(req, deps.host)) return sendJson(res, 403, { error: 'forbidden' });
        const file = decodeURIComponent(((req.url ?? '').split('?')[0] ?? '').slice('/sandbox/charts/'.length));
        const png = images.get(file);
        if (!png) return sendJson(res, 404, { error: 'not_found' });
        res.writeHead(200, { 'content-type': 'image/png', 'cache-control': 'no-store', 'content-length': png.byteLength });
        res.end(png);
      });
      http.route('POST', '/sandbox/command', async (req, res) => {
        const body = await json(req, res);
        if (!body) return;
        reply(res, await runCommandText(await context(), cleanText(String(body.text ?? ''))));
      });
      http.route('POST', '/sandbox/action', async (req, res) => {
        const body = await json(req, res);
        if (!body) return;
        const view = await interactions.onAction(await context(), {
          actionId: String(body.actionId ?? ''),
          value: String(body.value ?? ''),
        });
        reply(res, view, { replace: !view.ephemeral });
      });
      http.route('POST', '/sandbox/demo', async (req, res) => {
        if (!(await json(req, res))) return;
        const ctx = await context();
        const summary = await loadDemo(store, ctx.workspace, now(), { actor: ctx.member.id });
        logger.info('demo data loaded', { workspace: ctx.workspace.id, ...summary });
        const text = t(ctx.workspace.locale, 'sandbox.demoLoaded', {
          from: summary.from,
          to: summary.to,
          observations: summary.observations,
          channels: summary.channels.join(ctx.workspace.locale === 'zh-CN' ? '、' : ', '),
        });
        reply(res, { fallback: text, elements: [{ type: 'text', text: `✅ ${text}` }], severity: 'ok' }, { summary });
      });
    },
  };
}
