// A scheduled digest, end to end below the process: two schedulers race on Wednesday 14:00's slot, the
// outbox relay delivers through the real WebClient to the fake Slack API; the digest arrives once, with
// the right numbers, its charts in its thread, and a direct message to each manager.
import { webApi } from '@slack/bolt';
import { beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/base/logging/logger.ts';
import { createChartRenderer } from '../../src/charts/vega-chart.renderer.ts';
import { chartPng } from '../../src/core/delivery/chart-pictures.ts';
import { createOutboxRelay } from '../../src/core/delivery/outbox-relay.ts';
import type { Store } from '../../src/core/ports/store.ts';
import type { View } from '../../src/core/views/view.ts';
import { createJobs } from '../../src/jobs/job-registry.ts';
import { createScheduler } from '../../src/jobs/scheduler.ts';
import { createSlackSender } from '../../src/platforms/slack/slack-sender.ts';
import type { FakeSlackApi } from '../fakes/fake-slack-api.ts';
import { decodePng } from '../helpers/png-decode.ts';
import { useProviderStore } from '../helpers/provider-store.ts';
import { PROVIDERS } from '../helpers/test-databases.ts';
import { twoWeekRows, workspaceWith } from './digest-fixture.ts';

for (const provider of PROVIDERS) {
  describe(`the scheduled digest on ${provider.kind}`, () => {
    const env = useProviderStore(provider, { slack: true });
    let store: Store;
    let fake: FakeSlackApi;
    beforeAll(() => {
      ({ store, fake } = env);
    });

    it('arrives once in Slack when two replicas race on the slot, with its numbers, charts and DMs', async (ctx) => {
      if (env.skip) return ctx.skip();
      const ws = await workspaceWith(store, 'T0001', twoWeekRows(), {
        settings: { digest: { channel: 'CGROWTH', managers: ['UMGR1', 'UMGR2'] } },
      });
      // An unconfigured workspace (no channel) gets no digest.
      await workspaceWith(store, 'T0002', twoWeekRows());
      const jobs = createJobs({ store, charts: createChartRenderer() });
      const replicas = ['r1', 'r2'].map((replica) => createScheduler({ store, jobs, logger: silentLogger, replica }));
      await Promise.all(replicas.map((r) => r.start()));
      try {
        expect(
          replicas[0]
            ?.list()
            .filter((j) => j.job === 'digest')
            .map((j) => [j.job, j.workspaceId, j.cron, j.timezone]),
        ).toEqual([['digest', ws.id, '0 14 * * 3', 'Asia/Shanghai']]);
        // Wednesday 25 Nov 2026 15:00 in Shanghai: the 14:00 slot (06:00Z) is due; both replicas try it at once.
        const now = new Date('2026-11-25T07:00:00Z');
        const outcomes = await Promise.all(replicas.map((r) => r.catchUp(now)));
        // The digest's slot runs once (the check-in's reminder at 12:00 is caught up too, after it: it sends nothing).
        expect(outcomes.flat().filter((o) => o.ran && o.job === 'digest')).toHaveLength(1);
        // And again later (a restart, a second pass): nothing new.
        await replicas[1]?.catchUp(new Date('2026-11-25T08:00:00Z'));
      } finally {
        await Promise.all(replicas.map((r) => r.stop()));
      }
      expect((await store.jobSlots.lastRun('digest', ws.id))?.result).toBe(`queued digest:${ws.id}:2026-W47`);

      const client = new webApi.WebClient('xoxb-digest', { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });
      const relay = createOutboxRelay({
        outbox: store.outbox,
        senderFor: async () => createSlackSender(client),
        worker: 'relay',
        baseDelayMs: 0,
      });
      for (let i = 0; i < 5; i++) await relay.runOnce();

      const posts = fake.callsTo('chat.postMessage');
      const inChannel = posts.filter((c) => c.body.channel === 'CGROWTH');
      expect(inChannel).toHaveLength(1);
      expect(posts.filter((c) => c.body.channel === 'UMGR1')).toHaveLength(1);
      expect(posts.filter((c) => c.body.channel === 'UMGR2')).toHaveLength(1);
      expect(posts).toHaveLength(3);
      const digest = inChannel[0]?.body as { text: string; blocks: { fields?: { text: string }[]; text?: { text: string } }[] };
      expect(digest.text).toMatch(/^Weekly growth digest · 2026-W47 — /);
      // The numbers of twoWeekRows by hand: spend 10,500, ROI 40.0% (+6.7pp on 33.3%: a percentage moves in points), CAC 50.
      const fields = digest.blocks.flatMap((b) => b.fields ?? []).map((f) => f.text);
      expect(fields).toContain('*Spend*\n*CN¥10,500* · WoW ±0.0% · last week CN¥10,500');
      expect(fields).toContain('*ROI*\n*40.0%* · WoW +6.7pp ▲🟢 · last week 33.3%');
      expect(fields).toContain('*CAC*\n*CN¥50.00* · WoW +16.7% ▲🔴 · last week CN¥42.86');

      // Two charts in the channel post's thread; the managers' DMs point there.
      const completes = fake.callsTo('files.completeUploadExternal').map((c) => c.body);
      const channelTs = (await store.outbox.findByKey(`digest:${ws.id}:2026-W47`))?.platformMessageId;
      expect(completes.map((c) => [c.channel_id, c.thread_ts])).toEqual([
        ['CGROWTH', channelTs],
        ['CGROWTH', channelTs],
      ]);
      expect(fake.callsTo('files.getUploadURLExternal').map((c) => c.body.filename)).toEqual([
        'channel-roi-2026-W47.png',
        'retention-2026-W47.png',
      ]);
      const dm = posts.find((c) => c.body.channel === 'UMGR1')?.body as { blocks: { elements?: { text: string }[] }[] };
      expect(dm.blocks.flatMap((b) => b.elements ?? []).map((e) => e.text)).toContain(
        '📈 Charts are in the digest’s thread in CGROWTH: Channel ROI · last 2 weeks · Cohort retention curves · D1 / D7 / D30',
      );
      // What was uploaded is a real retina PNG, carried once: in the post, which the chart's image message names.
      const image = await store.outbox.findByKey(`digest:${ws.id}:2026-W47:chart:channel-roi`);
      expect(image?.payload).toEqual({ chart: 'channel-roi', filename: 'channel-roi-2026-W47.png', title: 'Channel ROI · last 2 weeks' });
      const post = await store.outbox.findByKey(`digest:${ws.id}:2026-W47`);
      const png = decodePng(chartPng(post?.payload as View, 'channel-roi') as Buffer);
      expect(png.width).toBeGreaterThan(1000);
      expect((await store.outbox.list({ state: 'sent', limit: 100 })).length).toBe(5);
    });
  });
}
