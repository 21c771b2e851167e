// A local stand-in for Feishu's Open API: the tenant token, message create / reply / patch, image upload
// (recording the image_keys it hands out) and cards only one member sees (ephemeral/v1/send), answering as
// Feishu documents them and recording every call. Every card is checked against card JSON 2.0
// (outbound-validator.ts): a violation is refused with 230099 and kept in `violations`. The real
// lark.Client is pointed at it through `domain`. Sends honour `uuid` like Feishu: one message per uuid.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { attachLongConnection, endpointAnswer, type FakeLongConnection } from './fake-feishu-ws.ts';
import { feishuCardViolations } from './outbound-validator.ts';

export type FeishuRoute =
  | 'auth.tenant_access_token'
  | 'bot.info'
  | 'slash_command.list'
  | 'slash_command.create'
  | 'slash_command.patch'
  | 'im.message.create'
  | 'im.message.reply'
  | 'im.message.patch'
  | 'im.image.create'
  | 'ephemeral.send'
  | 'ws.endpoint';

export interface FeishuCall {
  route: FeishuRoute | 'unknown';
  method: string;
  path: string;
  query: Record<string, string>;
  body: Record<string, unknown>;
  headers: IncomingMessage['headers'];
  /** Multipart uploads: the size of the file part in bytes. */
  fileBytes?: number;
}

export interface FakeMessage {
  message_id: string;
  chat_id: string;
  msg_type: string;
  content: string;
  uuid?: string;
  parent_id?: string;
  /** Every card content this message has had (patches appended). */
  history: string[];
}

export interface FakeEphemeral {
  message_id: string;
  chat_id: string;
  open_id: string;
  card: Record<string, unknown>;
}

export interface FakeFeishuApi {
  /** The base URL to pass as FEISHU_DOMAIN / the client's domain. */
  url: string;
  calls: FeishuCall[];
  callsTo(route: FeishuRoute): FeishuCall[];
  /** Messages that exist (uuid repeats do not create new ones), oldest first. */
  messages: FakeMessage[];
  /** The next `times` calls of a route fail: HTTP status with a Feishu code (400 + 230002, 429 + 99991400, 500 …). */
  fail(route: FeishuRoute, failure: { status: number; code?: number; msg?: string; resetSeconds?: number }, times?: number): void;
  /** Feishu acts first, then answers this late (a slow network: a client that times out has still posted). */
  delayMs: number;
  /** The app's registered slash commands, as the command panel shows them. */
  slashCommands: { command_id: string; command: string; description: unknown }[];
  /** Cards sent with ephemeral/v1/send: in a group, seen by `open_id` alone. */
  ephemerals: FakeEphemeral[];
  /** The long connection (FEISHU_MODE=ws): the endpoint the SDK's WSClient asks, and the socket it opens. */
  longConnection: FakeLongConnection;
  /** Every way a card sent here breaks card JSON 2.0 or Feishu's markdown (empty when all were valid). */
  violations: string[];
  /** Every image_key im/v1/images handed out, in order: the only keys a card's img may name. */
  imageKeys: string[];
  /** A message a user wrote (the bot can reply to it): Feishu knows it, the fake has to be told. */
  userMessage(messageId: string, chatId: string): void;
  close(): Promise<void>;
}

const APP = 'cli_a1b2c3d4e5f60718';
/** The App Secret the harnesses use; the long connection's endpoint checks it as Feishu does. */
const APP_SECRET = 'fake-app-secret';
/** The bot's open_id, as bot/v3/info reports it (the first mention of the group fixture). */
export const BOT_OPEN_ID = 'ou_b0731a8c6c9e4c6e8a8f1e7f0c3d2a11';

