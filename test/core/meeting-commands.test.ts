// The meeting loop's commands over a real SQLite store: notes keep the number they explain, actions the
// metric when created and now, decisions their metrics; every number below is worked out by hand.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandContext } from '../../src/core/commands/command-context.ts';
import { runCommand } from '../../src/core/commands/run-command.ts';
import type { Store } from '../../src/core/ports/store.ts';
import { mention } from '../../src/core/views/mention.ts';
import type { View } from '../../src/core/views/view.ts';
import { identifyCaller } from '../../src/core/workspace/identify.ts';
import { newRule } from '../helpers/alert-rules.ts';
import { migratedStore } from '../helpers/migrated-store.ts';
import { sqliteTestDatabase } from '../helpers/test-databases.ts';

const database = sqliteTestDatabase();
let store: Store;
let admin: CommandContext;
// Wednesday 18 Nov 2026, noon in Shanghai: the last complete week is W46 (9–15 Nov); the 7 days before today 11–17 Nov.
const NOW = new Date('2026-11-18T04:00:00Z');
const LATER = new Date('2026-11-25T04:00:00Z');
const text = (v: View) => v.elements.map((e) => ('text' in e ? e.text : '')).join('\n');

beforeAll(async () => {
  store = await migratedStore(database);
  const a = await identifyCaller(store, { platform: 'slack', teamId: 'T1', userId: 'UADMIN' }, { timezone: 'Asia/Shanghai', locale: 'en' });
  admin = { store, ...a, now: NOW };
  await store.members.ensure(a.workspace.id, 'UALICE', { displayName: 'alice' });
  await store.segments.ensure(a.workspace.id, [{ key: 'douyin', name: '抖音' }]);
  const o = (metric: string, day: string, value: number) => ({ metric, segment: 'douyin', day, value });
  await store.observations.upsert(
    a.workspace.id,
    [
      o('spend', '2026-11-10', 1000),
      o('revenue', '2026-11-10', 1500),
      o('spend', '2026-11-12', 400),
      o('revenue', '2026-11-12', 500),
      o('spend', '2026-11-16', 600),
      o('revenue', '2026-11-16', 500),
    ],
    { source: 'csv', actor: 'test' },
  );
});
afterAll(async () => {
  await store.close();
  await database.drop();
});

