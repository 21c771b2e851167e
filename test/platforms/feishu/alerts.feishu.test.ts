// The alert scenarios with the real lark.Client against the fake Feishu Open API: cards posted, patched
// and replied to in their thread, exactly as on Slack.
import { silentLogger } from '../../../src/base/logging/logger.ts';
import { createLarkClient } from '../../../src/platforms/feishu/feishu-client.ts';
import { createFeishuSender } from '../../../src/platforms/feishu/feishu-sender.ts';
import { type AlertPlatformDriver, alertScenarios, type DeliveredMessage } from '../../core/alerts.scenarios.ts';
import { startFakeFeishuApi } from '../../fakes/fake-feishu-api.ts';

const feishu: AlertPlatformDriver = {
  platform: 'feishu',
  mentionOf: (userId) => `<at id=${userId}></at>`,
  async start() {
    const fake = await startFakeFeishuApi();
    const client = createLarkClient({ appId: 'cli_alerts0000000001', appSecret: 's', domain: fake.url }, silentLogger);
    return {
      sender: createFeishuSender(client, { locale: 'en' }),
      delivered(): DeliveredMessage[] {
        return fake.calls.flatMap((c): DeliveredMessage[] => {
          const body = String(c.body.content ?? '');
          const id = c.path.match(/\/messages\/([^/]+)/)?.[1] ?? '';
          if (c.route === 'im.message.create') {
            const sent = fake.messages.find((m) => m.uuid === c.body.uuid);
            return sent ? [{ kind: 'post', channel: String(c.body.receive_id), ref: sent.message_id, body }] : [];
          }
          if (c.route === 'im.message.reply')
            return [{ kind: 'reply', channel: fake.messages.find((m) => m.message_id === id)?.chat_id ?? '', ref: id, body }];
          if (c.route === 'im.message.patch')
            return [{ kind: 'update', channel: fake.messages.find((m) => m.message_id === id)?.chat_id ?? '', ref: id, body }];
          return [];
        });
      },
      close: () => fake.close(),
    };
  },
};

alertScenarios(feishu);
