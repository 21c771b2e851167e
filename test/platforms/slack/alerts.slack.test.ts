// The alert scenarios with the real Slack WebClient against the fake Slack API.
import { webApi } from '@slack/bolt';
import { createSlackSender } from '../../../src/platforms/slack/slack-sender.ts';
import { type AlertPlatformDriver, alertScenarios, type DeliveredMessage } from '../../core/alerts.scenarios.ts';
import { startFakeSlackApi } from '../../fakes/fake-slack-api.ts';

const slack: AlertPlatformDriver = {
  platform: 'slack',
  mentionOf: (userId) => `<@${userId}>`,
  async start() {
    const fake = await startFakeSlackApi();
    const client = new webApi.WebClient('xoxb-alerts', {
      slackApiUrl: fake.apiUrl,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
    });
    return {
      sender: createSlackSender(client),
      delivered(): DeliveredMessage[] {
        return fake.calls.flatMap((c): DeliveredMessage[] => {
          if (c.method === 'chat.postMessage' && c.response?.ok) {
            const thread = c.body.thread_ts as string | undefined;
            return [
              {
                kind: thread ? 'reply' : 'post',
                channel: String(c.body.channel),
                ref: thread ?? String(c.response.ts),
                body: JSON.stringify(c.body),
              },
            ];
          }
          if (c.method === 'chat.update' && c.response?.ok)
            return [{ kind: 'update', channel: String(c.body.channel), ref: String(c.body.ts), body: JSON.stringify(c.body) }];
          return [];
        });
      },
      close: () => fake.close(),
    };
  },
};

alertScenarios(slack);
