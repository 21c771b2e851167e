// Alert scenarios over a compressed clock with real storage and a chat platform's fake API. The same
// scenarios run for every platform: a driver gives the sender and reads what the fake platform received.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateWorkspace } from '../../src/core/alerts/evaluate-rules.ts';
import { registerAlerts } from '../../src/core/alerts/register-alerts.ts';
import { tickWorkspace } from '../../src/core/alerts/remind-alerts.ts';
import type { CommandContext } from '../../src/core/commands/command-context.ts';
import { createInteractions } from '../../src/core/commands/interactions.ts';
import { runCommand } from '../../src/core/commands/run-command.ts';
import { createOutboxRelay } from '../../src/core/delivery/outbox-relay.ts';
import type { Alert } from '../../src/core/ports/alerts.ts';
import type { ChatSender } from '../../src/core/ports/chat-sender.ts';
import type { Store } from '../../src/core/ports/store.ts';
import type { Platform, Workspace } from '../../src/core/ports/workspace.ts';
import { addDays } from '../../src/core/time/day-math.ts';
import { migratedStore } from '../helpers/migrated-store.ts';
import { sqliteTestDatabase } from '../helpers/test-databases.ts';

// Wired as the composition root (startApp) wires it: alert buttons, reactions and evaluation after writes.
registerAlerts();

/** What a platform's fake received, reduced to what the scenarios check. */
export interface DeliveredMessage {
  kind: 'post' | 'reply' | 'update';
  channel: string;
  /** The platform id of the message (post), or of the message replied to / updated. */
  ref: string;
  /** Everything the platform got, as text (blocks or card JSON included), to look for numbers and mentions. */
  body: string;
}

