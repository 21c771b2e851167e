// /alerts end to end through the command layer on a real SQLite store: the playbook on the demo quarter,
// rules in English and Chinese, permissions, the list and its buttons.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAlertDigestSources } from '../../src/core/alerts/alert-digest-sources.ts';
import { evaluateWorkspace } from '../../src/core/alerts/evaluate-rules.ts';
import { registerAlerts } from '../../src/core/alerts/register-alerts.ts';
import { parseRuleSpec } from '../../src/core/alerts/rule-grammar.ts';
import type { CommandContext } from '../../src/core/commands/command-context.ts';
import { createInteractions } from '../../src/core/commands/interactions.ts';
import { runCommand } from '../../src/core/commands/run-command.ts';
import { loadDemo } from '../../src/core/demo/load-demo.ts';
import { buildDigest } from '../../src/core/digest/build-digest.ts';
import { loadDigestData } from '../../src/core/digest/load-digest-data.ts';
import type { Store } from '../../src/core/ports/store.ts';
import type { Locale, Workspace } from '../../src/core/ports/workspace.ts';
import { CommandUsageError } from '../../src/core/text/usage-error.ts';
import { weekPeriod } from '../../src/core/time/period.ts';
import { mention } from '../../src/core/views/mention.ts';
import { migratedStore } from '../helpers/migrated-store.ts';
import { sqliteTestDatabase } from '../helpers/test-databases.ts';

// Wired as the composition root (startApp) wires it: alert buttons, reactions and evaluation after writes.
registerAlerts();

const database = sqliteTestDatabase();
let store: Store;
const now = new Date('2026-11-23T02:00:00Z'); // 10:00 in Shanghai

beforeAll(async () => {
  store = await migratedStore(database);
});
afterAll(async () => {
  await store.close();
  await database.drop();
});

async function workspace(locale: Locale, name: string): Promise<Workspace> {
  const ws = await store.workspaces.ensure({ platform: 'slack', externalId: name, name, timezone: 'Asia/Shanghai', locale });
  await store.members.ensure(ws.id, 'U_ADMIN', { role: 'admin' });
  await store.members.ensure(ws.id, 'U_MEMBER');
  return ws;
}

async function as(ws: Workspace, user: string): Promise<CommandContext> {
  return {
    store,
    workspace: (await store.workspaces.get(ws.id)) as Workspace,
    member: await store.members.ensure(ws.id, user),
    now,
    channel: 'C_GROWTH',
  };
}
const text = (v: unknown) => JSON.stringify(v);

