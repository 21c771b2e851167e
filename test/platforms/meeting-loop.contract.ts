// The meeting loop over two simulated weeks, on every chat platform: 抖音's ROI falls and D1 retention dips;
// the alert fires; the check-in asks only the owners concerned; they answer through the platform's form and
// through the command; the one who has not answered is reminded once; the digest shows the notes beside the
// numbers and what is unexplained; an action made from the alert's button is tracked in the next digests,
// metric then and now, and leaves them once done; `growthbeat meeting` prints the minutes. The real
// scheduler runs the real jobs on a compressed clock (two replicas racing every slot), the relay delivers
// through the platform's own sender, and the people act through the driver as the platform delivers them.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/base/logging/logger.ts';
import { main } from '../../src/cli/main.ts';
import { createAlertDigestSources } from '../../src/core/alerts/alert-digest-sources.ts';
import { CHECKIN_ANSWER_ACTION } from '../../src/core/digest/send-checkin.ts';
import { NEW_ACTION_ACTION } from '../../src/core/meeting/action-button.ts';
import { addDays } from '../../src/core/time/day-math.ts';
import { createJobs } from '../../src/jobs/job-registry.ts';
import { createScheduler } from '../../src/jobs/scheduler.ts';
import type { DriverOptions, PlatformCapabilities, PlatformDriver } from './platform.contract.ts';

/**
 * A day's numbers by week, per channel. By hand, per day (spend, revenue, new users, retained on day 1):
 * W47 (16–22 Nov): 抖音 1000, 1350, 50, 20 · SEM 500, 550, 20, 8 → 抖音 ROI 35.0%, SEM 10.0%, D1 28/70 = 40.0%.
 * W48 (23–29 Nov) and on until the action (2 Dec): 抖音 1000, 1250, 50, 12 · SEM 500, 600, 20, 8 → 抖音 ROI 25.0%
 * (−10.0pp), SEM 20.0% (+10.0pp), D1 20/70 = 28.6%.
 * From 3 Dec, once bids are cut and the bug fixed: 抖音 1000, 1330, 50, 20 · SEM as before → 抖音 ROI 33.0%, D1 40.0%.
 */
function dayValues(day: string) {
  const phase = day < '2026-11-23' ? 'before' : day < '2026-12-03' ? 'fell' : 'recovered';
  const douyin = { before: [1000, 1350, 50, 20], fell: [1000, 1250, 50, 12], recovered: [1000, 1330, 50, 20] }[phase];
  const sem = phase === 'before' ? [500, 550, 20, 8] : [500, 600, 20, 8];
  const metrics = ['spend', 'revenue', 'new_users', 'retained_d1'];
  return [
    ...metrics.map((metric, i) => ({ metric, segment: 'douyin', day, value: douyin[i] as number })),
    ...metrics.map((metric, i) => ({ metric, segment: 'sem', day, value: sem[i] as number })),
  ];
}

/** Shanghai wall time as the instant the clock reads. */
const at = (local: string) => new Date(`${local}+08:00`);

export interface MeetingLoopOptions {
  /** Where the team's digest and alerts go, as the platform names a chat. */
  channel: string;
}

