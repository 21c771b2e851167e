// The long connection (FEISHU_MODE=ws, the default): Feishu pushes events over a WebSocket the SDK's
// WSClient opens, so no public URL is needed. A thin wrapper: the SDK's EventDispatcher hands each event
// to the same handlers as the webhook; a card action's answer goes back over the socket.
import * as lark from '@larksuiteoapi/node-sdk';
import type { Logger } from '../../base/logging/logger.ts';
import { larkDomain } from './feishu-client.ts';
import { type EventAnswer, type FeishuEnvelope, HANDLED_EVENTS } from './feishu-events.ts';
import { larkLogger } from './lark-logger.ts';

/** The dispatcher passes events flattened (header and event fields merged): rebuild the envelope. */
export function envelopeOf(data: Record<string, unknown>): FeishuEnvelope {
  const s = (k: string) => (typeof data[k] === 'string' ? (data[k] as string) : undefined);
  return {
    schema: '2.0',
    header: { event_id: s('event_id'), event_type: s('event_type'), tenant_key: s('tenant_key'), app_id: s('app_id') },
    event: data,
  };
}

export interface LongConnectionOptions {
  encryptKey?: string;
  verificationToken?: string;
  logger: Logger;
  handle(envelope: FeishuEnvelope): Promise<EventAnswer>;
}

/** An EventDispatcher with our handlers registered for every event type we handle. */
export function createFeishuDispatcher(options: LongConnectionOptions): lark.EventDispatcher {
  const handle = (data: Record<string, unknown>) => options.handle(envelopeOf(data));
  return new lark.EventDispatcher({
    encryptKey: options.encryptKey,
    verificationToken: options.verificationToken,
    logger: larkLogger(options.logger),
    loggerLevel: lark.LoggerLevel.warn,
  }).register(Object.fromEntries(HANDLED_EVENTS.map((type) => [type, handle])));
}

/** WSClient.start() does nothing (and says so only in its log) unless the App ID has this shape. */
export const WS_APP_ID = /^cli_[0-9a-fA-F]{16}$/;

/** Opens the long connection (the SDK reconnects by itself); `close()` ends it. */
export async function startLongConnection(
  credentials: { appId: string; appSecret: string; domain: string },
  dispatcher: lark.EventDispatcher,
  logger: Logger,
): Promise<{ close(): void }> {
  if (!WS_APP_ID.test(credentials.appId))
    throw new Error(`the App ID "${credentials.appId}" is not cli_ followed by 16 hexadecimal characters, so no long connection can open`);
  const client = new lark.WSClient({
    appId: credentials.appId,
    appSecret: credentials.appSecret,
    domain: larkDomain(credentials.domain),
    logger: larkLogger(logger),
    loggerLevel: lark.LoggerLevel.warn,
    onReady: () => logger.info('feishu long connection ready'),
    onReconnected: () => logger.info('feishu long connection restored'),
    onError: (error: Error) => logger.error('feishu long connection gave up', { error }),
  });
  await client.start({ eventDispatcher: dispatcher });
  return { close: () => client.close() };
}