export interface AlertPlatformDriver {
  platform: Platform;
  /** How the platform writes a mention of a user id in what it receives. */
  mentionOf(userId: string): string;
  start(): Promise<{ sender: ChatSender; delivered(): DeliveredMessage[]; close(): Promise<void> }>;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** 09:00 in Asia/Shanghai on a day. */
const nineAm = (day: string) => new Date(`${day}T01:00:00Z`);

export function alertScenarios(driver: AlertPlatformDriver): void {
  describe(`alert scenarios on ${driver.platform}`, () => {
    const database = sqliteTestDatabase();
    let store: Store;
    let chat: Awaited<ReturnType<AlertPlatformDriver['start']>>;
    let clock = new Date();

    beforeAll(async () => {
      store = await migratedStore(database);
      chat = await driver.start();
    });
    afterAll(async () => {
      await chat.close();
      await store.close();
      await database.drop();
    });

    const relay = () =>
      createOutboxRelay({
        outbox: store.outbox,
        senderFor: async () => chat.sender,
        worker: 'scenario',
        now: () => clock,
        random: () => 0.5,
      });
    async function deliver(): Promise<void> {
      for (let i = 0; i < 5; i++) if ((await relay().runOnce()).sent === 0) return;
    }

    /** A workspace with two channels, their owners, a manager, and a rule on channel ROI (3 days down ≥10%). */
    async function workspace(options: { recover?: number; escalateAfter?: number } = {}) {
      const ws = await store.workspaces.ensure({
        platform: driver.platform,
        externalId: `T-${randomUUID().slice(0, 8)}`,
        name: 'Scenario',
        timezone: 'Asia/Shanghai',
        locale: 'en',
      });
      const admin = await store.members.ensure(ws.id, 'U_ADMIN', { role: 'admin' });
      const owner = await store.members.ensure(ws.id, 'U_DOUYIN');
      await store.members.ensure(ws.id, 'U_BOSS', { role: 'manager' });
      await store.segments.ensure(ws.id, [
        { key: 'douyin', name: '抖音' },
        { key: 'xiaohongshu', name: '小红书' },
      ]);
      await store.segments.setOwner(ws.id, 'douyin', owner.id);
      const settled = await store.workspaces.update(ws.id, { settings: { alerts: { enabled: true, channel: 'C_ALERTS' } } });
      const rule = await store.alerts.createRule({
        workspaceId: ws.id,
        name: 'Channel ROI sliding',
        metric: 'roi',
        scope: 'each',
        params: { type: 'consecutive', direction: 'fall', days: 3, by: 0.1, unit: 'percent' },
        severity: 'warning',
        owners: [],
        segmentOwners: {},
        repeatMinutes: 24 * 60,
        escalateAfter: options.escalateAfter ?? 1,
        escalateTo: [],
        recoveryEvaluations: options.recover ?? 2,
        note: '策略复盘',
        enabled: true,
      });
      return { ws: settled, admin, rule };
    }

    /** Spend 1000 a day per channel; revenue follows the ROI of each day. */
    async function roiDays(ws: Workspace, from: string, rois: Record<string, number[]>): Promise<void> {
      const rows = Object.entries(rois).flatMap(([segment, values]) =>
        values.flatMap((roi, i) => [
          { metric: 'spend', segment, day: addDays(from, i), value: 1000 },
          { metric: 'revenue', segment, day: addDays(from, i), value: Math.round(1000 * (1 + roi) * 100) / 100 },
          { metric: 'new_users', segment, day: addDays(from, i), value: 20 },
        ]),
      );
      await store.observations.upsert(ws.id, rows, { source: 'test', actor: 'test' });
    }

    const posts = () => chat.delivered().filter((m) => m.kind === 'post');
    const repliesTo = (ref: string) => chat.delivered().filter((m) => m.kind === 'reply' && m.ref === ref);
    const openAlert = async (ws: Workspace): Promise<Alert> => (await store.alerts.listOpen(ws.id))[0] as Alert;
    const sentRef = async (alert: Alert) => (await store.outbox.findByKey(alert.messageKey as string))?.platformMessageId as string;
    const ctxFor = async (ws: Workspace, user: string): Promise<CommandContext> => ({
      store,
      workspace: (await store.workspaces.get(ws.id)) as Workspace,
      member: await store.members.ensure(ws.id, user),
      now: clock,
      channel: 'C_ALERTS',
    });
    async function evaluateOn(ws: Workspace, day: string) {
      clock = nineAm(day);
      const summary = await evaluateWorkspace(store, ws, clock);
      await deliver();
      return summary;
    }
    async function tickAt(ws: Workspace, at: Date) {
      clock = at;
      const changed = await tickWorkspace(store, ws, clock);
      await deliver();
      return changed;
    }

    // Ten steady days, then 抖音's ROI falls 12%, 11% and 15% on three consecutive days (0.30 → 0.264 → 0.235 → 0.2).
    const steady = Array(10).fill(0.3) as number[];
    const slide = [0.3 * 0.88, 0.3 * 0.88 * 0.89, 0.3 * 0.88 * 0.89 * 0.85];

    it('fires once on the third day of the slide, mentioning the channel owner, and a fourth bad day does not ping again', async () => {
      const { ws } = await workspace();
      const start = chat.delivered().length;
      await roiDays(ws, '2026-11-01', { douyin: [...steady, ...slide], xiaohongshu: [...steady, 0.31, 0.3, 0.29] });
      expect((await evaluateOn(ws, '2026-11-12')).fired).toBe(0); // D = 11-11: one day down
      expect((await evaluateOn(ws, '2026-11-13')).fired).toBe(0); // two days down
      const third = await evaluateOn(ws, '2026-11-14'); // D = 11-13: the third day
      expect(third.fired).toBe(1);
      const fired = posts().slice(start);
      expect(fired).toHaveLength(1);
      expect(fired[0]?.channel).toBe('C_ALERTS');
      expect(fired[0]?.body).toContain(driver.mentionOf('U_DOUYIN'));
      expect(fired[0]?.body).toContain('Douyin'); // the channel's name in the workspace's language
      expect(fired[0]?.body).toContain('20.0%'); // ROI on 11-13
      expect(fired[0]?.body).toContain('策略复盘');
      const alert = await openAlert(ws);
      expect(alert.segment).toBe('douyin');
      expect(alert.detail.changes?.map((c) => Math.round(c.value * 100))).toEqual([-12, -11, -15]);

      await roiDays(ws, '2026-11-14', { douyin: [0.17] });
      const before = chat.delivered().length;
      expect((await evaluateOn(ws, '2026-11-15')).fired).toBe(0);
      const after = chat.delivered().slice(before);
      expect(after.filter((m) => m.kind !== 'update')).toEqual([]); // the message updates; nobody is pinged
      expect(after.some((m) => m.kind === 'update' && m.body.includes('17.0%'))).toBe(true);
      expect(await store.alerts.listOpen(ws.id)).toHaveLength(1);
    });

    it('unacknowledged: one reminder after the interval, then an escalation to the manager, then quiet', async () => {
      const { ws } = await workspace({ escalateAfter: 1 });
      await roiDays(ws, '2026-11-01', { douyin: [...steady, ...slide] });
      await evaluateOn(ws, '2026-11-14');
      const alert = await openAlert(ws);
      const ref = await sentRef(alert);
      expect(await tickAt(ws, new Date(clock.getTime() + 23 * HOUR))).toBe(0);
      expect(await tickAt(ws, new Date(alert.firedAt.getTime() + DAY))).toBe(1);
      const reminders = repliesTo(ref);
      expect(reminders).toHaveLength(1);
      expect(reminders[0]?.body).toContain(driver.mentionOf('U_DOUYIN'));
      expect(reminders[0]?.body).not.toContain(driver.mentionOf('U_BOSS'));
      expect(await tickAt(ws, new Date(alert.firedAt.getTime() + 2 * DAY))).toBe(1);
      expect(repliesTo(ref)).toHaveLength(2);
      expect(repliesTo(ref)[1]?.body).toContain(driver.mentionOf('U_BOSS'));
      expect(await tickAt(ws, new Date(alert.firedAt.getTime() + 5 * DAY))).toBe(0);
      expect(repliesTo(ref)).toHaveLength(2);
      const events = (await store.alerts.events(ws.id, alert.id)).map((e) => e.type);
      expect(events).toEqual(['fired', 'reminded', 'escalated']);
    });

    it('acknowledged: no reminder; a duplicate click or reaction changes the state once', async () => {
      const { ws } = await workspace();
      await roiDays(ws, '2026-11-01', { douyin: [...steady, ...slide] });
      await evaluateOn(ws, '2026-11-14');
      const alert = await openAlert(ws);
      const ref = await sentRef(alert);
      const interactions = createInteractions();
      clock = new Date(clock.getTime() + HOUR);
      const first = await interactions.onAction(await ctxFor(ws, 'U_DOUYIN'), { actionId: 'gb.alert.ack', value: alert.id });
      expect(first.ephemeral).toBeFalsy();
      expect(JSON.stringify(first)).toContain('Acknowledged by');
      const second = await interactions.onAction(await ctxFor(ws, 'U_DOUYIN'), { actionId: 'gb.alert.ack', value: alert.id });
      expect(second.ephemeral).toBe(true);
      await interactions.onReaction(await ctxFor(ws, 'U_OTHER'), { messageRef: `C_ALERTS:${ref}`, reaction: 'white_check_mark' });
      await interactions.onReaction(await ctxFor(ws, 'U_OTHER'), { messageRef: ref, reaction: 'DONE' });
      const events = (await store.alerts.events(ws.id, alert.id)).map((e) => e.type);
      expect(events).toEqual(['fired', 'acknowledged']);
      await deliver();
      expect(chat.delivered().some((m) => m.kind === 'update' && m.ref === ref && m.body.includes('Acknowledged by'))).toBe(true);
      expect(await tickAt(ws, new Date(alert.firedAt.getTime() + 3 * DAY))).toBe(0);
      expect(repliesTo(ref)).toEqual([]);
    });

    it('a snooze that runs out while the metric still fails pings the owner again; a 💤 reaction snoozes a day', async () => {
      const { ws } = await workspace();
      await roiDays(ws, '2026-11-01', { douyin: [...steady, ...slide] });
      await evaluateOn(ws, '2026-11-14');
      const alert = await openAlert(ws);
      const ref = await sentRef(alert);
      const view = await createInteractions().onAction(await ctxFor(ws, 'U_DOUYIN'), { actionId: 'gb.alert.snooze.60', value: alert.id });
      expect(JSON.stringify(view)).toContain('Snoozed by');
      expect(await tickAt(ws, new Date(clock.getTime() + 30 * 60_000))).toBe(0);
      expect(await tickAt(ws, new Date(clock.getTime() + 31 * 60_000))).toBe(1);
      expect(repliesTo(ref)).toHaveLength(1);
      expect(repliesTo(ref)[0]?.body).toContain(driver.mentionOf('U_DOUYIN'));
      expect((await store.alerts.get(ws.id, alert.id))?.state).toBe('firing');
      await createInteractions().onReaction(await ctxFor(ws, 'U_DOUYIN'), { messageRef: `C_ALERTS:${ref}`, reaction: 'zzz' });
      const snoozed = await store.alerts.get(ws.id, alert.id);
      expect(snoozed?.state).toBe('snoozed');
      expect(snoozed?.snoozedUntil?.getTime()).toBe(clock.getTime() + DAY);
    });

    it('recovers only after M evaluations: the original message is updated and a reply goes into its thread', async () => {
      const { ws } = await workspace({ recover: 2 });
      await roiDays(ws, '2026-11-01', { douyin: [...steady, ...slide, 0.21, 0.22] });
      await evaluateOn(ws, '2026-11-14');
      const alert = await openAlert(ws);
      const ref = await sentRef(alert);
      const topLevel = posts().length;
      await evaluateOn(ws, '2026-11-15'); // D = 11-14: ROI rose, fine once
      expect((await store.alerts.get(ws.id, alert.id))?.state).toBe('firing');
      expect((await store.alerts.get(ws.id, alert.id))?.recoveredStreak).toBe(1);
      expect(repliesTo(ref)).toEqual([]);
      await evaluateOn(ws, '2026-11-15'); // the same day again (an ingest): does not count twice
      expect((await store.alerts.get(ws.id, alert.id))?.recoveredStreak).toBe(1);
      await evaluateOn(ws, '2026-11-16'); // fine twice: resolved
      const resolved = await store.alerts.get(ws.id, alert.id);
      expect(resolved?.state).toBe('resolved');
      expect(posts().length).toBe(topLevel); // nothing new at the top of the channel
      expect(repliesTo(ref)).toHaveLength(1);
      expect(repliesTo(ref)[0]?.body).toContain('Recovered');
      const updates = chat.delivered().filter((m) => m.kind === 'update' && m.ref === ref);
      expect(updates[updates.length - 1]?.body).toContain('✅');
      expect(await store.alerts.listOpen(ws.id)).toEqual([]);
    });

    it('resolved by hand while still failing: no new alert on the same day’s numbers; the next bad day fires again', async () => {
      const { ws } = await workspace();
      await roiDays(ws, '2026-11-01', { douyin: [...steady, ...slide, 0.17] });
      await evaluateOn(ws, '2026-11-14');
      const alert = await openAlert(ws);
      const topLevel = posts().length;
      await createInteractions().onAction(await ctxFor(ws, 'U_DOUYIN'), { actionId: 'gb.alert.resolve', value: alert.id });
      clock = new Date(clock.getTime() + HOUR);
      expect((await evaluateWorkspace(store, ws, clock)).fired).toBe(0); // an ingest re-evaluating 11-13
      await deliver();
      expect(posts().length).toBe(topLevel);
      expect((await evaluateOn(ws, '2026-11-15')).fired).toBe(1); // 11-14 fell again: a new alert
    });

    it('a snooze that ends while the metric is recovering does not ping', async () => {
      const { ws } = await workspace({ recover: 3 });
      await roiDays(ws, '2026-11-01', { douyin: [...steady, ...slide, 0.21] });
      await evaluateOn(ws, '2026-11-14');
      const alert = await openAlert(ws);
      const ref = await sentRef(alert);
      await createInteractions().onAction(await ctxFor(ws, 'U_DOUYIN'), { actionId: 'gb.alert.snooze.60', value: alert.id });
      await evaluateOn(ws, '2026-11-15'); // fine once: recovering (1 of 3)
      expect((await store.alerts.get(ws.id, alert.id))?.recoveredStreak).toBe(1);
      expect(await tickAt(ws, new Date(clock.getTime() + 2 * HOUR))).toBe(1);
      expect((await store.alerts.get(ws.id, alert.id))?.state).toBe('firing');
      expect(repliesTo(ref)).toEqual([]);
    });

    it('reactions are the workspace’s to choose: an admin maps :eyes: to Acknowledge and turns 💤 off', async () => {
      const { ws } = await workspace();
      await roiDays(ws, '2026-11-01', { douyin: [...steady, ...slide] });
      await evaluateOn(ws, '2026-11-14');
      const alert = await openAlert(ws);
      const ref = await sentRef(alert);
      expect(JSON.stringify(await runCommand(await ctxFor(ws, 'U_DOUYIN'), '/alerts', 'reaction eyes ack'))).toContain('⛔');
      expect(JSON.stringify(await runCommand(await ctxFor(ws, 'U_ADMIN'), '/alerts', 'reaction :eyes: ack'))).toContain(':eyes:');
      expect(JSON.stringify(await runCommand(await ctxFor(ws, 'U_ADMIN'), '/alerts', 'reaction zzz off'))).toContain('no longer');
      expect(JSON.stringify(await runCommand(await ctxFor(ws, 'U_ADMIN'), '/alerts', 'reaction zzz sometimes'))).toContain(
        'Could not read',
      );
      await createInteractions().onReaction(await ctxFor(ws, 'U_DOUYIN'), { messageRef: `C_ALERTS:${ref}`, reaction: 'zzz' });
      expect((await store.alerts.get(ws.id, alert.id))?.state).toBe('firing');
      await createInteractions().onReaction(await ctxFor(ws, 'U_DOUYIN'), { messageRef: `C_ALERTS:${ref}`, reaction: 'eyes' });
      expect((await store.alerts.get(ws.id, alert.id))?.state).toBe('acknowledged');
    });

    it('turning a rule off resolves its open alert: the message updates and says who closed it', async () => {
      const { ws } = await workspace();
      await roiDays(ws, '2026-11-01', { douyin: [...steady, ...slide] });
      await evaluateOn(ws, '2026-11-14');
      const alert = await openAlert(ws);
      const ref = await sentRef(alert);
      expect(JSON.stringify(await runCommand(await ctxFor(ws, 'U_ADMIN'), '/alerts', 'rule off 1'))).toContain('Rule off');
      expect((await store.alerts.get(ws.id, alert.id))?.state).toBe('resolved');
      await deliver();
      const updates = chat.delivered().filter((m) => m.kind === 'update' && m.ref === ref);
      expect(updates.at(-1)?.body).not.toContain('gb.alert.ack');
      expect(repliesTo(ref).at(-1)?.body).toContain(driver.mentionOf('U_ADMIN'));
      expect((await evaluateOn(ws, '2026-11-15')).fired).toBe(0); // an off rule is not evaluated
    });

    it('ROI from −5% to −20% is a 15-point fall, never a change divided by a negative baseline', async () => {
      const { ws, rule } = await workspace();
      await store.alerts.updateRule(ws.id, rule.id, {
        params: { type: 'consecutive', direction: 'fall', days: 2, by: 0.1, unit: 'percent' },
      });
      await roiDays(ws, '2026-11-01', { douyin: [...steady, -0.05, -0.2] });
      // 0.3 → −0.05 is a relative fall (−117%); −0.05 → −0.2 is absolute (−15 points).
      expect((await evaluateOn(ws, '2026-11-13')).fired).toBe(1);
      const alert = await openAlert(ws);
      expect(alert.detail.changes?.map((c) => c.absolute)).toEqual([false, true]);
      expect(alert.detail.changes?.[1]?.value).toBeCloseTo(-0.15, 10);
      const body = posts()[posts().length - 1]?.body ?? '';
      expect(body).toContain('−15.0pp');
      expect(body).not.toMatch(/Infinity|NaN|−300/);
    });

    it('an action carrying another workspace’s alert id is refused and changes nothing', async () => {
      const a = await workspace();
      const b = await workspace();
      await roiDays(a.ws, '2026-11-01', { douyin: [...steady, ...slide] });
      await evaluateOn(a.ws, '2026-11-14');
      const alert = await openAlert(a.ws);
      const view = await createInteractions().onAction(await ctxFor(b.ws, 'U_ADMIN'), { actionId: 'gb.alert.resolve', value: alert.id });
      expect(view.ephemeral).toBe(true);
      expect(JSON.stringify(view)).toContain('no longer exists');
      expect((await store.alerts.get(a.ws.id, alert.id))?.state).toBe('firing');
      const list = await runCommand(await ctxFor(b.ws, 'U_ADMIN'), '/alerts', '');
      expect(JSON.stringify(list)).not.toContain(alert.id);
    });
  });
}