export function meetingLoopContract(
  name: string,
  capabilities: PlatformCapabilities,
  options: MeetingLoopOptions,
  start: (options?: DriverOptions) => Promise<PlatformDriver>,
) {
  describe(`${name}: the meeting loop over two weeks`, () => {
    let now = at('2026-11-26T09:05:00');
    let d: PlatformDriver;
    let seeded = '2026-11-15';
    const ids = { alice: '', bob: '', carol: '' };
    const replicas: ReturnType<typeof createScheduler>[] = [];

    /** The data as it arrives: every day up to yesterday (Shanghai), once. */
    async function dataUntilYesterday() {
      const yesterday = addDays(now.toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }), -1);
      const rows = [];
      for (let day = addDays(seeded, 1); day <= yesterday; day = addDays(day, 1)) rows.push(...dayValues(day));
      if (rows.length) await d.store.observations.upsert(d.workspaceId, rows, { source: 'csv', actor: 'test' });
      seeded = yesterday > seeded ? yesterday : seeded;
    }

    /** The clock moves to `local`; the data of the days before arrive; both replicas run the slots due (one wins each). */
    async function advance(local: string) {
      now = at(local);
      await dataUntilYesterday();
      for (const r of replicas) await r.refresh();
      const runs = (await Promise.all(replicas.map((r) => r.catchUp(now)))).flat();
      return runs.filter((r) => r.ran).map((r) => r.job);
    }

    const to = (messages: { to: string; text: string }[], who: string) => messages.filter((m) => m.to === who);
    /** What bob says: as bob where the platform has more than one person; the sandbox's only person says it for him. */
    const asBob = () => (capabilities.otherUsers ? { user: ids.bob } : {});
    /** The name the platform gave alice (the sandbox calls its one person "you"). */
    const nameOf = async (externalUserId: string) =>
      (await d.store.members.list(d.workspaceId)).find((m) => m.externalUserId === externalUserId)?.displayName;

    beforeAll(async () => {
      d = await start({ empty: true, clock: () => now });
      const ws = d.workspaceId;
      ids.alice = d.userId();
      ids.bob = capabilities.otherUsers ? d.userId('bob') : 'sandbox-bob';
      ids.carol = capabilities.otherUsers ? d.userId('carol') : 'sandbox-carol';
      // alice (the driver's person, the workspace's first member: its admin) runs 抖音; bob answers for D1
      // retention; carol for spend, which does not move.
      const alice = await d.store.members.ensure(ws, ids.alice, { displayName: 'alice', firstIsAdmin: true });
      const bob = await d.store.members.ensure(ws, ids.bob, { displayName: 'bob' });
      const carol = await d.store.members.ensure(ws, ids.carol, { displayName: 'carol' });
      await d.store.segments.ensure(ws, [
        { key: 'douyin', name: '抖音' },
        { key: 'sem', name: 'SEM' },
      ]);
      await d.store.segments.setOwner(ws, 'douyin', alice.id);
      await d.store.metrics.setOwner(ws, 'retention_d1', bob.id, 'test');
      await d.store.metrics.setOwner(ws, 'spend', carol.id, 'test');
      const workspace = (await d.store.workspaces.get(ws))!;
      await d.store.workspaces.update(ws, {
        settings: { ...workspace.settings, digest: { channel: options.channel }, alerts: { channel: options.channel } },
      });
      await dataUntilYesterday();
      // Wired as startApp wires them (the week's alerts reach the digest); the charts have their own tests.
      const jobs = createJobs({ store: d.store, sources: createAlertDigestSources(d.store) });
      for (const replica of ['r1', 'r2'])
        replicas.push(createScheduler({ store: d.store, jobs, logger: silentLogger, replica, ticks: true }));
    });
    // Whatever the jobs and answers sent, the platform would have accepted it.
    afterEach(() => expect(d?.violations?.() ?? []).toEqual([]));
    afterAll(async () => {
      await Promise.all(replicas.map((r) => r.stop()));
      await d?.close();
    });

    it('week 1, Thursday: a rule on 抖音’s ROI fires, mentions its owner and carries the “+ 行动” button', async () => {
      expect(await d.command('alerts rule add roi 抖音 below 28%')).toContain('28.0%');
      await Promise.all(replicas.map((r) => r.start()));
      expect(await advance('2026-11-26T09:05:00')).toContain('alerts-evaluate');
      const alert = to(await d.deliver!(), options.channel);
      expect(alert).toHaveLength(1);
      expect(alert[0]?.text).toContain('抖音 · ROI');
      expect(alert[0]?.text).toContain('25.0%');
      expect(alert[0]?.text).toContain('＋ 行动');
      // Its owner, mentioned as the platform mentions (the sandbox shows the name).
      expect(alert[0]?.text).toMatch(new RegExp(`${ids.alice}|@${await nameOf(ids.alice)}`));
    });

    it('Tuesday 16:00: the check-in asks alice about 抖音 and bob about D1, once each, and carol nothing', async () => {
      const ran = await advance('2026-12-01T16:05:00');
      expect(ran.filter((j) => j === 'checkin')).toHaveLength(1);
      const sent = await d.deliver!();
      const [toAlice, toBob] = [to(sent, ids.alice), to(sent, ids.bob)];
      expect(toAlice).toHaveLength(1);
      expect(toBob).toHaveLength(1);
      expect(to(sent, ids.carol)).toEqual([]);
      expect(toAlice[0]?.text).toContain('会前确认 · 2026-W48');
      expect(toAlice[0]?.text).toContain('抖音 · ROI');
      expect(toAlice[0]?.text).toContain('25.0%');
      expect(toAlice[0]?.text).not.toContain('次日留存');
      expect(toBob[0]?.text).toContain('次日留存');
      expect(toBob[0]?.text).toContain('28.6%');
      expect(toBob[0]?.text).not.toContain('抖音 · ROI');
      // A later pass (the other replica, a restart) finds the slot taken.
      expect(await advance('2026-12-01T16:30:00')).not.toContain('checkin');
      expect(to(await d.deliver!(), ids.alice)).toEqual([]);
    });

    it('alice answers in the platform’s form; her note goes to the alert’s thread', async () => {
      now = at('2026-12-01T18:00:00');
      const value = JSON.stringify({ metric: 'roi', segment: 'douyin' });
      const { initial, answer } = await d.answerWithForm!(CHECKIN_ANSWER_ACTION, value, '素材疲劳，周四换新素材');
      expect(initial).toBe('');
      expect(answer).toContain('已记下 抖音');
      const thread = to(await d.deliver!(), options.channel);
      expect(thread.map((m) => m.text).join('\n')).toContain('素材疲劳，周四换新素材');
    });

    it('Wednesday 12:00: only bob, who has not answered, is reminded, once; then he answers with the command', async () => {
      const ran = await advance('2026-12-02T12:01:00');
      expect(ran.filter((j) => j === 'checkin-reminder')).toHaveLength(1);
      const sent = await d.deliver!();
      expect(to(sent, ids.alice)).toEqual([]);
      expect(to(sent, ids.bob)).toHaveLength(1);
      expect(to(sent, ids.bob)[0]?.text).toContain('提醒：周报 2 小时后发出 · 2026-W48');
      expect(to(sent, ids.bob)[0]?.text).toContain('次日留存');
      await advance('2026-12-02T12:20:00');
      expect(to(await d.deliver!(), ids.bob)).toEqual([]);
      now = at('2026-12-02T12:30:00');
      expect(await d.command('growth note 次日留存 新版引导页有 bug，周四修复', asBob())).toContain('已记下 次日留存');
    });

    it('alice makes an action from the alert’s button, owner prefilled; the meeting records a decision', async () => {
      now = at('2026-12-02T12:40:00');
      const value = JSON.stringify({ metric: 'roi', segment: 'douyin' });
      const { initials, answer } = await d.answerWithForm!(NEW_ACTION_ACTION, value, '抖音出价降 10%', { fields: { due: '12-04' } });
      expect(initials.owner).toBeTruthy();
      // 25 Nov–1 Dec: spend 7 × 1000, revenue 7 × 1250; ROI 25.0%.
      expect(answer.replace(/\u200B/g, '')).toContain(`已创建行动 #1：抖音出价降 10%（@${await nameOf(ids.alice)}，截止 2026-12-04）`);
      expect(answer).toContain('抖音 · ROI 25.0%');
      // The alert on 抖音's ROI hears of it in its thread.
      const thread = to(await d.deliver!(), options.channel).map((m) => m.text);
      expect(thread).toHaveLength(1);
      expect(thread[0]).toContain('🔧 新建行动 #1：抖音出价降 10%');
      expect(await d.command('growth decision 抖音预算的 10% 转给 SEM on roi')).toContain(
        '已记录决定：抖音预算的 10% 转给 SEM（指标：ROI）',
      );
    });

    it('Wednesday 14:00: the digest shows each note beside its number, what is unexplained, and the action', async () => {
      expect(await advance('2026-12-02T14:01:00')).toContain('digest');
      const digest = to(await d.deliver!(), options.channel)
        .map((m) => m.text)
        .join('\n')
        .replace(/\u200B/g, '');
      expect(digest).toContain('2026-W48');
      expect(digest).toMatch(/💬 抖音 · ROI 25\.0% \(−10\.0个百分点\) — .*：素材疲劳，周四换新素材/);
      expect(digest).toMatch(/💬 次日留存 28\.6% \(−11\.4个百分点\) — .*：新版引导页有 bug，周四修复/);
      expect(digest).toContain('❓ 还没有说明：SEM · ROI +10.0个百分点');
      expect(digest).toMatch(/#1 抖音出价降 10%（.*，截止 12-04） — 抖音 · ROI 25\.0% → 25\.0%（自 12-02）/);
      // The week's alert, its owner, and a button to make any raised number an action.
      expect(digest).toContain('本周预警');
      expect(digest).toContain('＋ 行动：抖音 · ROI');
    });

    it('Friday: alice is reminded on the due day, once', async () => {
      await advance('2026-12-04T09:05:00');
      const sent = to(await d.deliver!(), ids.alice);
      expect(sent).toHaveLength(1);
      expect(sent[0]?.text).toContain('行动 #1 今天到期：抖音出价降 10%');
      await advance('2026-12-04T10:05:00');
      expect(to(await d.deliver!(), ids.alice)).toEqual([]);
    });

    it('week 2: the next digest tracks the action, overdue, with 抖音’s ROI since; done, it leaves the digests', async () => {
      await advance('2026-12-08T16:05:00');
      await d.deliver!();
      await advance('2026-12-09T14:01:00');
      const week2 = to(await d.deliver!(), options.channel)
        .map((m) => m.text)
        .join('\n');
      // 2–8 Dec: spend 7 × 1000, revenue 1250 + 6 × 1330 = 9230: 2230 / 7000 = 31.9%.
      expect(week2).toContain('2026-W49');
      expect(week2).toMatch(/#1 抖音出价降 10%.* — 抖音 · ROI 25\.0% → 31\.9%（自 12-02）.*已逾期/);
      now = at('2026-12-09T15:00:00');
      expect(await d.command('growth action done 1')).toContain('行动 #1 已完成');
      expect(await d.command('growth actions')).toContain('没有进行中的行动');
      // The week after, it shows once as done; the week after that, it is gone.
      await advance('2026-12-16T14:01:00');
      const week3 = to(await d.deliver!(), options.channel)
        .map((m) => m.text)
        .join('\n');
      expect(week3).toMatch(/✅ #1 抖音出价降 10%/);
      await advance('2026-12-23T14:01:00');
      const week4 = to(await d.deliver!(), options.channel)
        .map((m) => m.text)
        .join('\n');
      expect(week4).toContain('2026-W51');
      expect(week4).not.toContain('抖音出价降');
    });

    it('growthbeat meeting --format json prints the week’s minutes: numbers, notes, decision, action', async () => {
      let out = '';
      let err = '';
      const args = ['meeting', '--workspace', d.workspaceId, '--week', '2026-W49', '--at', at('2026-12-03T10:00:00').toISOString()];
      const code = await main([...args, '--format', 'json'], {
        out: (t) => (out += t),
        err: (t) => (err += t),
        env: { DATABASE_URL: d.databaseUrl },
        isTty: false,
      });
      expect(err).toBe('');
      expect(code).toBe(0);
      const minutes = JSON.parse(out);
      expect(minutes.digestWeek.label).toBe('2026-W48');
      const douyin = minutes.numbers.channels.find((c: { segment: string }) => c.segment === 'douyin');
      expect(douyin.roi).toBeCloseTo(0.25, 10);
      const alice = await nameOf(ids.alice);
      expect(minutes.notes.map((n: { text: string; author: { name: string } }) => [n.author.name, n.text])).toEqual(
        expect.arrayContaining([
          [alice, '素材疲劳，周四换新素材'],
          [capabilities.otherUsers ? 'bob' : alice, '新版引导页有 bug，周四修复'],
        ]),
      );
      expect(minutes.decisions).toMatchObject([{ text: '抖音预算的 10% 转给 SEM', metrics: ['roi'] }]);
      expect(minutes.opened).toMatchObject([{ number: 1, text: '抖音出价降 10%', dueDay: '2026-12-04' }]);
      expect(minutes.opened[0].metric.base).toBeCloseTo(0.25, 10);
    });
  });
}
