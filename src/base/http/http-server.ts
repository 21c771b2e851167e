import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { explain, localeOfAcceptLanguage } from '../../core/explain.ts';
import type { Logger } from '../logging/logger.ts';

export type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

export interface HttpServer {
  /** Exact method and path (the query string is ignored). */
  route(method: string, path: string, handler: Handler): void;
  /** Every request under a path prefix, e.g. a platform receiver's listener. */
  mount(prefix: string, handler: Handler): void;
  listen(port: number, host: string): Promise<{ port: number; host: string }>;
  /** Stops accepting, lets in-flight requests finish for up to `timeoutMs`, then cuts the rest. */
  close(timeoutMs: number): Promise<void>;
  readonly inFlight: number;
  readonly server: Server;
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export interface HttpServerOptions {
  /**
   * How long an idle kept-alive connection stays open (default 65 s). Above the idle timeout of the proxies in
   * front (60 s on most load balancers), so the proxy, never this server, closes an idle connection: otherwise a
   * request the proxy sends on it as it closes fails ("other side closed", a 502).
   */
  keepAliveTimeoutMs?: number;
}

export const DEFAULT_KEEP_ALIVE_TIMEOUT_MS = 65_000;

/** The one HTTP server every route mounts on (health, ingest API, Slack and Feishu receivers, sandbox). */
export function createHttpServer(logger: Logger, options: HttpServerOptions = {}): HttpServer {
  const routes = new Map<string, Handler>();
  const mounts: { prefix: string; handler: Handler }[] = [];
  let inFlight = 0;
  let drained: (() => void) | undefined;

  const server = createServer(async (req, res) => {
    inFlight++;
    res.on('close', () => {
      inFlight--;
      if (inFlight === 0) drained?.();
    });
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const handler =
      routes.get(`${req.method} ${path}`) ?? mounts.find((m) => path === m.prefix || path.startsWith(`${m.prefix}/`))?.handler;
    try {
      if (!handler) {
        const allowed = [...routes.keys()].filter((k) => k.endsWith(` ${path}`)).map((k) => k.split(' ')[0]);
        if (allowed.length) {
          res.setHeader('allow', allowed.join(', '));
          return sendJson(res, 405, { error: 'method_not_allowed', allowed });
        }
        return sendJson(res, 404, { error: 'not_found', path });
      }
      await handler(req, res);
    } catch (error) {
      // Every failure is answered the way the CLI and chat put it (core/explain.ts), in the client's language.
      const answer = explain(error, localeOfAcceptLanguage(req.headers['accept-language']));
      if (answer.unexpected) logger.error('request failed', { method: req.method, path, error });
      else logger.debug('request refused', { method: req.method, path, code: answer.code });
      if (!res.headersSent) sendJson(res, answer.status, { error: answer.code, message: answer.message });
      else res.end();
      // An unread body (refused for its size) is drained so the connection can answer.
      req.resume();
    }
  });
  server.keepAliveTimeout = options.keepAliveTimeoutMs ?? DEFAULT_KEEP_ALIVE_TIMEOUT_MS;
  // Above keepAliveTimeout (Node measures a kept-alive request's headers from the connection's last activity);
  // requestTimeout may not be below headersTimeout.
  server.headersTimeout = server.keepAliveTimeout + 1_000;
  server.requestTimeout = Math.max(120_000, server.headersTimeout);

  return {
    server,
    get inFlight() {
      return inFlight;
    },
    route(method, path, handler) {
      routes.set(`${method.toUpperCase()} ${path}`, handler);
    },
    mount(prefix, handler) {
      mounts.push({ prefix, handler });
    },
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const address = server.address() as AddressInfo;
          resolve({ port: address.port, host: address.address });
        });
      });
    },
    async close(timeoutMs) {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      if (inFlight > 0) {
        const finished = new Promise<void>((resolve) => {
          drained = resolve;
        });
        const timer = setTimeout(() => server.closeAllConnections(), timeoutMs);
        await Promise.race([finished, new Promise((r) => setTimeout(r, timeoutMs))]);
        clearTimeout(timer);
        server.closeAllConnections();
      }
      await closed;
    },
  };
}
