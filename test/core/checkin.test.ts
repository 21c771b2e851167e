// The pre-meeting check-in over a real SQLite store with an injected clock: which owner is asked about which
// number (worked out by hand from test/helpers/meeting-fixture.ts), the digest channel when nobody owns
// anything, answered items left out, and the reminder only to those who have not answered, once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAlertDigestSources } from '../../src/core/alerts/alert-digest-sources.ts';
import { runCommand } from '../../src/core/commands/run-command.ts';
import type { DigestSources } from '../../src/core/digest/digest-data.ts';
import { checkinKey, checkinView, sendCheckin } from '../../src/core/digest/send-checkin.ts';
import type { AlertRule } from '../../src/core/ports/alerts.ts';
import type { Store } from '../../src/core/ports/store.ts';
import type { Workspace } from '../../src/core/ports/workspace.ts';
import { plainText } from '../../src/core/views/rich-text.ts';
import type { View } from '../../src/core/views/view.ts';
import { identifyCaller } from '../../src/core/workspace/identify.ts';
import { newRule } from '../helpers/alert-rules.ts';
import { seedMeetingTeam } from '../helpers/meeting-fixture.ts';
import { migratedStore } from '../helpers/migrated-store.ts';
import { sqliteTestDatabase } from '../helpers/test-databases.ts';

const database = sqliteTestDatabase();
let store: Store;
let ws: Workspace;
const ids: Record<string, string> = {};
// Tuesday 1 Dec 2026, 16:00 in Shanghai: the day before the Wednesday digest; the week asked about is W48 (23–29 Nov).
const CHECKIN = new Date('2026-12-01T08:00:00Z');
// Wednesday 2 Dec, 12:00 in Shanghai: 2 hours before the 14:00 digest.
const REMINDER = new Date('2026-12-02T04:00:00Z');
// The alerts store hands the digest (and so the check-in) its alerts, each with the owners its message mentions.
let sources: DigestSources;
const text = (v: unknown) => plainText((v as View).elements.map((e) => ('text' in e ? e.text : '')).join('\n'));
/** A rule on `metric` and its alert on `segment`, opened in W48 (26 Nov). */
async function alerting(
  workspaceId: string,
  metric: string,
  segment: string,
  owners: Partial<Pick<AlertRule, 'owners' | 'segmentOwners'>>,
  opened: { firedAt?: Date; state?: 'firing' | 'resolved' } = {},
) {
  const rule = await store.alerts.createRule(
    newRule({
      workspaceId,
      name: `${metric} ${segment || 'total'}`,
      metric,
      scope: segment ? 'each' : 'total',
      params: { type: 'threshold', op: 'below', value: 1, window: { kind: 'day' } },
      owners: owners.owners ?? [],
      segmentOwners: owners.segmentOwners ?? {},
    }),
  );
  await store.alerts.open({
    id: `alert-${rule.id}`,
    workspaceId,
    ruleId: rule.id,
    segment,
    state: opened.state ?? 'firing',
    value: 0,
    threshold: 1,
    detail: { metric, trend: [], day: '2026-11-25' },
    firedAt: opened.firedAt ?? new Date('2026-11-26T01:00:00Z'),
    reminders: 0,
    recoveredStreak: 0,
  });
  return rule;
}
const posts = async (prefix: string) =>
  (await store.outbox.list({ workspaceId: ws.id }))
    .filter((m) => m.key.startsWith(prefix))
    .sort((a, b) => a.channel.localeCompare(b.channel));

beforeAll(async () => {
  store = await migratedStore(database);
  const ctx = await seedMeetingTeam(store, CHECKIN);
  ws = ctx.workspace;
  for (const name of ['bob', 'carol', 'dave'])
    ids[name] = (await store.members.ensure(ws.id, `U${name.toUpperCase()}`, { displayName: name })).id;
  ids.alice = (await store.members.ensure(ws.id, 'UALICE')).id;
  // alice owns 抖音; bob owns spend and ROI (so SEM, which has no owner, falls to him); carol owns new users; dave nothing.
  await store.segments.setOwner(ws.id, 'douyin', ids.alice);
  await store.metrics.setOwner(ws.id, 'spend', ids.bob as string, 'test');
  await store.metrics.setOwner(ws.id, 'roi', ids.bob as string, 'test');
  await store.metrics.setOwner(ws.id, 'new_users', ids.carol as string, 'test');
  ws = await store.workspaces.update(ws.id, {
    settings: { ...ws.settings, targets: { spend: { op: '<=', value: 1000 } }, digest: { channel: 'C-DIGEST' } },
  });
  // An alert on new users over the whole product, its rule naming nobody: it mentions new users' owner, carol.
  sources = createAlertDigestSources(store);
  await alerting(ws.id, 'new_users', '', {});
});
afterAll(async () => {
  await store.close();
  await database.drop();
});

