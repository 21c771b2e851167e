// Feishu's long connection, as @larksuiteoapi/node-sdk's WSClient speaks it (read from the SDK's lib/index.js,
// 1.74): POST {domain}/callback/ws/endpoint with { AppID, AppSecret } answers { code: 0, data: { URL,
// ClientConfig } }; the client opens a WebSocket to URL (device_id and service_id in its query) and
// exchanges protobuf `pbbp2.Frame`s: SeqID=1, LogID=2 (uint64), service=3, method=4 (int32: 0 control, 1
// data), headers=5 (Header { key=1, value=2 }), payloadEncoding=6, payloadType=7, payload=8 (bytes),
// LogIDNew=9. A control frame with header type=ping is answered with type=pong and the ClientConfig as
// JSON; an event is a data frame with headers type=event, message_id, sum, seq, trace_id and the event's
// JSON as payload (split over `sum` frames when long); the client answers each with the same frame, a
// biz_rt header added and { code, data: base64(JSON of the handler's answer) } as payload.
import type { IncomingMessage, Server } from 'node:http';
import { type WebSocket, WebSocketServer } from 'ws';

export interface Frame {
  SeqID: number;
  LogID: number;
  service: number;
  method: number;
  headers: { key: string; value: string }[];
  payload?: Uint8Array;
}

// ── the protobuf wire format, for the one message it needs ──────────────────────────────────────────────

function varint(n: number): number[] {
  const out: number[] = [];
  let v = n;
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
  return out;
}

const field = (id: number, wire: number) => varint(id * 8 + wire);
const bytesField = (id: number, data: Uint8Array) => [...field(id, 2), ...varint(data.length), ...data];
const stringField = (id: number, s: string) => bytesField(id, new TextEncoder().encode(s));

export function encodeFrame(f: Frame): Uint8Array {
  const out = [
    ...field(1, 0),
    ...varint(f.SeqID),
    ...field(2, 0),
    ...varint(f.LogID),
    ...field(3, 0),
    ...varint(f.service),
    ...field(4, 0),
    ...varint(f.method),
  ];
  for (const h of f.headers) out.push(...bytesField(5, new Uint8Array([...stringField(1, h.key), ...stringField(2, h.value)])));
  if (f.payload) out.push(...bytesField(8, f.payload));
  return new Uint8Array(out);
}

/** Each field of a message: its number and its varint value or its bytes. */
function* fields(buf: Uint8Array): Generator<[number, number | Uint8Array]> {
  let i = 0;
  const read = () => {
    let n = 0;
    let scale = 1;
    for (;;) {
      const b = buf[i++] as number;
      n += (b & 0x7f) * scale;
      if (b < 0x80) return n;
      scale *= 0x80;
    }
  };
  while (i < buf.length) {
    const tag = read();
    const wire = tag % 8;
    if (wire === 0) yield [Math.floor(tag / 8), read()];
    else if (wire === 2) {
      const length = read();
      yield [Math.floor(tag / 8), buf.subarray(i, i + length)];
      i += length;
    } else throw new Error(`wire type ${wire} is not in pbbp2.Frame`);
  }
}

export function decodeFrame(buf: Uint8Array): Frame {
  const frame: Frame = { SeqID: 0, LogID: 0, service: 0, method: 0, headers: [] };
  const text = (b: number | Uint8Array) => new TextDecoder().decode(b as Uint8Array);
  for (const [id, v] of fields(buf)) {
    if (id === 1) frame.SeqID = v as number;
    else if (id === 2) frame.LogID = v as number;
    else if (id === 3) frame.service = v as number;
    else if (id === 4) frame.method = v as number;
    else if (id === 5) {
      const h = { key: '', value: '' };
      for (const [hid, hv] of fields(v as Uint8Array)) h[hid === 1 ? 'key' : 'value'] = text(hv);
      frame.headers.push(h);
    } else if (id === 8) frame.payload = new Uint8Array(v as Uint8Array);
  }
  return frame;
}

export const header = (f: Frame, key: string) => f.headers.find((h) => h.key === key)?.value;

// ── the server side ────────────────────────────────────────────────────────────────────────────────────