describe('meeting commands', () => {
  it('keeps a note with the number it explains: the channel’s ROI over the last complete week', async () => {
    const view = await runCommand(admin, '/growth', 'note 抖音 素材疲劳，周四换新素材');
    // W46: spend 1000 + 400 = 1400, revenue 1500 + 500 = 2000, ROI (2000 − 1400) / 1400 = 42.9%.
    expect(text(view)).toBe('✅ Noted for Douyin (2026-W46 · ROI 42.9%): 素材疲劳，周四换新素材');
    expect(view.ephemeral).toBeUndefined();
    const notes = await store.meeting.notesFor(admin.workspace.id, '2026-11-09');
    expect(notes).toMatchObject([{ segment: 'douyin', text: '素材疲劳，周四换新素材', authorId: admin.member.id, periodTo: '2026-11-15' }]);
    expect(notes[0]?.metric).toBeUndefined();
    expect(notes[0]?.value).toBeCloseTo(600 / 1400, 10);
    expect(await store.audit.list(admin.workspace.id, { action: 'meeting.note' })).toHaveLength(1);

    const onMetric = await runCommand(admin, '/growth', 'note roi 抖音 bids too high');
    expect(text(onMetric)).toBe('✅ Noted for Douyin · ROI (2026-W46 · ROI 42.9%): bids too high');
    const unknown = await runCommand(admin, '/growth', 'note 快手 something');
    expect(unknown.ephemeral).toBe(true);
    expect(text(unknown)).toContain('No metric or channel is called "快手". Channels: Douyin');
    expect(text(await runCommand(admin, '/growth', 'note douyn creatives tired'))).toContain('did you mean Douyin?');
    expect(await store.meeting.notesFor(admin.workspace.id, '2026-11-09')).toHaveLength(2);
  });

  it('puts a note in the thread of each open alert it explains, in the same transaction', async () => {
    const ws = admin.workspace.id;
    const rule = await store.alerts.createRule(
      newRule({
        workspaceId: ws,
        name: '抖音 ROI 过低',
        metric: 'roi',
        scope: 'segment',
        segment: 'douyin',
        params: { type: 'threshold', op: 'below', value: 0.5, window: { kind: 'day' } },
      }),
    );
    const alert = (id: string, segment: string, messageKey?: string) => ({
      id,
      workspaceId: ws,
      ruleId: rule.id,
      segment,
      state: 'firing' as const,
      value: 0.43,
      threshold: 0.5,
      detail: { metric: 'roi', trend: [], day: '2026-11-17' },
      firedAt: NOW,
      reminders: 0,
      recoveredStreak: 0,
      channel: 'C-ALERTS',
      ...(messageKey ? { messageKey } : {}),
    });
    await store.alerts.open(alert('alert-douyin', 'douyin', 'alert:alert-douyin:notify:1'));
    // Not yet posted: no thread to reply in.
    await store.alerts.open(alert('alert-unsent', 'sem'));
    await runCommand(admin, '/growth', 'note 抖音 出价过高，周四调整');
    const replies = (await store.outbox.list({ workspaceId: ws })).filter((m) => m.kind === 'reply');
    expect(replies).toMatchObject([{ channel: 'C-ALERTS', target: 'alert:alert-douyin:notify:1' }]);
    expect(JSON.stringify(replies[0]?.payload)).toContain(`💬 ${mention('UADMIN')} explains: 出价过高，周四调整`);
    // A note on another metric of another channel explains neither.
    await runCommand(admin, '/growth', 'note d1 onboarding');
    expect((await store.outbox.list({ workspaceId: ws })).filter((m) => m.kind === 'reply')).toHaveLength(1);
    await store.alerts.removeRule(ws, rule.id);
  });

  it('creates an action with its metric’s value over the 7 days before, lists it and shows it then and now', async () => {
    const view = await runCommand(admin, '/growth', 'action add cut 抖音 bids 10% owner @alice due 11-20 on roi 抖音');
    // 11–17 Nov: spend 400 + 600 = 1000, revenue 500 + 500 = 1000, ROI 0.0%.
    expect(text(view)).toBe('✅ Action #1 created: cut 抖音 bids 10% (@alice, due 2026-11-20) — Douyin · ROI 0.0% (7 days to 11-17)');
    const [action] = await store.meeting.actions(admin.workspace.id);
    expect(action).toMatchObject({
      number: 1,
      metric: 'roi',
      segment: 'douyin',
      baseValue: 0,
      baseDay: '2026-11-17',
      dueDay: '2026-11-20',
    });

    const listed = await runCommand(admin, '/growth', 'actions');
    expect(text(listed)).toContain(`🔧 #1 cut 抖音 bids 10% (${mention('UALICE')}, due 11-20) — Douyin · ROI 0.0% → 0.0% since 11-18`);

    // A week later 抖音 spent 500 and earned 800 on 20 Nov: 18–24 Nov ROI (800 − 500) / 500 = 60.0%; due 20 Nov has passed.
    await store.observations.upsert(
      admin.workspace.id,
      [
        { metric: 'spend', segment: 'douyin', day: '2026-11-20', value: 500 },
        { metric: 'revenue', segment: 'douyin', day: '2026-11-20', value: 800 },
      ],
      { source: 'csv', actor: 'test' },
    );
    const later = { ...admin, now: LATER };
    expect(text(await runCommand(later, '/growth', '行动 列表'))).toContain(
      `⏰ #1 cut 抖音 bids 10% (${mention('UALICE')}, due 11-20) — Douyin · ROI 0.0% → 60.0% since 11-18 ⏰ overdue`,
    );
    const done = await runCommand(later, '/growth', 'action done #1');
    expect(text(done)).toBe(
      `✅ Action #1 done\n✅ #1 cut 抖音 bids 10% (${mention('UALICE')}, due 11-20) — Douyin · ROI 0.0% → 60.0% since 11-18`,
    );
    expect(text(await runCommand(later, '/growth', 'action drop 1'))).toBe('✅ Action #1 is already done: cut 抖音 bids 10%');
    expect(text(await runCommand(later, '/growth', 'actions'))).toContain('No open actions');
    expect((await store.audit.list(admin.workspace.id, { action: 'meeting.action.done' }))[0]).toMatchObject({
      target: '#1',
      before: { status: 'open' },
      after: { status: 'done' },
    });
    const missing = await runCommand(later, '/growth', 'action done 9');
    expect(text(missing)).toContain('There is no action #9');
  });

  it('edits an action and refuses what cannot be one, changing nothing', async () => {
    await runCommand(admin, '/growth', 'action add call the SEM agency owner @alice');
    const edited = await runCommand(admin, '/growth', 'action edit 2 call the agency twice due 11-27 on roi 抖音');
    expect(text(edited)).toBe(
      `✅ Action #2 changed\n🔧 #2 call the agency twice (${mention('UALICE')}, due 11-27) — Douyin · ROI 0.0% → 0.0% since 11-18`,
    );
    const pastDue = await runCommand(admin, '/growth', 'action edit 2 due 2026-11-01');
    expect(text(pastDue)).toContain('The due day 2026-11-01 has passed');
    expect(text(await runCommand(admin, '/growth', 'action add x owner @nobody'))).toContain('No member @nobody');
    expect((await store.meeting.action(admin.workspace.id, 2))?.dueDay).toBe('2026-11-27');
    expect(await store.meeting.action(admin.workspace.id, 3)).toBeUndefined();
  });

  it('lets only the owner, the creator or an admin close or edit an action; anyone else is told who can and nothing changes', async () => {
    const ws = admin.workspace.id;
    const as = async (userId: string, displayName: string): Promise<CommandContext> => ({
      ...admin,
      member: await store.members.ensure(ws, userId, { displayName }),
    });
    const [alice, bob, carol] = [await as('UALICE', 'alice'), await as('UBOB', 'bob'), await as('UCAROL', 'carol')];
    expect([alice, bob, carol].map((c) => c.member.role)).toEqual(['member', 'member', 'member']);
    const audits = async () => (await store.audit.list(ws, { limit: 1000 })).length;

    // carol creates #3 for alice; bob is neither.
    expect(text(await runCommand(carol, '/growth', 'action add call the agency owner @alice'))).toContain('Action #3 created');
    const before = await store.meeting.action(ws, 3);
    const auditsBefore = await audits();
    const refusal = '⛔ Only the owner @alice, its creator @carol or an admin can close or edit action #3';
    for (const typed of ['action done 3', 'action drop #3', 'action edit 3 call nobody', 'action edit 3 owner @bob']) {
      const view = await runCommand(bob, '/growth', typed);
      expect(text(view)).toBe(refusal);
      expect(view.ephemeral).toBe(true);
    }
    const zh = { ...bob, workspace: { ...bob.workspace, locale: 'zh-CN' as const } };
    expect(text(await runCommand(zh, '/growth', '行动 完成 3'))).toBe('⛔ 只有负责人 @alice、创建人 @carol 或管理员可以关闭或修改行动 #3');
    expect(await store.meeting.action(ws, 3)).toEqual(before);
    expect(await audits()).toBe(auditsBefore);

    // The owner may edit it, the creator close it.
    expect(text(await runCommand(alice, '/growth', 'action edit 3 call the agency before Monday'))).toContain('✅ Action #3 changed');
    expect(text(await runCommand(carol, '/growth', 'action drop 3'))).toContain('✅ Action #3 dropped');
    expect(await store.meeting.action(ws, 3)).toMatchObject({
      text: 'call the agency before Monday',
      status: 'dropped',
      closedBy: carol.member.id,
    });
    expect(await store.audit.list(ws, { action: 'meeting.action.edit', limit: 1 })).toMatchObject([
      { actor: alice.member.id, target: '#3' },
    ]);

    // bob's own action (owner and creator): alice may not close it, an admin may.
    await runCommand(bob, '/growth', 'action add rewrite the onboarding owner @bob');
    expect(text(await runCommand(alice, '/growth', 'action done 4'))).toBe(
      '⛔ Only the owner @bob or an admin can close or edit action #4',
    );
    expect((await store.meeting.action(ws, 4))?.status).toBe('open');
    expect(text(await runCommand(admin, '/growth', 'action done 4'))).toContain('✅ Action #4 done');
    expect((await store.meeting.action(ws, 4))?.closedBy).toBe(admin.member.id);
  });

  it('records a decision with the metrics it names', async () => {
    const view = await runCommand(admin, '/growth', 'decision move 抖音 budget to SEM on roi spend');
    expect(text(view)).toBe('✅ Decision recorded: move 抖音 budget to SEM (metrics: ROI, Spend)');
    const plain = await runCommand(admin, '/growth', 'decision focus on onboarding');
    expect(text(plain)).toBe('✅ Decision recorded: focus on onboarding');
    const all = await store.meeting.decisions(admin.workspace.id, new Date('2026-11-01'), new Date('2026-12-01'));
    expect(all.map((d) => [d.text, d.metrics])).toEqual([
      ['move 抖音 budget to SEM', ['roi', 'spend']],
      ['focus on onboarding', []],
    ]);
  });

  it('fuzzed: any text after a meeting word is answered, and a refused one writes nothing', async () => {
    const words = ['note 抖音', 'note roi', 'note', 'action add', 'action edit 2', 'action done', 'decision'];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...words), fc.string({ maxLength: 60 }), async (word, typed) => {
        const before = (await store.audit.list(admin.workspace.id, { limit: 1000 })).length;
        const view = await runCommand(admin, '/growth', `${word} ${typed}`);
        const after = (await store.audit.list(admin.workspace.id, { limit: 1000 })).length;
        // A usage answer (only to the caller) changes nothing; a confirmation wrote at most one record with its
        // audit entry (none when it says the action was already closed).
        if (view.ephemeral) expect(after).toBe(before);
        else expect(after - before).toBeLessThanOrEqual(1);
      }),
      { numRuns: 60 },
    );
  });
});
