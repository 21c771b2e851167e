import { beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../src/core/commands/run-command.ts';
import type { Store } from '../../src/core/ports/store.ts';
import { createJobs } from '../../src/jobs/job-registry.ts';
import type { FakeSlackApi } from '../fakes/fake-slack-api.ts';
import { seedMeetingTeam } from '../helpers/meeting-fixture.ts';
import { useProviderStore } from '../helpers/provider-store.ts';
import { slackJobRun } from '../helpers/slack-job-run.ts';
import { PROVIDERS } from '../helpers/test-databases.ts';

for (const provider of PROVIDERS) {
  describe(`the due-day reminder of actions on ${provider.kind}`, () => {
    const env = useProviderStore(provider, { slack: true });
    let store: Store;
    let fake: FakeSlackApi;
    beforeAll(() => {
      ({ store, fake } = env);
    });

    it('reminds the owner once on the due day, not before, not for a closed action, and again on a new day', async (ctx) => {
      if (env.skip) return ctx.skip();
      // Monday 30 Nov 2026 in Shanghai: actions are added for Friday 4 Dec.
      const team = await seedMeetingTeam(store, new Date('2026-11-30T02:00:00Z'));
      const ws = team.workspace;
      await store.members.ensure(ws.id, 'UBOB', { displayName: 'bob' });
      await store.workspaces.update(ws.id, { settings: { digest: { channel: 'CGROWTH' } } });
      const say = (text: string, now = team.now) => runCommand({ ...team, now }, '/growth', text);
      await say('action add swap douyin creatives owner @bob due 2026-12-04');
      await say('action add check sem bids owner @alice due 2026-12-04');
      await say('action add review budget owner @bob due 2026-12-04');
      await say('action done 2');

      const jobs = createJobs({ store });
      const { replicas, clock, deliver, postsTo } = slackJobRun(store, fake, jobs, new Date('2026-12-04T00:00:00Z'));
      const pass = async (at: string) => {
        clock.now = new Date(at);
        await Promise.all(replicas.map((r) => r.catchUp(clock.now)));
        await deliver();
      };
      await Promise.all(replicas.map((r) => r.start()));
      try {
        // The meeting loop is set up (a digest channel) but alerts are not: the pass is still scheduled.
        expect(
          replicas[0]
            ?.list()
            .filter((j) => j.workspaceId === ws.id && j.job === 'actions-remind')
            .map((j) => j.cron),
        ).toEqual(['*/5 * * * *']);
        // Thursday, and Friday 08:55 in Shanghai: not yet.
        await pass('2026-12-03T10:00:00Z');
        await pass('2026-12-04T00:55:00Z');
        expect(postsTo('UBOB')).toHaveLength(0);
        // Friday 09:05: bob gets one DM per open action of his; alice's is done.
        await pass('2026-12-04T01:05:00Z');
        await pass('2026-12-04T01:10:00Z');
        await pass('2026-12-04T08:00:00Z');
        expect(postsTo('UBOB').map((c) => String(c.body.text))).toEqual([
          '⏰ Action #1 is due today: swap douyin creatives',
          '⏰ Action #3 is due today: review budget',
        ]);
        const blocks = JSON.stringify(postsTo('UBOB')[0]?.body.blocks);
        expect(blocks).toContain('<@UBOB> ⏰ Action #1 is due today');
        expect(blocks).toContain('/growth action done 1');
        expect(postsTo('UALICE')).toHaveLength(0);
        // Saturday: nothing more (the digest flags it overdue).
        await pass('2026-12-05T02:00:00Z');
        expect(postsTo('UBOB')).toHaveLength(2);
        // Moved to Monday, action #1 is reminded on Monday.
        await say('action edit 1 due 2026-12-07', new Date('2026-12-05T02:00:00Z'));
        await pass('2026-12-07T01:30:00Z');
        expect(postsTo('UBOB')).toHaveLength(3);
        expect(String(postsTo('UBOB')[2]?.body.text)).toContain('Action #1 is due today');
      } finally {
        await Promise.all(replicas.map((r) => r.stop()));
      }
    });
  });
}
