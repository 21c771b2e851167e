import * as lark from '@larksuiteoapi/node-sdk';
import type { Logger } from '../../base/logging/logger.ts';
import { larkLogger } from './lark-logger.ts';

/** FEISHU_DOMAIN as the SDK takes it: feishu, lark, or a base URL (a private deployment, a test fake). */
export function larkDomain(domain: string): lark.Domain | string {
  if (domain === 'feishu') return lark.Domain.Feishu;
  if (domain === 'lark') return lark.Domain.Lark;
  return domain.replace(/\/+$/, '');
}

export interface FeishuCredentials {
  appId: string;
  appSecret: string;
  domain: string;
}

/** The real Open API client; the SDK fetches and refreshes the tenant access token itself. */
export function createLarkClient(credentials: FeishuCredentials, logger: Logger): lark.Client {
  return new lark.Client({
    appId: credentials.appId,
    appSecret: credentials.appSecret,
    appType: lark.AppType.SelfBuild,
    domain: larkDomain(credentials.domain),
    logger: larkLogger(logger),
    loggerLevel: lark.LoggerLevel.warn,
  });
}

/**
 * The bot's open_id (GET /open-apis/bot/v3/info). It also proves the credentials work: a wrong App
 * Secret, a disabled app or an app without the bot feature fails here, at start, with Feishu's message.
 */
export async function fetchBotOpenId(client: lark.Client): Promise<string> {
  const res = (await client.request({ method: 'GET', url: '/open-apis/bot/v3/info' })) as {
    code?: number;
    msg?: string;
    bot?: { open_id?: string };
  };
  if (res?.code !== 0 || !res.bot?.open_id) throw new Error(`bot/v3/info answered ${res?.code}: ${res?.msg ?? 'no bot'}`);
  return res.bot.open_id;
}
