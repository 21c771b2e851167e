// A local stand-in for Slack's Web API (and response_url): answers as Slack documents, records every call.
// Every message it receives is checked against Block Kit's published limits (outbound-validator.ts): a
// violation is refused with invalid_blocks, as Slack refuses it, and kept in `violations` for the test.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import { blockKitViolations } from './outbound-validator.ts';

export interface RecordedCall {
  method: string;
  body: Record<string, unknown>;
  headers: IncomingMessage['headers'];
  /** What the fake answered (Web API calls that got an answer). */
  response?: Record<string, unknown>;
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  const type = req.headers['content-type'] ?? '';
  if (type.includes('application/json')) return text ? JSON.parse(text) : {};
  if (type.includes('application/x-www-form-urlencoded')) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of new URLSearchParams(text)) {
      try {
        out[k] = k === 'blocks' || k === 'attachments' || k === 'files' || k === 'metadata' ? JSON.parse(v) : v;
      } catch {
        out[k] = v;
      }
    }
    return out;
  }
  return { raw: text.slice(0, 200), bytes: text.length };
}

export interface FakeSocketMode {
  /** Messages the app sent back over the socket (acks with their payloads). */
  received: Record<string, unknown>[];
  /** Sends an envelope to the connected app. */
  send(envelope: Record<string, unknown>): void;
  connected(): boolean;
}

export interface FakeSlackApi {
  url: string;
  socket: FakeSocketMode;
  /** Base for WebClient's slackApiUrl. */
  apiUrl: string;
  calls: RecordedCall[];
  callsTo(method: string): RecordedCall[];
  /** Make the next calls of a method fail with this Slack error (e.g. "channel_not_found"). */
  failNext(method: string, error: string, times?: number): void;
  /** Make the next calls of a method fail at the HTTP level: 500s, or 429 with Retry-After seconds. */
  failHttp(method: string, status: number, times?: number, retryAfterSeconds?: number): void;
  /** Delays every Web API answer (a slow Slack), in milliseconds. */
  delayMs: number;
  /** Every way a message sent here breaks Block Kit's limits or Slack's mrkdwn (empty when all were valid). */
  violations: string[];
  close(): Promise<void>;
}

