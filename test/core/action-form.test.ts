// The "+ Action" button on an alert and on a digest item, over a real SQLite store: pressed, it answers a form
// (Slack's modal, Feishu's form card, the sandbox's inline form) with the number's owner prefilled; submitted,
// it is written as `/growth action add … on <metric> <channel>` writes it. Numbers by hand (meeting-fixture.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertView } from '../../src/core/alerts/alert-view.ts';
import type { CommandContext } from '../../src/core/commands/command-context.ts';
import { createInteractions } from '../../src/core/commands/interactions.ts';
import { buildDigest } from '../../src/core/digest/build-digest.ts';
import { loadDigestData } from '../../src/core/digest/load-digest-data.ts';
import { ACTION_SUBMIT_ACTION, NEW_ACTION_ACTION } from '../../src/core/meeting/action-button.ts';
import type { Alert, AlertRule } from '../../src/core/ports/alerts.ts';
import type { Store } from '../../src/core/ports/store.ts';
import type { View } from '../../src/core/views/view.ts';
import { newRule } from '../helpers/alert-rules.ts';
import { seedMeetingTeam } from '../helpers/meeting-fixture.ts';
import { migratedStore } from '../helpers/migrated-store.ts';
import { sqliteTestDatabase } from '../helpers/test-databases.ts';

const database = sqliteTestDatabase();
let store: Store;
let ctx: CommandContext;
// Wednesday 2 Dec 2026, 14:00 in Shanghai: the digest's week is W48 (23–29 Nov).
const NOW = new Date('2026-12-02T06:00:00Z');
const interactions = createInteractions();
const press = (actionId: string, value: unknown, as: CommandContext = ctx) =>
  interactions.onAction(as, { actionId, value: JSON.stringify(value) } as Parameters<typeof interactions.onAction>[1]);
const texts = (v: View) => v.elements.flatMap((e) => ('text' in e ? [e.text] : [])).join('\n');

beforeAll(async () => {
  store = await migratedStore(database);
  ctx = await seedMeetingTeam(store, NOW);
  // Bob owns 抖音: the form offers him as the action's owner, whoever presses.
  const bob = await store.members.ensure(ctx.workspace.id, 'UBOB', { displayName: 'bob' });
  await store.segments.setOwner(ctx.workspace.id, 'douyin', bob.id);
});
afterAll(async () => {
  await store.close();
  await database.drop();
});