async function readRaw(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** The size of the `image` part of a multipart body, and its text fields. */
function multipart(raw: Buffer, type: string): { fields: Record<string, string>; fileBytes: number } {
  const boundary = /boundary=([^;]+)/.exec(type)?.[1];
  const fields: Record<string, string> = {};
  let fileBytes = 0;
  if (!boundary) return { fields, fileBytes };
  const text = raw.toString('latin1');
  for (const part of text.split(`--${boundary}`)) {
    const name = /name="([^"]+)"/.exec(part)?.[1];
    const start = part.indexOf('\r\n\r\n');
    if (!name || start < 0) continue;
    const value = part.slice(start + 4, part.endsWith('\r\n') ? -2 : undefined);
    // A file part carries a Content-Type (axios sends Buffers without a filename).
    if (/filename=|\r\nContent-Type:/i.test(part.slice(0, start))) fileBytes = Buffer.byteLength(value, 'latin1');
    else fields[name] = value;
  }
  return { fields, fileBytes };
}

function routeOf(method: string, path: string): { route: FeishuRoute | 'unknown'; id?: string } {
  if (method === 'POST' && path === '/open-apis/auth/v3/tenant_access_token/internal') return { route: 'auth.tenant_access_token' };
  if (method === 'GET' && path === '/open-apis/bot/v3/info') return { route: 'bot.info' };
  if (path === '/open-apis/application/v7/app_slash_commands')
    return { route: method === 'GET' ? 'slash_command.list' : method === 'POST' ? 'slash_command.create' : 'unknown' };
  const slash = /^\/open-apis\/application\/v7\/app_slash_commands\/([^/]+)$/.exec(path);
  if (method === 'PATCH' && slash) return { route: 'slash_command.patch', id: slash[1] };
  if (method === 'POST' && path === '/open-apis/im/v1/messages') return { route: 'im.message.create' };
  if (method === 'POST' && path === '/open-apis/im/v1/images') return { route: 'im.image.create' };
  if (method === 'POST' && path === '/open-apis/ephemeral/v1/send') return { route: 'ephemeral.send' };
  if (method === 'POST' && path === '/callback/ws/endpoint') return { route: 'ws.endpoint' };
  const reply = /^\/open-apis\/im\/v1\/messages\/([^/]+)\/reply$/.exec(path);
  if (method === 'POST' && reply) return { route: 'im.message.reply', id: reply[1] };
  const patch = /^\/open-apis\/im\/v1\/messages\/([^/]+)$/.exec(path);
  if (method === 'PATCH' && patch) return { route: 'im.message.patch', id: patch[1] };
  return { route: 'unknown' };
}