describe('the rule grammar', () => {
  const percent = (m: string) => ['retention_d1', 'roi', '次日留存'].includes(m);
  it('reads the seeds’ example exactly, in English and in Chinese', () => {
    const en = parseRuleSpec('roi each falls 3d 10% owner <@U1> note review'.split(' '), 'add', percent);
    const zh = parseRuleSpec(['roi', '每个渠道', '连降', '3天', '10%', '负责人', '<@U1>', '备注', '策略复盘'], 'add', percent);
    for (const spec of [en, zh]) {
      expect(spec.metric).toBe('roi');
      expect(spec.segment).toBe('each');
      expect(spec.params).toEqual({ type: 'consecutive', direction: 'fall', days: 3, by: 0.1, unit: 'percent' });
      expect(spec.options.owners).toEqual([{ id: 'U1' }]);
    }
    expect(zh.options.note).toBe('策略复盘');
  });
  it('reads thresholds with windows, points, period changes, targets and freshness', () => {
    expect(parseRuleSpec(['次日留存', '低于', '25', '同期群', '级别', '严重'], 'add', percent)).toMatchObject({
      params: { type: 'threshold', op: 'below', value: 0.25, window: { kind: 'cohort' } },
      options: { severity: 'critical' },
    });
    expect(parseRuleSpec('cac above 80 7d repeat 12h escalate 2 <@UBOSS> recover 3'.split(' '), 'add', percent)).toMatchObject({
      params: { type: 'threshold', op: 'above', value: 80, window: { kind: 'rolling', days: 7 } },
      options: { repeatMinutes: 720, escalateAfter: 2, escalateTo: [{ id: 'UBOSS' }], recoveryEvaluations: 3 },
    });
    expect(parseRuleSpec('roi douyin falls 2d 5pp'.split(' '), 'add', percent).params).toEqual({
      type: 'consecutive',
      direction: 'fall',
      days: 2,
      by: 0.05,
      unit: 'points',
    });
    expect(parseRuleSpec(['new_users', '周环比', '-20%'], 'add', percent).params).toEqual({
      type: 'change',
      period: 'week',
      direction: 'fall',
      by: 0.2,
    });
    expect(parseRuleSpec(['revenue', 'mom', '±30%'], 'add', percent).params).toEqual({
      type: 'change',
      period: 'month',
      direction: 'any',
      by: 0.3,
    });
    expect(parseRuleSpec(['cac', 'target'], 'add', percent).params).toEqual({ type: 'target', window: { kind: 'rolling', days: 7 } });
    expect(parseRuleSpec(['spend', '抖音', '断更', '2天'], 'add', percent)).toMatchObject({
      segment: '抖音',
      params: { type: 'freshness', days: 2 },
    });
    expect(parseRuleSpec(['owner', '抖音', '<@U2>'], 'edit', percent).options.segmentOwners).toEqual({ 抖音: [{ id: 'U2' }] });
  });
  it('refuses what it cannot read, with the word', () => {
    const refusal = (words: string[]) => {
      try {
        parseRuleSpec(words, 'add', percent);
      } catch (error) {
        return error instanceof CommandUsageError ? [error.key, error.params.word] : ['other'];
      }
      return ['accepted'];
    };
    expect(refusal(['roi', 'sideways'])).toEqual(['error.ruleCondition', '']);
    expect(refusal(['roi', 'each', 'sideways', '3d'])).toEqual(['error.ruleCondition', 'sideways']);
    expect(refusal(['roi', 'falls', '1d', '10%'])).toEqual(['error.ruleNumber', '1d']);
    expect(refusal(['roi', 'below', 'lots'])).toEqual(['error.ruleNumber', 'lots']);
    expect(refusal(['roi', 'below', '0', 'colour', 'red'])).toEqual(['error.ruleOption', 'colour']);
    expect(refusal(['roi', 'below', '0', 'owner', 'bob'])).toEqual(['error.notMention', '']);
  });
});

