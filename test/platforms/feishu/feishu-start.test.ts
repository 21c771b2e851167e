import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/base/logging/logger.ts';
import { createInbound } from '../../../src/core/inbound/inbound-pipeline.ts';
import { platformSenders } from '../../../src/core/inbound/platform-senders.ts';
import type { Store } from '../../../src/core/ports/store.ts';
import { createFeishuAdapter } from '../../../src/platforms/feishu/feishu-adapter.ts';
import { FEISHU_DEFAULTS } from '../../../src/platforms/feishu/feishu-events.ts';
import { type FakeFeishuApi, startFakeFeishuApi } from '../../fakes/fake-feishu-api.ts';
import { migratedStore } from '../../helpers/migrated-store.ts';
import { sqliteTestDatabase } from '../../helpers/test-databases.ts';

const database = sqliteTestDatabase();
let fake: FakeFeishuApi;
let store: Store;
beforeAll(async () => {
  fake = await startFakeFeishuApi();
  store = await migratedStore(database);
});
afterAll(async () => {
  await fake.close();
  await store.close();
  await database.drop();
});

// Each case its own app id: the SDK caches tenant tokens per app for the whole process.
const adapter = (appId: string, mode: 'ws' | 'webhook' = 'webhook', slashCommands = false) =>
  createFeishuAdapter(
    { appId, appSecret: 's', encryptKey: 'k', verificationToken: 't', domain: fake.url, mode, slashCommands },
    {
      inbound: createInbound({ platform: 'feishu', store, logger: silentLogger, defaults: FEISHU_DEFAULTS, ackBudgetMs: 2000 }),
      logger: silentLogger,
      maxBodyBytes: 1024,
      installations: store.installations,
    },
  );

describe('starting the Feishu adapter', () => {
  it('checks the credentials at start: a wrong App Secret stops it with Feishu’s message', async () => {
    fake.fail('auth.tenant_access_token', { status: 400, code: 10014, msg: 'app secret invalid' });
    await expect(adapter('cli_start000000000001').start()).rejects.toThrow();
  });

  it('stops when the app has no bot (bot/v3/info refuses)', async () => {
    fake.fail('bot.info', { status: 400, code: 99991672, msg: 'Access denied. One of the following scopes is required' });
    await expect(adapter('cli_start000000000002').start()).rejects.toThrow();
  });

  it('refuses the long connection for an App ID the SDK would silently ignore', async () => {
    await expect(adapter('cli_not-hex-at-all!', 'ws').start()).rejects.toThrow(/is not cli_ followed by 16 hexadecimal characters/);
  });

  it('starts with working credentials and knows no Feishu workspace for another platform’s id', async () => {
    const a = adapter('cli_start000000000003');
    await a.start();
    const slack = await store.workspaces.ensure({ platform: 'slack', externalId: 'T1', name: 'x', timezone: 'UTC', locale: 'en' });
    const feishu = await store.workspaces.ensure({ platform: 'feishu', externalId: 'tk', name: 'x', timezone: 'UTC', locale: 'en' });
    const senderFor = platformSenders(store, [a]);
    expect(await senderFor(slack.id)).toBeUndefined();
    expect(await senderFor(feishu.id)).toBeDefined();
    await a.stop();
  });

  it('registers the commands in Feishu’s "/" panel when FEISHU_SLASH_COMMANDS is on, once, in both languages', async () => {
    await adapter('cli_start000000000005').start();
    expect(fake.slashCommands).toEqual([]);
    await adapter('cli_start000000000006', 'webhook', true).start();
    expect(fake.slashCommands.map((c) => c.command)).toEqual(['roi', 'retention', 'kpi', 'alerts', 'growth']);
    expect(fake.slashCommands[0]?.description).toEqual({
      default_value: '/roi [渠道|all] [周期]',
      i18n: { zh_cn: '/roi [渠道|all] [周期]', en_us: '/roi [channel|all] [period]' },
    });
    await adapter('cli_start000000000007', 'webhook', true).start();
    expect(fake.callsTo('slash_command.create')).toHaveLength(5);
    expect(fake.callsTo('slash_command.patch')).toHaveLength(0);
  });

  it('still starts when the app lacks the slash command scopes', async () => {
    fake.fail('slash_command.list', { status: 400, code: 99991672, msg: 'Access denied: application:app_slash_command:read' });
    await expect(adapter('cli_start000000000008', 'webhook', true).start()).resolves.toBeUndefined();
  });
});
