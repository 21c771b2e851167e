import { afterEach, describe, expect, it } from 'vitest';
import { createHttpServer, type HttpServer, sendJson } from '../../src/base/http/http-server.ts';
import { readBody } from '../../src/base/http/read-body.ts';
import { silentLogger } from '../../src/base/logging/logger.ts';
import { NotFoundError } from '../../src/core/errors.ts';

let server: HttpServer | undefined;
afterEach(async () => {
  await server?.close(100);
  server = undefined;
});

async function start(setup: (s: HttpServer) => void): Promise<string> {
  server = createHttpServer(silentLogger);
  setup(server);
  const { port } = await server.listen(0, '127.0.0.1');
  return `http://127.0.0.1:${port}`;
}

describe('the HTTP server', () => {
  it('routes by method and path, with 404 and 405 answers', async () => {
    const base = await start((s) => s.route('GET', '/ping', (_q, r) => sendJson(r, 200, { pong: true })));
    expect(await (await fetch(`${base}/ping?x=1`)).json()).toEqual({ pong: true });
    expect((await fetch(`${base}/nope`)).status).toBe(404);
    const wrong = await fetch(`${base}/ping`, { method: 'POST' });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET');
  });

  it('refuses an oversized body with 413 before reading it', async () => {
    let parsed = false;
    const base = await start((s) =>
      s.route('POST', '/in', async (req, res) => {
        const body = await readBody(req, 1024);
        parsed = true;
        sendJson(res, 200, { size: body.length });
      }),
    );
    expect(await (await fetch(`${base}/in`, { method: 'POST', body: 'x'.repeat(1000) })).json()).toEqual({ size: 1000 });
    parsed = false;
    const big = await fetch(`${base}/in`, { method: 'POST', body: 'x'.repeat(5000) });
    expect(big.status).toBe(413);
    expect(parsed).toBe(false);
  });

  it('lets an in-flight request finish on close, and accepts no new ones', async () => {
    let release: () => void = () => {};
    let arrived: () => void = () => {};
    const inHandler = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    const base = await start((s) =>
      s.route('GET', '/slow', async (_q, r) => {
        await new Promise<void>((resolve) => {
          release = resolve;
          arrived();
        });
        sendJson(r, 200, { done: true });
      }),
    );
    const pending = fetch(`${base}/slow`).then((r) => r.json());
    // Wait for the request to reach its handler (not a fixed sleep: a loaded machine may take longer).
    await inHandler;
    expect(server?.inFlight).toBe(1);
    const closing = server!.close(5000);
    setImmediate(() => release());
    expect(await pending).toEqual({ done: true });
    await closing;
    await expect(fetch(`${base}/slow`)).rejects.toThrow();
    server = undefined;
  });

  it('answers a failing route with the one localized explanation, never the error itself', async () => {
    const base = await start((s) => {
      s.route('GET', '/broken', () => {
        throw new Error('secret detail: connection string postgres://u:p@db');
      });
      s.route('GET', '/missing', () => {
        throw new NotFoundError('metric roi');
      });
    });
    const en = await fetch(`${base}/broken`);
    expect(en.status).toBe(500);
    expect(await en.json()).toEqual({ error: 'internal_error', message: 'Something went wrong; it has been logged. Please try again.' });
    const zh = await fetch(`${base}/broken`, { headers: { 'accept-language': 'zh-CN,zh;q=0.9' } });
    expect(await zh.json()).toEqual({ error: 'internal_error', message: '出错了，已记录日志。请稍后再试。' });
    const missing = await fetch(`${base}/missing`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: 'not_found', message: 'metric roi not found' });
  });
});

describe('kept-alive connections', () => {
  /** One kept-alive socket: sends GET /ping, reads the answer; `closed` settles when the server closes it. */
  async function keptAlive(port: number) {
    const { connect } = await import('node:net');
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    const closed = new Promise<number>((resolve) => socket.once('close', () => resolve(Date.now())));
    const get = () =>
      new Promise<string>((resolve) => {
        socket.once('data', (chunk) => resolve(chunk.toString('latin1')));
        socket.write('GET /ping HTTP/1.1\r\nhost: x\r\nconnection: keep-alive\r\n\r\n');
      });
    return { get, closed, socket };
  }

  it('stays open 65 s by default, above the 60 s idle timeout of common proxies, with headersTimeout above it', () => {
    const http = createHttpServer(silentLogger);
    expect(http.server.keepAliveTimeout).toBe(65_000);
    expect(http.server.headersTimeout).toBeGreaterThan(http.server.keepAliveTimeout);
    expect(http.server.requestTimeout).toBeGreaterThanOrEqual(http.server.headersTimeout);
  });

  it('keeps an idle connection for the configured time, reuses it, and closes it after', async () => {
    server = createHttpServer(silentLogger, { keepAliveTimeoutMs: 1_000 });
    server.route('GET', '/ping', (_q, r) => sendJson(r, 200, { pong: true }));
    const { port } = await server.listen(0, '127.0.0.1');
    const connection = await keptAlive(port);
    expect(await connection.get()).toMatch(/^HTTP\/1\.1 200[\s\S]*Keep-Alive: timeout=1/);
    const idleFrom = Date.now();
    await new Promise((r) => setTimeout(r, 600));
    expect(await connection.get()).toMatch(/^HTTP\/1\.1 200/); // reused after 600 ms idle
    const closedAt = await connection.closed;
    expect(closedAt - idleFrom).toBeGreaterThanOrEqual(1_000);
  });

  it('a graceful close does not wait for idle kept-alive connections', async () => {
    server = createHttpServer(silentLogger);
    server.route('GET', '/ping', (_q, r) => sendJson(r, 200, { pong: true }));
    const { port } = await server.listen(0, '127.0.0.1');
    const connection = await keptAlive(port);
    await connection.get();
    const started = Date.now();
    await server.close(10_000);
    server = undefined;
    await connection.closed;
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