describe('the check-in', () => {
  it('asks each owner, by direct message, only about the numbers they own', async () => {
    const result = await sendCheckin({ store, sources }, ws, CHECKIN);
    expect(result.queued.sort()).toEqual([ids.alice, ids.bob, ids.carol].sort());
    const sent = await posts(`checkin:${ws.id}:`);
    // One DM each, to the owner's platform id; dave owns nothing and gets nothing.
    expect(sent.map((m) => m.channel)).toEqual(['UALICE', 'UBOB', 'UCAROL']);
    expect(sent.map((m) => m.key)).toContain(checkinKey('checkin', ws.id, CHECKIN, ids.alice as string));
    const [alice, bob, carol] = sent.map((m) => text(m.payload));
    // 抖音 ROI: W47 (1300 − 1000) / 1000 = 30.0%, W48 (1253 − 1000) / 1000 = 25.3%: −4.7pp, the largest fall.
    expect(alice).toContain('@UALICE, before the digest goes out, these numbers you own need a word from you:');
    expect(alice).toContain('Douyin · ROI 25.3% (−4.7pp) · a large week-over-week move');
    expect(alice).toContain('What happened, and what will you do? Answer with /growth note 抖音 <what happened, what you will do>');
    expect(alice).not.toContain('SEM');
    // bob: spend 1,500 against ≤ 1,000 is 50% off target; SEM ROI 0.0% → 20.0% (no SEM owner: the ROI owner);
    // total ROI (1853 − 1500) / 1500 = 23.5% against (1800 − 1500) / 1500 = 20.0%, a move of 17.6% ≥ 10%.
    expect(bob).toContain('Spend CN¥1,500 (±0.0%) · 10% or more off target');
    expect(bob).toContain('Answer with /growth note spend <what happened, what you will do>');
    expect(bob).toContain('SEM · ROI 20.0% (+20.0pp) · a large week-over-week move');
    expect(bob).toContain('Answer with /growth note SEM <what happened, what you will do>');
    expect(bob).toContain('ROI 23.5% (+3.5pp) · a large week-over-week move');
    expect(bob).not.toContain('Douyin');
    expect(carol).toContain('New users');
    expect(carol).toContain('alerted this week');
    expect(carol?.match(/What happened/g)).toHaveLength(1);
  });

  it('lists at most 12 items in one message and counts the rest (a message has a size limit)', () => {
    const item = {
      metric: 'spend',
      segment: '',
      reasons: ['alert' as const],
      names: { 'zh-CN': '花费', en: 'Spend' },
      value: 1,
      unit: 'currency' as const,
      change: null,
      noteWords: 'spend',
    };
    const view = checkinView(
      'checkin',
      Array.from({ length: 15 }, () => item),
      ws,
      '2026-W48',
      'UALICE',
    );
    expect(view.elements.filter((e) => e.type === 'actions')).toHaveLength(12);
    expect(text(view)).toContain('… and 3 more');
  });

  it('sends a slot once, however often it runs', async () => {
    const again = await sendCheckin({ store, sources }, ws, CHECKIN);
    expect(again.queued).toEqual([]);
    expect(again.duplicate).toHaveLength(3);
    expect(await posts(`checkin:${ws.id}:`)).toHaveLength(3);
  });

  it('leaves out what a note already explains, and reminds only those who have not answered, once', async () => {
    const alice = await identifyCaller(
      store,
      { platform: 'slack', teamId: 'T1', userId: 'UALICE' },
      { timezone: 'Asia/Shanghai', locale: 'en' },
    );
    const noted = await runCommand(
      { store, ...alice, now: new Date('2026-12-01T09:00:00Z') },
      '/growth',
      'note 抖音 creative fatigue, new creatives Thursday',
    );
    expect(text(noted)).toContain('Noted for Douyin (2026-W48');
    const reminder = await sendCheckin({ store, sources }, ws, REMINDER, 'reminder');
    expect(reminder.queued.sort()).toEqual([ids.bob, ids.carol].sort());
    const sent = await posts(`checkin-reminder:${ws.id}:`);
    expect(sent.map((m) => m.channel)).toEqual(['UBOB', 'UCAROL']);
    expect(text(sent[0]?.payload)).toContain('Reminder: the digest goes out in 2 hours · 2026-W48');
    expect(text(sent[0]?.payload)).toContain('@UBOB, these numbers still have no word from you:');
    // Once per slot: the reminder run again sends nothing new.
    expect((await sendCheckin({ store, sources }, ws, REMINDER, 'reminder')).queued).toEqual([]);
    // A reminder caught up after the week's digest was queued sends nothing.
    await store.outbox.enqueue({ workspaceId: ws.id, key: `digest:${ws.id}:2026-W48`, kind: 'post', channel: 'C-DIGEST', payload: {} });
    expect(await sendCheckin({ store, sources }, ws, new Date('2026-12-02T04:30:00Z'), 'reminder')).toMatchObject({
      late: true,
      queued: [],
    });
    // A later check-in slot asks alice nothing: her one item has its note.
    const later = await sendCheckin({ store, sources }, ws, new Date('2026-12-01T10:00:00Z'));
    expect(later.queued).not.toContain(ids.alice);
  });

  it('asks about an alert the owners its message mentions, and nobody else', async () => {
    // A rule on each channel's ROI names carol, and dave for SEM; a rule on spend names dave and alice.
    await alerting(ws.id, 'roi', 'sem', { owners: [ids.carol as string], segmentOwners: { sem: [ids.dave as string] } });
    await alerting(ws.id, 'spend', '', { owners: [ids.dave as string, ids.alice as string] });
    const week = { from: new Date('2026-11-22T16:00:00Z'), to: new Date('2026-11-29T16:00:00Z') };
    const alerts = (await sources.alertsOfWeek?.(ws.id, week.from, week.to)) ?? [];
    // The mentions the alert messages and the digest carry: the rule's owner for the channel beats the rule's
    // owners; a rule naming nobody falls back to the metric's owner.
    expect(alerts.map((a) => [a.metricKey, a.segment, a.ownerUserIds].join(' ')).sort()).toEqual([
      'new_users  UCAROL',
      'roi sem UDAVE',
      'spend  UDAVE,UALICE',
    ]);

    // A later slot of the same week (alice's note explains Douyin): each alert is asked of whom it mentions.
    const slot = new Date('2026-12-01T09:30:00Z');
    const result = await sendCheckin({ store, sources }, ws, slot);
    expect(result.queued.sort()).toEqual([ids.alice, ids.bob, ids.carol, ids.dave].sort());
    const sent = (await posts(`checkin:${ws.id}:${slot.toISOString()}`)).map((m) => [m.channel, text(m.payload)] as const);
    const to = Object.fromEntries(sent);
    // dave: SEM's ROI (its alert, and a move: 0.0% → 20.0%) and spend (its alert; 1,500 against ≤ 1,000).
    expect(to.UDAVE).toContain('SEM · ROI 20.0% (+20.0pp) · alerted this week, a large week-over-week move');
    expect(to.UDAVE).toContain('Spend CN¥1,500 (±0.0%) · alerted this week');
    expect(to.UALICE).toContain('Spend CN¥1,500');
    expect(to.UALICE).not.toContain('SEM');
    // bob owns spend and ROI, but those alerts name others: he is asked only about the total ROI's move.
    expect(to.UBOB).not.toContain('Spend');
    expect(to.UBOB).not.toContain('SEM');
    expect(to.UBOB?.match(/What happened/g)).toHaveLength(1);
    expect(to.UBOB).toContain('ROI 23.5% (+3.5pp) · a large week-over-week move');
    // carol is named by the ROI rule, but not for SEM: she is asked only about new users.
    expect(to.UCAROL).not.toContain('SEM');
    expect(to.UCAROL?.match(/What happened/g)).toHaveLength(1);
    expect(to.UCAROL).toContain('New users');
  });

  it('asks too about an alert opened after the week that is still open, and not about one already resolved', async () => {
    // Monday 30 Nov (W49), on Sunday's numbers: the meeting on Wednesday discusses it as well.
    const monday = new Date('2026-11-30T01:00:00Z');
    await alerting(ws.id, 'cac', 'sem', { owners: [ids.dave as string] }, { firedAt: monday });
    await alerting(ws.id, 'revenue', '', { owners: [ids.dave as string] }, { firedAt: monday, state: 'resolved' });
    const slot = new Date('2026-12-01T10:30:00Z');
    await sendCheckin({ store, sources }, ws, slot);
    const sent = Object.fromEntries((await posts(`checkin:${ws.id}:${slot.toISOString()}`)).map((m) => [m.channel, text(m.payload)]));
    expect(sent.UDAVE).toMatch(/SEM · CAC [^\n]*alerted this week/);
    expect(sent.UDAVE).not.toContain('Revenue');
    // Nobody else is asked about it: bob owns SEM's numbers by default, but the alert names dave.
    expect(sent.UBOB ?? '').not.toContain('CAC');
  });

  it('posts the check-in in the digest channel when nobody owns anything, and says so when there is no channel', async () => {
    const t2 = await identifyCaller(
      store,
      { platform: 'slack', teamId: 'T2', userId: 'UZED' },
      { timezone: 'Asia/Shanghai', locale: 'zh-CN' },
    );
    await store.segments.ensure(t2.workspace.id, [{ key: 'douyin', name: '抖音' }]);
    await store.observations.upsert(
      t2.workspace.id,
      [
        { metric: 'spend', segment: 'douyin', day: '2026-11-18', value: 1000 },
        { metric: 'revenue', segment: 'douyin', day: '2026-11-18', value: 1300 },
        { metric: 'spend', segment: 'douyin', day: '2026-11-25', value: 1000 },
        { metric: 'revenue', segment: 'douyin', day: '2026-11-25', value: 1253 },
      ],
      { source: 'csv', actor: 'test' },
    );
    const nowhere = await sendCheckin({ store }, t2.workspace, CHECKIN);
    expect(nowhere).toMatchObject({ nowhere: true, queued: [] });
    const withChannel = await store.workspaces.update(t2.workspace.id, { settings: { digest: { channel: 'C-T2' } } });
    const result = await sendCheckin({ store }, withChannel, CHECKIN);
    expect(result.queued).toEqual(['channel']);
    const [post] = (await store.outbox.list({ workspaceId: t2.workspace.id })).filter((m) => m.key.startsWith('checkin:'));
    expect(post?.channel).toBe('C-T2');
    expect(text(post?.payload)).toContain('还没有指定负责人，所以会前确认发在这里');
    expect(text(post?.payload)).toContain('抖音 · ROI 25.3%');
    expect(text(post?.payload)).toContain('发生了什么？你打算怎么做？回复：/growth note 抖音 <发生了什么，打算怎么做>');
    // The reminder is for owners: the channel had its check-in once and gets no reminder.
    expect((await sendCheckin({ store }, withChannel, REMINDER, 'reminder')).queued).toEqual([]);

    // A rule that names its owner: its alert goes to that owner alone, not to the channel.
    const zoe = await store.members.ensure(t2.workspace.id, 'UZOE', { displayName: 'zoe' });
    await alerting(t2.workspace.id, 'roi', 'douyin', { owners: [zoe.id] });
    const slot = new Date('2026-12-01T09:00:00Z');
    const alerted = await sendCheckin({ store, sources: createAlertDigestSources(store) }, withChannel, slot);
    expect(alerted.queued).toEqual([zoe.id]);
    const [dm] = (await store.outbox.list({ workspaceId: t2.workspace.id })).filter((m) =>
      m.key.startsWith(`checkin:${t2.workspace.id}:${slot.toISOString()}`),
    );
    expect(dm?.channel).toBe('UZOE');
    expect(text(dm?.payload)).toContain('抖音 · ROI 25.3%');
    expect(text(dm?.payload)).toContain('本周有告警');
  });
});