export async function startFakeFeishuApi(): Promise<FakeFeishuApi> {
  const calls: FeishuCall[] = [];
  const messages: FakeMessage[] = [];
  const slashCommands: FakeFeishuApi['slashCommands'] = [];
  const imageKeys: string[] = [];
  const ephemerals: FakeEphemeral[] = [];
  const violations: string[] = [];
  /** A card's violations, recorded; Feishu refuses such a card (230099, "Failed to create card content"). */
  const badCard = (where: string, card: unknown): boolean => {
    const found = feishuCardViolations(card, new Set(imageKeys), where);
    violations.push(...found);
    return found.length > 0;
  };
  const badContent = (where: string, body: Record<string, unknown>) =>
    body.msg_type === 'interactive' && typeof body.content === 'string' && badCard(where, body.content);
  const refused: [number, Record<string, unknown>] = [400, { code: 230099, msg: 'Failed to create card content' }];
  const failures = new Map<FeishuRoute, { status: number; code?: number; msg?: string; resetSeconds?: number; times: number }>();
  let seq = 0;

  const messageData = (m: FakeMessage) => ({
    message_id: m.message_id,
    root_id: m.parent_id,
    parent_id: m.parent_id,
    msg_type: m.msg_type,
    create_time: String(Date.now()),
    update_time: String(Date.now()),
    deleted: false,
    updated: false,
    chat_id: m.chat_id,
    sender: { id: APP, id_type: 'app_id', sender_type: 'app', tenant_key: '2ca1d211f64f6438' },
    body: { content: m.content },
  });

  const send = (chatId: string, body: Record<string, unknown>, parentId?: string) => {
    const uuid = typeof body.uuid === 'string' ? body.uuid : undefined;
    const earlier = uuid ? messages.find((m) => m.uuid === uuid) : undefined;
    if (earlier) return earlier;
    const message: FakeMessage = {
      message_id: `om_${(++seq).toString(16).padStart(32, '0')}`,
      chat_id: chatId,
      msg_type: String(body.msg_type),
      content: String(body.content),
      uuid,
      parent_id: parentId,
      history: [String(body.content)],
    };
    messages.push(message);
    return message;
  };

  const answer = (route: FeishuRoute | 'unknown', id: string | undefined, call: FeishuCall): [number, Record<string, unknown>] => {
    switch (route) {
      case 'auth.tenant_access_token':
        return [200, { code: 0, msg: 'ok', tenant_access_token: 't-fake-tenant-token', expire: 7200 }];
      case 'bot.info':
        return [200, { code: 0, msg: 'ok', bot: { activate_status: 2, app_name: 'Growthbeat', ip_white_list: [], open_id: BOT_OPEN_ID } }];
      case 'slash_command.list':
        return [200, { code: 0, msg: 'success', data: { items: slashCommands, has_more: false } }];
      case 'slash_command.create': {
        if (slashCommands.some((c) => c.command === call.body.command)) return [400, { code: 40000030, msg: 'command already exists' }];
        const created = { command_id: `sc_${++seq}`, command: String(call.body.command), description: call.body.description };
        slashCommands.push(created);
        return [200, { code: 0, msg: 'success', data: created }];
      }
      case 'slash_command.patch': {
        const found = slashCommands.find((c) => c.command_id === id);
        if (!found) return [404, { code: 40400001, msg: 'command not found' }];
        found.description = call.body.description;
        return [200, { code: 0, msg: 'success', data: found }];
      }
      case 'im.message.create':
        // As Feishu: a person's open_id (ou_…) is sent to as open_id, never as a chat_id.
        if (!['chat_id', 'open_id'].includes(String(call.query.receive_id_type)))
          return [400, { code: 230001, msg: 'invalid receive_id_type' }];
        if (String(call.body.receive_id).startsWith('ou_') !== (call.query.receive_id_type === 'open_id'))
          return [400, { code: 230001, msg: 'invalid receive_id' }];
        if (badContent(route, call.body)) return refused;
        return [200, { code: 0, msg: 'success', data: messageData(send(String(call.body.receive_id), call.body)) }];
      case 'im.message.reply': {
        const parent = messages.find((m) => m.message_id === id);
        if (!parent) return [400, { code: 230011, msg: 'The message is not found' }];
        if (badContent(route, call.body)) return refused;
        return [200, { code: 0, msg: 'success', data: messageData(send(parent.chat_id, call.body, parent.message_id)) }];
      }
      case 'im.message.patch': {
        const target = messages.find((m) => m.message_id === id);
        if (!target) return [400, { code: 231003, msg: 'The message is not found' }];
        if (typeof call.body.content === 'string' && badCard(route, call.body.content)) return refused;
        target.content = String(call.body.content);
        target.history.push(target.content);
        return [200, { code: 0, msg: 'success', data: {} }];
      }
      case 'im.image.create': {
        if (!call.fileBytes) return [400, { code: 234001, msg: 'Invalid request param: image' }];
        if (call.body.image_type !== 'message') return [400, { code: 234001, msg: 'Invalid request param: image_type' }];
        const imageKey = `img_v3_${(++seq).toString(16).padStart(8, '0')}`;
        imageKeys.push(imageKey);
        return [200, { code: 0, msg: 'success', data: { image_key: imageKey } }];
      }
      case 'ephemeral.send': {
        // As documented: a group chat the bot is in, one recipient (open_id, user_id or email), an interactive card object.
        const b = call.body;
        if (typeof b.chat_id !== 'string' || !b.chat_id.startsWith('oc_')) return [400, { code: 10002, msg: 'chat_id is invalid' }];
        if (typeof b.open_id !== 'string' || !b.open_id.startsWith('ou_')) return [400, { code: 10002, msg: 'open_id is invalid' }];
        if (b.msg_type !== 'interactive' || !b.card || typeof b.card !== 'object')
          return [400, { code: 10002, msg: 'msg_type must be interactive with a card object' }];
        if (badCard(route, b.card)) return refused;
        const sent = { message_id: `om_${(++seq).toString(16).padStart(32, '0')}`, chat_id: b.chat_id, open_id: b.open_id };
        ephemerals.push({ ...sent, card: b.card as Record<string, unknown> });
        return [200, { code: 0, msg: 'ok', data: { message_id: sent.message_id } }];
      }
      case 'ws.endpoint':
        longConnection.endpointRequests.push(call.body);
        return [200, endpointAnswer(call.body, { appId: APP, appSecret: APP_SECRET }, `${api.url.replace('http', 'ws')}/ws/v2`)];
      default:
        return [404, { code: 404, msg: 'not found' }];
    }
  };

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const method = req.method ?? 'GET';
    const { route, id } = routeOf(method, url.pathname);
    const raw = await readRaw(req);
    const type = req.headers['content-type'] ?? '';
    let body: Record<string, unknown> = {};
    let fileBytes: number | undefined;
    if (type.includes('multipart/form-data')) {
      const parts = multipart(raw, type);
      body = parts.fields;
      fileBytes = parts.fileBytes;
    } else if (raw.length) {
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        body = { raw: raw.toString('utf8').slice(0, 200) };
      }
    }
    const call: FeishuCall = {
      route,
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body,
      headers: req.headers,
      fileBytes,
    };
    calls.push(call);
    const failure = route === 'unknown' ? undefined : failures.get(route);
    if (failure && failure.times > 0) {
      failure.times--;
      res.writeHead(failure.status, {
        'content-type': 'application/json',
        ...(failure.resetSeconds !== undefined ? { 'x-ogw-ratelimit-reset': String(failure.resetSeconds) } : {}),
      });
      res.end(JSON.stringify({ code: failure.code ?? 99991000 + failure.status, msg: failure.msg ?? `injected ${failure.status}` }));
      return;
    }
    if (route !== 'auth.tenant_access_token' && route !== 'ws.endpoint' && req.headers.authorization !== 'Bearer t-fake-tenant-token') {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: 99991663, msg: 'Invalid access token for authorization' }));
      return;
    }
    const [status, result] = answer(route, id, call);
    if (api.delayMs > 0) await new Promise((r) => setTimeout(r, api.delayMs));
    if (res.destroyed) return;
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(result));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const longConnection = attachLongConnection(server);
  const api: FakeFeishuApi = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    callsTo: (route) => calls.filter((c) => c.route === route),
    messages,
    slashCommands,
    imageKeys,
    ephemerals,
    violations,
    longConnection,
    delayMs: 0,
    fail: (route, failure, times = 1) => failures.set(route, { ...failure, times }),
    userMessage: (messageId, chatId) => {
      messages.push({ message_id: messageId, chat_id: chatId, msg_type: 'text', content: '{}', history: [] });
    },
    close: () =>
      new Promise((resolve) => {
        longConnection.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return api;
}

/** Every piece of text in a card's JSON (markdown, titles, table cells, button labels), one per line. */
export function cardText(content: string | Record<string, unknown>): string {
  const card = typeof content === 'string' ? JSON.parse(content) : content;
  const out: string[] = [];
  const walk = (node: unknown, key = ''): void => {
    if (typeof node === 'string') {
      if (['content', 'display_name'].includes(key) || /^c\d+$/.test(key)) out.push(node);
      return;
    }
    if (Array.isArray(node)) for (const n of node) walk(n, key);
    else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) if (k !== 'behaviors') walk(v, k);
  };
  walk(card);
  return out.join('\n');
}

/** The img_key of every img element in a card, in order. */
export function cardImages(content: string | Record<string, unknown>): string[] {
  const keys: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) for (const n of node) walk(n);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.tag === 'img' && typeof o.img_key === 'string') keys.push(o.img_key);
      for (const v of Object.values(o)) walk(v);
    }
  };
  walk(typeof content === 'string' ? JSON.parse(content) : content);
  return keys;
}