describe('/alerts', () => {
  it('without rules, says so and how to start; a member cannot enable the playbook', async () => {
    const ws = await workspace('en', 'T-empty');
    const view = await runCommand(await as(ws, 'U_ADMIN'), '/alerts', '');
    expect(view.ephemeral).toBe(true);
    expect(text(view)).toContain('/alerts playbook on');
    const refused = await runCommand(await as(ws, 'U_MEMBER'), '/alerts', 'playbook on');
    expect(text(refused)).toContain('⛔');
    expect(await store.alerts.listRules(ws.id)).toEqual([]);
  });

  it('enables the playbook on the demo quarter: 抖音’s ROI slide and the D1 dip fire, with owners and notes', async () => {
    const ws = await workspace('zh-CN', 'T-demo');
    const owner = await store.members.ensure(ws.id, 'U_MKT');
    const on = await runCommand(await as(ws, 'U_ADMIN'), '/alerts', 'playbook on');
    expect(text(on)).toContain('已启用默认规则 7 条');
    const settled = (await store.workspaces.get(ws.id)) as Workspace;
    expect(settled.settings.alerts).toMatchObject({ enabled: true, channel: 'C_GROWTH' });
    expect(settled.settings.targets).toEqual({ cac: { op: '<=', value: 80 }, retention_d7: { op: '>=', value: 0.35 } });
    expect(text(await runCommand(await as(ws, 'U_ADMIN'), '/alerts', 'playbook on'))).toContain('已经全部启用');

    await loadDemo(store, settled, now, { actor: 'test' }); // the ingest evaluates at once
    await store.segments.setOwner(ws.id, 'douyin', owner.id);
    const open = await store.alerts.listOpen(ws.id);
    const rules = new Map((await store.alerts.listRules(ws.id)).map((r) => [r.id, r]));
    const fired = open.map((a) => `${rules.get(a.ruleId)?.playbookKey}:${a.segment}`).sort();
    expect(fired).toContain('roi-slide:douyin');
    expect(fired).toContain('d1-low:');
    expect(fired.filter((f) => f.startsWith('roi-slide'))).toEqual(['roi-slide:douyin']); // only the channel that slid
    const slide = open.find((a) => a.segment === 'douyin');
    expect(slide?.detail.changes?.map((c) => Math.round(c.value * 100))).toEqual([-12, -11, -15]);

    // A second evaluation of the same day changes nothing and posts nothing.
    const queued = (await store.outbox.list({ workspaceId: ws.id })).length;
    expect((await evaluateWorkspace(store, settled, now)).fired).toBe(0);
    expect((await store.outbox.list({ workspaceId: ws.id })).length).toBe(queued);

    // The digest puts the joint meeting on the agenda (LTV/CAC under 1.5). The alerts opened on Monday 23rd belong
    // to the week they opened in (2026-W48), not to last week's digest.
    const sources = createAlertDigestSources(store);
    const digest = buildDigest(await loadDigestData(store, settled, now, { sources }), now, 'zh-CN');
    expect(text(digest)).toContain('市场运营联席会议');
    expect(text(digest)).not.toContain('渠道 ROI 连降');
    const nextWeek = buildDigest(
      await loadDigestData(store, settled, now, { sources, week: weekPeriod('2026-11-23', '2026-11-23') }),
      now,
      'zh-CN',
    );
    expect(text(nextWeek)).toContain('渠道 ROI 连降');

    const list = await runCommand(await as(ws, 'U_MEMBER'), '/alerts', '');
    expect(text(list)).toContain('未处理的预警');
    expect(text(list)).toContain('抖音 · ROI');
    expect(JSON.stringify(list)).toContain(JSON.stringify(mention('U_MKT')).slice(1, -1)); // the channel's owner
    // Resolving from the list answers with the list, one fewer.
    const after = await createInteractions().onAction(await as(ws, 'U_MEMBER'), {
      actionId: 'gb.alert.resolve',
      value: `${slide?.id}|list`,
    });
    expect(text(after)).not.toContain('抖音 · ROI');
    expect((await store.alerts.get(ws.id, slide?.id as string))?.state).toBe('resolved');
    const events = await store.alerts.events(ws.id, slide?.id as string);
    expect(events.map((e) => e.type)).toEqual(['fired', 'resolved']);
    expect(events[1]?.actor).toBe((await store.members.ensure(ws.id, 'U_MEMBER')).id);
  });

  it('adds, lists, edits and removes rules in Chinese and English; only admins and the metric’s owner may', async () => {
    const ws = await workspace('en', 'T-rules');
    await store.segments.ensure(ws.id, [{ key: 'douyin', name: '抖音' }]);
    const added = await runCommand(await as(ws, 'U_ADMIN'), '/alerts', 'rule add roi each falls 3d 10% owner <@U_MKT> note 策略复盘');
    expect(text(added)).toContain('Added rule #1');
    const zh = await runCommand(await as(ws, 'U_ADMIN'), '/alerts', '规则 添加 次日留存 低于 25% 同期群 级别 严重');
    expect(text(zh)).toContain('#2');
    // The same condition again (in other words, other options) is refused, naming the rule that has it.
    const again = await runCommand(await as(ws, 'U_ADMIN'), '/alerts', 'rule add roi each falls 3d 10%');
    expect(again.fallback).toContain('Rule #1 (');
    expect(again.fallback).toContain('already watches exactly this; nothing was added');
    expect(await store.alerts.listRules(ws.id)).toHaveLength(2);
    const [roi, d1] = await store.alerts.listRules(ws.id);
    expect(roi).toMatchObject({ metric: 'roi', scope: 'each', note: '策略复盘', params: { type: 'consecutive', days: 3, by: 0.1 } });
    expect(d1).toMatchObject({ metric: 'retention_d1', severity: 'critical', params: { type: 'threshold', op: 'below', value: 0.25 } });

    // A member who owns nothing is refused; the owner of roi may change roi's rule.
    expect(text(await runCommand(await as(ws, 'U_MEMBER'), '/alerts', 'rule edit 1 recover 3'))).toContain('⛔');
    await runCommand(await as(ws, 'U_ADMIN'), '/growth', 'owners roi <@U_MEMBER>');
    expect(text(await runCommand(await as(ws, 'U_MEMBER'), '/alerts', 'rule edit 1 recover 3'))).toContain('Rule changed');
    expect((await store.alerts.getRule(ws.id, roi?.id as string))?.recoveryEvaluations).toBe(3);
    expect(text(await runCommand(await as(ws, 'U_MEMBER'), '/alerts', 'rule remove 2'))).toContain('⛔');

    const rules = await runCommand(await as(ws, 'U_MEMBER'), '/alerts', 'rules');
    expect(text(rules)).toContain('falls ≥10% a day for 3 days in a row');
    expect(text(rules)).toContain('below 25.0% (latest mature cohort)');

    // Nobody hands themselves a metric to get at its rules; rules that could never fire are refused.
    expect(text(await runCommand(await as(ws, 'U_MEMBER'), '/growth', 'owners cac <@U_MEMBER>'))).toContain('⛔');
    expect(text(await runCommand(await as(ws, 'U_MEMBER'), '/alerts', 'rule add cac above 80'))).toContain('⛔');
    expect(text(await runCommand(await as(ws, 'U_ADMIN'), '/alerts', 'rule add * below 3'))).toContain('only works with quiet');
    expect(text(await runCommand(await as(ws, 'U_ADMIN'), '/alerts', 'rule add roi quiet 2d'))).toContain('is computed');
    const bad = await runCommand(await as(ws, 'U_ADMIN'), '/alerts', 'rule add roi sideways');
    expect(bad.ephemeral).toBe(true);
    expect(text(bad)).toContain('is not a condition');
    expect(text(bad)).toContain('/alerts rule add');
    expect(await store.alerts.listRules(ws.id)).toHaveLength(2);

    expect(text(await runCommand(await as(ws, 'U_ADMIN'), '/alerts', 'rule remove 2'))).toContain('Rule removed');
    expect(await store.alerts.listRules(ws.id)).toHaveLength(1);
    expect(text(await runCommand(await as(ws, 'U_ADMIN'), '/alerts', 'target cac <= 80'))).toContain('CAC ≤ CN¥80.00');
    expect(((await store.workspaces.get(ws.id)) as Workspace).settings.targets).toEqual({ cac: { op: '<=', value: 80 } });
    const audit = await store.audit.list(ws.id, { limit: 20 });
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['alerts.rule.add', 'alerts.rule.edit', 'alerts.rule.remove', 'alerts.target']),
    );
  });

  it('fuzzed: any /alerts text is answered (a change or a usage answer) and a refused one writes nothing', async () => {
    const ws = await workspace('zh-CN', 'T-fuzz');
    await store.segments.ensure(ws.id, [{ key: 'douyin', name: '抖音' }]);
    const words = [
      'rule',
      'add',
      'edit',
      'remove',
      'on',
      'off',
      '规则',
      '添加',
      'roi',
      'cac',
      '次日留存',
      'spend',
      '*',
      'each',
      '每个渠道',
      '抖音',
      'below',
      'above',
      '低于',
      'falls',
      '连降',
      'wow',
      '周环比',
      'target',
      'quiet',
      '断更',
      '3d',
      '2天',
      '10%',
      '5pp',
      '-20%',
      '±30%',
      '25',
      '0',
      '-1',
      '1e9',
      'NaN',
      '７',
      'cohort',
      '7d',
      'severity',
      '级别',
      'critical',
      'owner',
      '<@U1>',
      'repeat',
      '24h',
      '1m',
      'escalate',
      'recover',
      'note',
      '备注',
      'playbook',
      'channel',
      'here',
      'hour',
      '25点',
      'target',
      '<=',
      '>=',
      '80',
      '#1',
      '#99',
      '"',
      '😀',
    ];
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...words), { maxLength: 9 }), fc.string({ maxLength: 12 }), async (picked, noise) => {
        const before = (await store.alerts.listRules(ws.id)).length;
        const view = await runCommand(await as(ws, 'U_ADMIN'), '/alerts', [...picked, noise].join(' '));
        expect(view.fallback.length).toBeGreaterThan(0);
        const after = (await store.alerts.listRules(ws.id)).length;
        if (view.ephemeral && /用法|没看懂|⛔/.test(JSON.stringify(view))) expect(after).toBe(before);
        expect(after - before).toBeLessThanOrEqual(7);
      }),
      { numRuns: 150 },
    );
  }, 120_000);
});
