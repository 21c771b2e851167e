import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../logging/logger.ts';
import { PayloadTooLargeError } from './read-body.ts';

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

/** The one HTTP server every route mounts on (health, ingest API, Slack and Feishu receivers, sandbox). */
export function createHttpServer(logger: Logger): HttpServer {
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
      if (error instanceof PayloadTooLargeError) {
        if (!res.headersSent) sendJson(res, 413, { error: 'payload_too_large', message: error.message });
        req.resume();
        return;
      }
      logger.error('request failed', { method: req.method, path, error });
      if (!res.headersSent) sendJson(res, 500, { error: 'internal_error' });
      else res.end();
    }
  });
  server.headersTimeout = 20_000;
  server.requestTimeout = 60_000;

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