const SERVICE_ID = 33554678;
/** Seconds, as Feishu's ClientConfig gives them; long, so no ping or reconnect timer fires during a test. */
const CLIENT_CONFIG = { PingInterval: 120, ReconnectCount: -1, ReconnectInterval: 120, ReconnectNonce: 30 };

export interface FakeLongConnection {
  /** The endpoint requests the SDK made ({ AppID, AppSecret }). */
  endpointRequests: Record<string, unknown>[];
  /** Pings received (each answered with a pong). */
  pings: number;
  /** Resolves once a client is connected (after its first ping). */
  connected(): Promise<void>;
  /**
   * Pushes an event as Feishu does, in `parts` data frames (sum/seq), and resolves with the client's answer
   * frame: its code and the handler's answer decoded.
   */
  push(event: unknown, parts?: number): Promise<{ code: number; answer?: unknown; frame: Frame }>;
  close(): void;
}

/** The endpoint's answer to POST /callback/ws/endpoint (wrong credentials: Feishu's 514 auth_failed). */
export function endpointAnswer(
  body: Record<string, unknown>,
  credentials: { appId: string; appSecret: string },
  wsUrl: string,
): Record<string, unknown> {
  if (body.AppID !== credentials.appId || body.AppSecret !== credentials.appSecret) return { code: 514, msg: 'auth failed', data: {} };
  return {
    code: 0,
    msg: 'ok',
    data: { URL: `${wsUrl}?fpid=493&device_id=fake-device&service_id=${SERVICE_ID}`, ClientConfig: CLIENT_CONFIG },
  };
}

/** The WebSocket side of the long connection, on the fake Open API's HTTP server at /ws/v2. */
export function attachLongConnection(server: Server): FakeLongConnection {
  const wss = new WebSocketServer({ server, path: '/ws/v2' });
  let client: WebSocket | undefined;
  let ready: () => void = () => {};
  let isReady = new Promise<void>((r) => {
    ready = r;
  });
  const waiting = new Map<string, (frame: Frame) => void>();
  let seq = 0;
  const conn: FakeLongConnection = {
    endpointRequests: [],
    pings: 0,
    connected: () => isReady,
    push(event, parts = 1) {
      if (!client) throw new Error('no long connection is open');
      const messageId = `msg_${++seq}`;
      const bytes = new TextEncoder().encode(JSON.stringify(event));
      const size = Math.ceil(bytes.length / parts);
      const answered = new Promise<Frame>((resolve) => waiting.set(messageId, resolve));
      for (let i = 0; i < parts; i++)
        client.send(
          encodeFrame({
            SeqID: seq,
            LogID: seq,
            service: SERVICE_ID,
            method: 1,
            headers: [
              { key: 'type', value: 'event' },
              { key: 'message_id', value: messageId },
              { key: 'sum', value: String(parts) },
              { key: 'seq', value: String(i) },
              { key: 'trace_id', value: `trace_${seq}` },
            ],
            payload: bytes.subarray(i * size, (i + 1) * size),
          }),
        );
      return answered.then((frame) => {
        const body = JSON.parse(new TextDecoder().decode(frame.payload)) as { code: number; data?: string };
        return {
          code: body.code,
          answer: body.data ? JSON.parse(Buffer.from(body.data, 'base64').toString('utf8')) : undefined,
          frame,
        };
      });
    },
    close() {
      for (const c of wss.clients) c.terminate();
      wss.close();
    },
  };
  wss.on('connection', (ws: WebSocket, req: IncomingMessage) => {
    const query = new URL(req.url ?? '/', 'http://fake').searchParams;
    if (query.get('device_id') !== 'fake-device') return ws.close(1008, 'unknown device');
    client = ws;
    ws.on('message', (data: Buffer) => {
      const frame = decodeFrame(new Uint8Array(data));
      if (frame.method === 0 && header(frame, 'type') === 'ping') {
        conn.pings++;
        ws.send(
          encodeFrame({
            ...frame,
            headers: [{ key: 'type', value: 'pong' }],
            payload: new TextEncoder().encode(JSON.stringify(CLIENT_CONFIG)),
          }),
        );
        ready();
      } else if (frame.method === 1) waiting.get(header(frame, 'message_id') ?? '')?.(frame);
    });
    ws.on('close', () => {
      if (client === ws) client = undefined;
      isReady = new Promise<void>((r) => {
        ready = r;
      });
    });
  });
  return conn;
}
