// Scheduled jobs as two replicas run them, below the process: two schedulers over one store driven by ticks
// (`catchUp(now)` with the test's clock), and a relay delivering through the real Slack WebClient to the fake
// Slack API on that same clock (a message is due at its slot).
import { webApi } from '@slack/bolt';
import { silentLogger } from '../../src/base/logging/logger.ts';
import { createOutboxRelay } from '../../src/core/delivery/outbox-relay.ts';
import type { Store } from '../../src/core/ports/store.ts';
import type { JobDefinition } from '../../src/jobs/scheduler.ts';
import { createScheduler } from '../../src/jobs/scheduler.ts';
import { createSlackSender } from '../../src/platforms/slack/slack-sender.ts';
import type { FakeSlackApi } from '../fakes/fake-slack-api.ts';

export function slackJobRun(store: Store, fake: FakeSlackApi, jobs: JobDefinition[], start: Date) {
  const replicas = ['r1', 'r2'].map((replica) => createScheduler({ store, jobs, logger: silentLogger, replica, ticks: true }));
  const client = new webApi.WebClient('xoxb-jobs', { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });
  const clock = { now: start };
  const relay = createOutboxRelay({
    outbox: store.outbox,
    senderFor: async () => createSlackSender(client),
    worker: 'relay',
    baseDelayMs: 0,
    now: () => clock.now,
  });
  return {
    replicas,
    /** The relay's time; moved by the test. */
    clock,
    /** Runs the relay until what is due is sent (three passes: a post, then its thread's replies). */
    async deliver() {
      for (let i = 0; i < 3; i++) await relay.runOnce();
    },
    postsTo: (channel: string) => fake.callsTo('chat.postMessage').filter((c) => c.body.channel === channel),
  };
}