export async function startFakeSlackApi(team = { id: 'T0001', name: 'Acme Growth' }): Promise<FakeSlackApi> {
  const calls: RecordedCall[] = [];
  const failures = new Map<string, { error: string; times: number }>();
  // What was posted, per channel, as conversations.history would return it (newest first).
  const history = new Map<string, { ts: string; text?: unknown; thread_ts?: unknown; metadata?: unknown }[]>();
  const httpFailures = new Map<string, { status: number; times: number; retryAfter?: number }>();
  let ts = Math.floor(Date.now() / 1000);
  let server: Server;
  let base = '';
  const violations: string[] = [];
  /** A message's violations, recorded; Slack answers such a message with invalid_blocks. */
  const invalid = (where: string, body: Record<string, unknown>): string[] => {
    const found = blockKitViolations(body, where);
    violations.push(...found);
    return found;
  };
  const answer = (method: string, body: Record<string, unknown>): Record<string, unknown> => {
    const fail = failures.get(method);
    if (fail && fail.times > 0) {
      fail.times--;
      return { ok: false, error: fail.error };
    }
    if (['chat.postMessage', 'chat.update', 'chat.postEphemeral'].includes(method)) {
      const found = invalid(method, body);
      if (found.length) return { ok: false, error: 'invalid_blocks', errors: found };
    }
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://acme.slack.com/',
          team: team.name,
          user: 'growthbeat',
          team_id: team.id,
          user_id: 'UBOT',
          bot_id: 'BBOT',
          is_enterprise_install: false,
        };
      case 'chat.postMessage': {
        ts += 1;
        const message = { ts: `${ts}.000100`, text: body.text, thread_ts: body.thread_ts, metadata: body.metadata };
        history.set(String(body.channel), [message, ...(history.get(String(body.channel)) ?? [])]);
        return {
          ok: true,
          channel: body.channel,
          ts: message.ts,
          message: { type: 'message', text: body.text, user: 'UBOT', ts: message.ts, blocks: body.blocks },
        };
      }
      case 'conversations.history':
        return {
          ok: true,
          messages: (history.get(String(body.channel)) ?? []).filter((m) => !m.thread_ts && Number(m.ts) >= Number(body.oldest ?? 0)),
          has_more: false,
        };
      case 'conversations.replies':
        return {
          ok: true,
          messages: (history.get(String(body.channel)) ?? []).filter(
            (m) => m.thread_ts === body.ts && Number(m.ts) >= Number(body.oldest ?? 0),
          ),
          has_more: false,
        };
      case 'chat.update':
        return { ok: true, channel: body.channel, ts: body.ts, text: body.text };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: `${++ts}.000200` };
      case 'views.open':
      case 'views.update': {
        // As Slack (api.slack.com/methods/views.open, views.update): a trigger (open) or the view's id (update), a
        // modal with a title and submit of at most 24 characters (a view without inputs needs no submit), a
        // callback id, private metadata of at most 3,000, and input blocks whose labels are plain text.
        type Modal = {
          type?: string;
          title?: { type?: string; text?: unknown };
          submit?: { type?: string; text?: unknown };
          private_metadata?: string;
          blocks?: { type?: string; label?: { type?: string }; element?: { action_id?: string } }[];
        };
        const view = (typeof body.view === 'string' ? JSON.parse(body.view) : body.view) as Modal | undefined;
        const problems: string[] = [];
        if (method === 'views.open' && (typeof body.trigger_id !== 'string' || !body.trigger_id))
          problems.push('views.open: no trigger_id');
        if (method === 'views.update' && (typeof body.view_id !== 'string' || !body.view_id)) problems.push('views.update: no view_id');
        if (view?.type !== 'modal') problems.push(`${method}: view.type must be modal`);
        const hasInputs = (view?.blocks ?? []).some((b) => b.type === 'input');
        for (const key of hasInputs ? (['title', 'submit'] as const) : (['title'] as const)) {
          const text = view?.[key];
          if (typeof text?.text !== 'string' || text.type !== 'plain_text' || text.text.length > 24)
            problems.push(`${method}: ${key} must be plain_text of at most 24 characters`);
        }
        if (String(view?.private_metadata ?? '').length > 3000) problems.push(`${method}: private_metadata over 3000`);
        for (const block of view?.blocks ?? [])
          if (block.type === 'input' && (block.label?.type !== 'plain_text' || !block.element?.action_id))
            problems.push(`${method}: an input needs a plain_text label and an action_id`);
        problems.push(
          ...blockKitViolations({ blocks: (view?.blocks ?? []).filter((b: { type?: string }) => b.type !== 'input') }, 'modal'),
        );
        violations.push(...problems);
        const id = method === 'views.update' ? String(body.view_id) : `V${++ts}`;
        return problems.length ? { ok: false, error: 'invalid_arguments' } : { ok: true, view: { id, ...view } };
      }
      case 'users.info':
        return {
          ok: true,
          user: { id: body.user, team_id: team.id, name: 'alice', real_name: 'Alice', tz: 'Asia/Shanghai', locale: 'zh-CN' },
        };
      case 'conversations.info':
        return { ok: true, channel: { id: body.channel, name: 'growth', is_channel: true, is_member: true } };
      case 'files.getUploadURLExternal':
        return { ok: true, upload_url: `${base}/upload/F${++ts}`, file_id: `F${ts}` };
      case 'files.completeUploadExternal':
        return {
          ok: true,
          files: (body.files as { id: string; title?: string }[] | undefined)?.map((f) => ({ id: f.id, title: f.title })) ?? [],
        };
      case 'apps.connections.open':
        return { ok: true, url: `${base.replace('http', 'ws')}/socket` };
      case 'oauth.v2.access':
        return {
          ok: true,
          app_id: 'A0001',
          authed_user: { id: 'UINSTALLER' },
          scope: 'commands,chat:write',
          token_type: 'bot',
          access_token: 'xoxb-installed-secret-token',
          bot_user_id: 'UBOT2',
          team: { id: 'T0002', name: 'Second Team' },
          enterprise: null,
          is_enterprise_install: false,
        };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  };
  server = createServer(async (req, res) => {
    const path = (req.url ?? '').split('?')[0] as string;
    const body = await readBody(req);
    if (path.startsWith('/api/')) {
      const method = path.slice('/api/'.length);
      const call: RecordedCall = { method, body, headers: req.headers };
      calls.push(call);
      const broken = httpFailures.get(method);
      if (broken && broken.times > 0) {
        broken.times--;
        res.writeHead(broken.status, {
          'content-type': 'application/json',
          ...(broken.retryAfter !== undefined ? { 'retry-after': String(broken.retryAfter) } : {}),
        });
        res.end(JSON.stringify({ ok: false, error: broken.status === 429 ? 'ratelimited' : 'internal_error' }));
        return;
      }
      // Slack acts first, then answers (late, with delayMs): a client that times out has still posted.
      const result = answer(method, body);
      call.response = result as Record<string, unknown>;
      if (api.delayMs > 0) await new Promise((r) => setTimeout(r, api.delayMs));
      if (res.destroyed) return;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(result));
      return;
    }
    // response_url posts and file uploads.
    calls.push({ method: path.startsWith('/upload/') ? 'upload' : `response_url${path}`, body, headers: req.headers });
    if (
      !path.startsWith('/upload/') &&
      (body.blocks !== undefined || body.text !== undefined) &&
      invalid(`response_url${path}`, body).length
    ) {
      res.writeHead(400, { 'content-type': 'text/plain' });
      res.end('invalid_blocks');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('ok');
  });
  // Socket Mode: apps.connections.open hands out this WebSocket; the fake says hello and relays envelopes.
  const wss = new WebSocketServer({ server, path: '/socket' });
  const received: Record<string, unknown>[] = [];
  let client: WebSocket | undefined;
  wss.on('connection', (ws) => {
    client = ws;
    ws.on('message', (data) => received.push(JSON.parse(String(data))));
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: 1,
        debug_info: { host: 'fake', approximate_connection_time: 18060 },
        connection_info: { app_id: 'A0001' },
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const api: FakeSlackApi = {
    delayMs: 0,
    violations,
    url: base,
    apiUrl: `${base}/api/`,
    socket: {
      received,
      send: (envelope) => client?.send(JSON.stringify(envelope)),
      connected: () => client !== undefined,
    },
    calls,
    callsTo: (method) => calls.filter((c) => c.method === method),
    failNext: (method, error, times = 1) => failures.set(method, { error, times }),
    failHttp: (method, status, times = 1, retryAfter) => httpFailures.set(method, { status, times, retryAfter }),
    close: () =>
      new Promise((resolve) => {
        for (const c of wss.clients) c.terminate();
        wss.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return api;
}