describe('the “+ Action” button', () => {
  it('opens a form on the number, its owner prefilled, and writes the action with the number then', async () => {
    const form = await press(NEW_ACTION_ACTION, { metric: 'roi', segment: 'douyin' });
    expect(form.ephemeral).toBe(true);
    expect(form.form?.id).toBe(ACTION_SUBMIT_ACTION);
    expect(form.form?.intro).toContain('Douyin · ROI');
    expect(form.form?.fields.map((f) => [f.id, f.initial ?? '', Boolean(f.optional)])).toEqual([
      ['text', '', false],
      ['owner', '@bob', false],
      ['due', '', true],
    ]);
    // Where no form opens, the answer says the command that does the same.
    expect(texts(form)).toContain('/growth action add <what will be done> owner @bob on roi douyin');

    const value = { ...JSON.parse(form.form!.value), fields: { text: 'cut  douyin bids\n10%', owner: '@bob', due: '2026-12-04' } };
    const saved = await press(ACTION_SUBMIT_ACTION, value);
    // W48 抖音 (the 7 days to 1 Dec, 25 Nov–1 Dec): spend 1000 + 500 = 1500, revenue 1253 + 700 = 1953, ROI 30.2%.
    expect(texts(saved)).toContain('Action #1 created: cut douyin bids 10% (@bob, due 2026-12-04) — Douyin · ROI 30.2%');
    const [action] = await store.meeting.actions(ctx.workspace.id);
    expect(action).toMatchObject({ number: 1, metric: 'roi', segment: 'douyin', dueDay: '2026-12-04', creatorId: ctx.member.id });
    expect(action?.baseValue).toBeCloseTo(453 / 1500, 10);
    expect(await store.audit.list(ctx.workspace.id, { action: 'meeting.action.add' })).toHaveLength(1);
  });

  it('on an alert, offers whom the alert mentions as the owner (its rule’s owners before the channel’s)', async () => {
    const carol = await store.members.ensure(ctx.workspace.id, 'UCAROL', { displayName: 'carol' });
    const rule = await store.alerts.createRule(
      newRule({
        workspaceId: ctx.workspace.id,
        name: 'roi each',
        metric: 'roi',
        scope: 'each',
        params: { type: 'threshold', op: 'below', value: 0.3, window: { kind: 'day' } },
        owners: [carol.id],
      }),
    );
    const alert = { id: 'alert-roi-douyin', workspaceId: ctx.workspace.id, ruleId: rule.id, segment: 'douyin', state: 'firing' as const };
    await store.alerts.open({
      ...alert,
      value: 0.25,
      threshold: 0.3,
      detail: { metric: 'roi', trend: [], day: '2026-12-01' },
      firedAt: NOW,
      reminders: 0,
      recoveredStreak: 0,
    });
    const owner = async (value: unknown) => (await press(NEW_ACTION_ACTION, value)).form?.fields.find((f) => f.id === 'owner')?.initial;
    expect(await owner({ metric: 'roi', segment: 'douyin', alert: alert.id })).toBe('@carol');
    // Not about this number, or gone: the channel's owner, as without an alert.
    expect(await owner({ metric: 'roi', segment: 'sem', alert: alert.id })).not.toBe('@carol');
    expect(await owner({ metric: 'roi', segment: 'douyin', alert: 'gone' })).toBe('@bob');
  });

  it('an empty text asks for one; an owner typed without @ is still found; a bad day gets the usage; none of them writes', async () => {
    const before = (await store.meeting.actions(ctx.workspace.id)).length;
    const value = (fields: Record<string, string>) => ({ metric: 'roi', segment: 'sem', fields });
    expect(texts(await press(ACTION_SUBMIT_ACTION, value({ text: '  ', owner: '@bob' })))).toBe(
      'An action needs its text: what will be done?',
    );
    expect(texts(await press(ACTION_SUBMIT_ACTION, value({ text: 'raise sem bids', owner: 'bob', due: 'someday' })))).toContain(
      '"someday" is not a day',
    );
    expect(await store.meeting.actions(ctx.workspace.id)).toHaveLength(before);
    expect(texts(await press(ACTION_SUBMIT_ACTION, value({ text: 'raise sem bids', owner: 'bob' })))).toContain(
      'raise sem bids (@bob) — SEM · ROI',
    );
    // An empty owner: whoever submits owns it.
    expect(texts(await press(ACTION_SUBMIT_ACTION, value({ text: 'check sem landing page', owner: '' })))).toContain(
      'check sem landing page (@alice)',
    );
  });

  it('a forged or stale value is a button that no longer works', async () => {
    for (const forged of [{ metric: 'roi owner @x', segment: '' }, { metric: 'roi', segment: 'a b' }, 'nonsense'])
      expect(texts(await press(NEW_ACTION_ACTION, forged))).toBe('This button is no longer active.');
  });

  it('sits on an alert about a number and under the digest’s raised numbers, one id each', async () => {
    const rule = {
      metric: 'roi',
      params: { type: 'threshold', op: 'below', value: 0.3, window: { kind: 'day' } },
      name: 'ROI',
      severity: 'warning',
      recoveryEvaluations: 2,
    };
    const alert = { id: 'a1', segment: 'douyin', state: 'firing', value: 0.25, firedAt: NOW, detail: { trend: [] }, recoveredStreak: 0 };
    const view = alertView(alert as unknown as Alert, {
      locale: 'zh-CN',
      timezone: 'Asia/Shanghai',
      currency: 'CNY',
      rule: rule as unknown as AlertRule,
      metric: undefined,
      segmentName: '抖音',
      owners: [],
    });
    const buttons = view.elements.flatMap((e) => (e.type === 'actions' ? e.actions : []));
    expect(buttons.find((b) => b.id === NEW_ACTION_ACTION)).toMatchObject({
      label: '＋ 行动',
      value: '{"metric":"roi","segment":"douyin","alert":"a1"}',
    });
    const freshness = alertView(alert as unknown as Alert, {
      ...{ locale: 'en', timezone: 'UTC', currency: 'CNY', metric: undefined, segmentName: '', owners: [] },
      rule: { ...rule, metric: '*', params: { type: 'freshness', days: 2 } } as unknown as AlertRule,
    });
    expect(freshness.elements.flatMap((e) => (e.type === 'actions' ? e.actions : [])).map((b) => b.id)).not.toContain(NEW_ACTION_ACTION);

    const digest = buildDigest(await loadDigestData(store, ctx.workspace, NOW), NOW, 'en');
    const row = digest.elements.flatMap((e) =>
      e.type === 'actions' && e.actions.some((a) => a.id.startsWith(NEW_ACTION_ACTION)) ? [e] : [],
    );
    expect(row).toHaveLength(1);
    const ids = row[0]!.actions.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    // W48 against W47: 抖音's ROI fell (30.0% → 25.3%), SEM's rose (0.0% → 20.0%): both raised.
    expect(row[0]!.actions.map((a) => a.label)).toEqual(['+ Action: Douyin · ROI', '+ Action: SEM · ROI']);
  });
});
