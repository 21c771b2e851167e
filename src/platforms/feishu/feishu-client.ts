import * as lark from '@larksuiteoapi/node-sdk';
import type { Logger } from '../../logging/logger.ts';
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
