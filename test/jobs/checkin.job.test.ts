import { beforeAll, describe, expect, it } from 'vitest';
import { createAlertDigestSources } from '../../src/core/alerts/alert-digest-sources.ts';
import { runCommand } from '../../src/core/commands/run-command.ts';
import type { Store } from '../../src/core/ports/store.ts';
import { identifyCaller } from '../../src/core/workspace/identify.ts';
import { createJobs } from '../../src/jobs/job-registry.ts';
import type { FakeSlackApi } from '../fakes/fake-slack-api.ts';
import { newRule } from '../helpers/alert-rules.ts';
import { seedMeetingTeam } from '../helpers/meeting-fixture.ts';
import { useProviderStore } from '../helpers/provider-store.ts';
import { slackJobRun } from '../helpers/slack-job-run.ts';
import { PROVIDERS } from '../helpers/test-databases.ts';

for (const provider of PROVIDERS) {
  describe(`the check-in job on ${provider.kind}`, () => {
    const env = useProviderStore(provider, { slack: true });
    let store: Store;
    let fake: FakeSlackApi;
    beforeAll(() => {
      ({ store, fake } = env);
    });

    it('asks each owner (about an alert: whom it mentions) once per slot across two replicas, and reminds only those who have not answered', async (ctx) => {
      if (env.skip) return ctx.skip();
      // Tuesday 1 Dec 2026, 16:05 in Shanghai: the 16:00 check-in (08:00Z) is due; both replicas try it at once.
      const team = await seedMeetingTeam(store, new Date('2026-12-01T08:05:00Z'));
      const ws = team.workspace;
      const bob = await store.members.ensure(ws.id, 'UBOB', { displayName: 'bob' });
      await store.segments.setOwner(ws.id, 'douyin', team.member.id);
      await store.metrics.setOwner(ws.id, 'roi', bob.id, 'test');
      // A rule on each channel's ROI names carol for SEM, and its alert on SEM is open: carol is asked about SEM, not bob.
      const carol = await store.members.ensure(ws.id, 'UCAROL', { displayName: 'carol' });
      const rule = await store.alerts.createRule(
        newRule({
          workspaceId: ws.id,
          name: 'ROI low',
          metric: 'roi',
          scope: 'each',
          params: { type: 'threshold', op: 'below', value: 0.3, window: { kind: 'day' } },
          segmentOwners: { sem: [carol.id] },
        }),
      );
      await store.alerts.open({
        id: 'alert-sem-roi',
        workspaceId: ws.id,
        ruleId: rule.id,
        segment: 'sem',
        state: 'firing',
        value: 0.2,
        threshold: 0.3,
        detail: { metric: 'roi', trend: [], day: '2026-11-26' },
        firedAt: new Date('2026-11-27T01:00:00Z'),
        reminders: 0,
        recoveredStreak: 0,
      });
      await store.workspaces.update(ws.id, { settings: { digest: { channel: 'CGROWTH' } } });
      // A workspace without a digest channel has no check-in.
      await store.workspaces.ensure({ platform: 'slack', externalId: 'T9', name: 'quiet', timezone: 'Asia/Shanghai', locale: 'en' });

      const jobs = createJobs({ store, sources: createAlertDigestSources(store) });
      const { replicas, clock, deliver, postsTo } = slackJobRun(store, fake, jobs, new Date('2026-12-01T09:00:00Z'));
      await Promise.all(replicas.map((r) => r.start()));
      try {
        const scheduled = replicas[0]
          ?.list()
          .filter((j) => j.workspaceId === ws.id)
          .map((j) => [j.job, j.cron]);
        expect(scheduled).toEqual(
          expect.arrayContaining([
            ['digest', '0 14 * * 3'],
            ['checkin', '0 16 * * 2'],
            ['checkin-reminder', '0 12 * * 3'],
          ]),
        );
        expect(replicas[0]?.list().filter((j) => j.workspaceId !== ws.id)).toEqual([]);

        // (The 5-minute actions-remind pass runs too where a digest channel is set: the due-day reminders.)
        const checkin = await Promise.all(replicas.map((r) => r.catchUp(new Date('2026-12-01T08:05:00Z'))));
        expect(
          checkin
            .flat()
            .filter((o) => o.ran && o.job !== 'actions-remind')
            .map((o) => o.job),
        ).toEqual(['checkin']);
        // Later passes (a restart, the next tick) find the slot taken.
        await replicas[1]?.catchUp(new Date('2026-12-01T09:00:00Z'));
        await deliver();
        expect(postsTo('UALICE')).toHaveLength(1);
        expect(postsTo('UBOB')).toHaveLength(1);
        expect(postsTo('UCAROL')).toHaveLength(1);
        expect(String(postsTo('UALICE')[0]?.body.text)).toContain('Before the meeting · 2026-W48: Douyin · ROI');
        // bob owns ROI (SEM has no owner), but SEM's alert names carol: he is asked only about the total's move.
        expect(String(postsTo('UBOB')[0]?.body.text)).toBe('Before the meeting · 2026-W48: ROI');
        expect(String(postsTo('UCAROL')[0]?.body.text)).toBe('Before the meeting · 2026-W48: SEM · ROI');
        expect(postsTo('CGROWTH')).toHaveLength(0);

        // alice answers on Tuesday evening; Wednesday 12:00 (04:00Z), 2 hours before the digest, only bob and carol are reminded.
        const alice = await identifyCaller(
          store,
          { platform: 'slack', teamId: 'T1', userId: 'UALICE' },
          { timezone: 'Asia/Shanghai', locale: 'en' },
        );
        await runCommand({ store, ...alice, now: new Date('2026-12-01T12:00:00Z') }, '/growth', 'note 抖音 creative fatigue');
        const reminder = await Promise.all(replicas.map((r) => r.catchUp(new Date('2026-12-02T04:01:00Z'))));
        expect(
          reminder
            .flat()
            .filter((o) => o.ran && o.job !== 'actions-remind')
            .map((o) => o.job),
        ).toEqual(['checkin-reminder']);
        await replicas[0]?.catchUp(new Date('2026-12-02T05:00:00Z'));
        clock.now = new Date('2026-12-02T05:00:00Z');
        await deliver();
        expect(postsTo('UALICE')).toHaveLength(1);
        expect(postsTo('UBOB')).toHaveLength(2);
        expect(String(postsTo('UBOB')[1]?.body.text)).toContain('Reminder: the digest goes out in 2 hours');
        expect(postsTo('UCAROL')).toHaveLength(2);
      } finally {
        await Promise.all(replicas.map((r) => r.stop()));
      }
      expect((await store.jobSlots.lastRun('checkin', ws.id))?.result).toBe('3 items; queued 3');
      expect((await store.jobSlots.lastRun('checkin-reminder', ws.id))?.result).toBe('2 items; queued 2');
    });
  });
}
