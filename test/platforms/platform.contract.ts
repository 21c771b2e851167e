// One behaviour, every chat platform: the same cases run against Slack (signed requests to the real Bolt
// receiver, the real WebClient and a fake Slack API), the local sandbox (its HTTP routes) and Feishu (signed,
// encrypted events, the real lark.Client and a fake Open API). A driver plays the platform for a user.
// Add a case here and every platform runs it; a platform without a concept (the sandbox has no retries
// and no reactions) leaves the method out and the case is skipped for it.
import { createHash } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ADD_CHANNEL_ACTION } from '../../src/core/commands/add-channel-action.ts';
import { type CommandRunner, runInboundCommand } from '../../src/core/inbound/inbound-pipeline.ts';
import type { ReactionInput } from '../../src/core/interactions/interaction-handlers.ts';
import type { Store } from '../../src/core/ports/store.ts';
import { seedTotalSpendRule } from '../helpers/spend-alert.ts';

/** How a test bends the core behind a driver: a tighter answer budget, commands that are slow or fail. */
export interface DriverOptions {
  ackBudgetMs?: number;
  commands?: CommandRunner;
  /** A brand-new workspace: no channels and no values (the README's "Try it" starts there). */
  empty?: boolean;
  /**
   * The time the app sees: every command, button and form answer, and the outbox relay in `deliver`. Read at
   * each step, so a test moves time forward between steps. Default: Sunday 2026-11-22 12:00 in Asia/Shanghai
   * (上周 is 2026-W46, the week of test/helpers/seed-channels.ts).
   */
  clock?: () => Date;
}

/** Who acts in a step: another person in the chat, by the id the platform gives them (`PlatformDriver.userId`). */
export interface ActingAs {
  /** The person's external id; absent, the driver's default user (`userId()`). */
  user?: string;
}

/** A form's answer: the fields a user types over the prefilled ones. */
export interface FormAnswer extends ActingAs {
  /** Fields by id to type (`due`, `owner`); every other field goes as it was prefilled, as a user leaves it. */
  fields?: Record<string, string>;
}

export interface PlatformDriver {
  readonly store: Store;
  /** The store's database (a SQLite file URL), for the CLI run against the same data. */
  readonly databaseUrl: string;
  /** The user's workspace, holding the week of channel data of test/helpers/seed-channels.ts. */
  readonly workspaceId: string;
  /**
   * The id the platform gives a person (Slack's user id, Feishu's open_id): the driver's default user without a
   * name, a stable id of the platform's shape for a name (`userId('bob')`), to act as with `{ user }`. A platform
   * with one person (the sandbox) has only the default user, and throws for a name.
   */
  userId(name?: string): string;
  /** Sends a command as a user, as the platform delivers it; resolves with the answer the platform received, as plain text. */
  command(text: string, as?: ActingAs): Promise<string>;
  /** Delivers one command event twice, as a platform retry does; resolves with how many answers the platform received. */
  commandTwice?(text: string): Promise<number>;
  /** Presses a button on an answer; resolves with what the platform shows instead, as plain text. */
  press(actionId: string, value: string, as?: ActingAs): Promise<string>;
  /**
   * Presses a button whose answer is a form (Slack's modal, the sandbox's inline form, Feishu's form card),
   * types `text` in its field `text` (and `fields` in theirs; every other field goes as prefilled) and submits
   * it as the platform submits a form; resolves with the field `text`'s prefilled value, every field's
   * prefilled value, and what the platform shows after the submission, as plain text. Throws when the
   * platform's client would refuse to submit (a required field left empty).
   */
  answerWithForm?(
    actionId: string,
    value: string,
    text: string,
    options?: FormAnswer,
  ): Promise<{ initial: string; initials: Record<string, string>; answer: string }>;
  /** Adds a reaction to a bot message; resolves with the reactions the core has seen. */
  react?(messageRef: string, reaction: string, as?: ActingAs): Promise<ReactionInput[]>;
  /**
   * Sends a command the way the platform waits for an acknowledgement (Slack's slash command, Feishu's
   * message, the sandbox's form); calls `acked` once the acknowledgement is in, then resolves with what the
   * acknowledgement said and what followed it (response_url, a post in the chat, the sandbox's feed), as text.
   */
  acknowledged(text: string, acked: () => void): Promise<{ ack: string; followUp: string }>;
  /** Sends a command the way an outsider would (a wrong signature, a foreign page); resolves with the HTTP status. */
  forge(text: string): Promise<number>;
  /**
   * Every way a message the platform received broke its published rules (Block Kit limits, card JSON 2.0,
   * the platform's markdown dialect), checked by test/fakes/outbound-validator.ts on every send and answer.
   */
  violations?(): string[];
  /**
   * Runs the outbox relay through the platform's own sender; resolves with what the platform received from it
   * since the last call: to whom (a channel, a person's id) and the text it shows.
   */
  deliver?(): Promise<{ to: string; text: string }[]>;
  close(): Promise<void>;
}

export interface PlatformCapabilities {
  /** The platform redelivers events (and the adapter must handle each once). */
  redelivery: boolean;
  reactions: boolean;
  /** A button's answer may be a form apart from the chat (Slack's modal, Feishu's form card; their own tests cover them): cases that read a button's answer in the chat skip it. */
  forms?: boolean;
  /** More than one person chats with the app (the sandbox has one): a step may act as another (`{ user }`). */
  otherUsers?: boolean;
}

export function platformContract(
  name: string,
  capabilities: PlatformCapabilities,
  start: (options?: DriverOptions) => Promise<PlatformDriver>,
) {
  describe(`${name}: the platform contract`, () => {
    let d: PlatformDriver;
    beforeAll(async () => {
      d = await start();
    });
    afterAll(() => d?.close());
    // Whatever a case sent, the platform would have accepted it.
    afterEach(() => expect(d?.violations?.() ?? []).toEqual([]));

    it('answers a command with data', async () => {
      const answer = await d.command('roi 上周');
      // 抖音: (1900 − 1500) / 1500 = 26.7%; total: (2200 − 1900) / 1900 = 15.8%.
      expect(answer).toContain('2026-11-09 … 2026-11-15');
      expect(answer).toContain('26.7%');
      expect(answer).toContain('15.8%');
    });

    it('answers a bad command with the usage in the workspace language and writes nothing', async () => {
      const audit = await d.store.audit.list(d.workspaceId);
      const observations = await d.store.observations.query(d.workspaceId, { metrics: ['spend'], from: '2026-01-01', to: '2026-12-31' });
      const answer = await d.command('kpi log spend lots');
      expect(answer).toContain('“lots”不是数值');
      expect(answer).toContain('用法');
      expect(answer).toContain('/kpi log 花费 12000 抖音 2026-11-20');
      expect(await d.store.audit.list(d.workspaceId)).toEqual(audit);
      expect(await d.store.observations.query(d.workspaceId, { metrics: ['spend'], from: '2026-01-01', to: '2026-12-31' })).toEqual(
        observations,
      );
    });

    it.skipIf(!capabilities.redelivery)('processes a duplicate delivery once', async () => {
      expect(await d.commandTwice?.('roi 上周')).toBe(1);
    });

    it('refuses a forged request and writes nothing', async () => {
      const workspaces = await d.store.workspaces.list();
      const status = await d.forge('roi 上周');
      expect([401, 403]).toContain(status);
      expect(await d.store.workspaces.list()).toEqual(workspaces);
    });

    it('re-runs the command when the refresh button is pressed', async () => {
      const answer = await d.press('gb.refresh', JSON.stringify({ command: '/roi', text: '上周' }));
      expect(answer).toContain('26.7%');
      expect(answer).toContain('15.8%');
    });

    it('answers a button it no longer knows with a notice, in the workspace language', async () => {
      expect(await d.press('gb.gone', '{}')).toContain('这个按钮已失效。');
    });

    it('keeps a note, a tracked action and a decision typed in chat, each with its audit entry', async () => {
      // A plain @name resolves among the members on every platform.
      await d.store.members.ensure(d.workspaceId, 'U-ALICE', { displayName: 'alice' });
      const note = await d.command('growth note 抖音 素材疲劳，周四换新素材');
      expect(note).toContain('已记下 抖音');
      expect(note).toContain('素材疲劳，周四换新素材');
      const added = await d.command('growth 行动 新增 抖音出价降 10% 负责人 @alice 指标 roi 抖音');
      // Slack's renderer breaks a typed @name with a zero-width space so it can never become a mention.
      const number = added.replace(/\u200B/g, '').match(/已创建行动 #(\d+)：抖音出价降 10%（@alice）/)?.[1];
      expect(number).toBeDefined();
      expect(await d.command('growth actions')).toContain(`#${number} 抖音出价降 10%`);
      expect(await d.command(`growth action done ${number}`)).toContain(`行动 #${number} 已完成`);
      expect(await d.command('growth decision 抖音预算转给小红书 on roi')).toContain('已记录决定：抖音预算转给小红书（指标：ROI）');
      const audited = (action: string) => d.store.audit.list(d.workspaceId, { action });
      for (const action of ['meeting.note', 'meeting.action.add', 'meeting.action.done', 'meeting.decision'])
        expect(await audited(action)).not.toEqual([]);
      expect(await d.command('growth action done 999')).toContain('没有编号为 #999 的行动');
    });

    it('/growth checkin send delivers a direct message to the owner, asking about what they own', async (ctx) => {
      if (!d.deliver) return ctx.skip();
      await d.deliver();
      // Who is asking: the admin whose settings change is audited (an admin may send the check-in).
      expect(await d.command('growth checkin threshold 10%')).toContain('环比变化 ≥ 10.0% 的数字会问负责人');
      const [entry] = await d.store.audit.list(d.workspaceId, { action: 'settings.update' });
      const caller = (await d.store.members.list(d.workspaceId)).find((m) => m.id === entry?.actor);
      expect(caller?.role).toBe('admin');
      // The caller owns spend; W46's spend 1,900 against a target of ≤ 1,000 is 90% off.
      const ws = (await d.store.workspaces.get(d.workspaceId))!;
      await d.store.workspaces.update(ws.id, { settings: { ...ws.settings, targets: { spend: { op: '<=', value: 1000 } } } });
      await d.store.metrics.setOwner(ws.id, 'spend', caller!.id, 'test');
      try {
        expect(await d.command('growth 会前确认 发送')).toContain('已发出会前确认');
        const dm = (await d.deliver()).filter((m) => m.to === caller?.externalUserId);
        expect(dm).toHaveLength(1);
        expect(dm[0]?.text).toContain('会前确认 · 2026-W46');
        expect(dm[0]?.text).toContain('花费');
        expect(dm[0]?.text).toContain('离目标差 10% 以上');
        // The command to answer with (each platform escapes the placeholder's angle brackets its own way).
        expect(dm[0]?.text).toContain('发生了什么？你打算怎么做？回复：');
        expect(dm[0]?.text).toContain('/growth note spend ');
      } finally {
        await d.store.workspaces.update(ws.id, { settings: ws.settings });
      }
    });

    it.skipIf(capabilities.forms === true)('answers the check-in’s Answer button with the command to answer with', async () => {
      const answer = await d.press('gb.checkin.answer', JSON.stringify({ metric: 'roi', segment: 'douyin' }));
      expect(answer).toContain('发生了什么？你打算怎么做？回复：');
      expect(answer).toContain('/growth note 抖音 ');
    });

    it('writes a check-in answer typed in the platform’s form as /growth note writes it, and prefills it next time', async (ctx) => {
      if (!d.answerWithForm) return ctx.skip();
      const notes = () => d.store.audit.list(d.workspaceId, { action: 'meeting.note' });
      const before = (await notes()).length;
      const value = JSON.stringify({ metric: 'roi', segment: 'sem' });
      const first = await d.answerWithForm('gb.checkin.answer', value, '竞价上涨，下周降价');
      expect(first.answer).toContain('已记下 SEM');
      expect(first.answer).toContain('竞价上涨，下周降价');
      expect(await notes()).toHaveLength(before + 1);
      const again = await d.answerWithForm('gb.checkin.answer', value, '竞价上涨，已降价 10%');
      expect(again.initial).toBe('竞价上涨，下周降价');
      expect(await notes()).toHaveLength(before + 2);
    });

    it('takes a command from the person the platform names, the driver’s user unless another is named', async (ctx) => {
      const author = async () => {
        // Newest first.
        const [note] = await d.store.audit.list(d.workspaceId, { action: 'meeting.note' });
        return (await d.store.members.list(d.workspaceId)).find((m) => m.id === note?.actor)?.externalUserId;
      };
      expect(await d.command('growth note sem 出价调整中')).toContain('已记下 SEM');
      expect(await author()).toBe(d.userId());
      if (!capabilities.otherUsers) {
        expect(() => d.userId('bob')).toThrow();
        return ctx.skip();
      }
      const bob = d.userId('bob');
      expect(bob).not.toBe(d.userId());
      expect(d.userId('bob')).toBe(bob);
      expect(await d.command('growth note sem 出价已降', { user: bob })).toContain('已记下 SEM');
      expect(await author()).toBe(bob);
      // A button pressed by someone new makes them a member of the workspace, as a command does.
      const carol = d.userId('carol');
      expect(await d.press('gb.refresh', JSON.stringify({ command: '/roi', text: '上周' }), { user: carol })).toContain('26.7%');
      expect((await d.store.members.list(d.workspaceId)).map((m) => m.externalUserId)).toContain(carol);
    });

    it('prefills the check-in’s form with the note of the person who answers, not anyone else’s', async (ctx) => {
      if (!d.answerWithForm || !capabilities.otherUsers) return ctx.skip();
      const value = JSON.stringify({ metric: 'roi', segment: 'douyin' });
      const mine = await d.answerWithForm('gb.checkin.answer', value, '素材疲劳');
      expect(mine.answer).toContain('已记下 抖音');
      const dave = d.userId('dave');
      const theirs = await d.answerWithForm('gb.checkin.answer', value, '我这边也是素材疲劳', { user: dave });
      expect(theirs.initial).toBe('');
      expect(theirs.initials).toEqual({ text: '' });
      const [note] = await d.store.audit.list(d.workspaceId, { action: 'meeting.note' });
      expect((await d.store.members.list(d.workspaceId)).find((m) => m.id === note?.actor)?.externalUserId).toBe(dave);
      expect((await d.answerWithForm('gb.checkin.answer', value, '素材已换')).initials).toEqual({ text: '素材疲劳' });
    });

    it('sends only messages the platform accepts, for every command and both languages', async () => {
      const commands = [
        'growth help',
        'roi 上周',
        'roi 抖音 近30天',
        'retention d7',
        'retention cohorts',
        'kpi list',
        'kpi show 花费 抖音 上周',
        'growth members',
        'growth digest',
        'growth digest preview',
        'alerts',
        'alerts rules',
        'alerts rule add roi each falls 3d 10%',
        'alerts playbook on',
        'growth owners roi @nobody',
        'growth actions',
        'growth checkin',
        'growth checkin threshold 很多',
        'kpi log 花费 很多',
      ];
      for (const text of commands) expect(await d.command(text)).not.toBe('');
      await d.command('growth settings language en');
      for (const text of commands) await d.command(text.replace('花费', 'spend').replace('抖音', 'douyin').replace('很多', 'lots'));
      await d.command('growth settings language zh-CN');
      expect(d.violations?.() ?? []).toEqual([]);
    });

    it.skipIf(!capabilities.reactions)('routes a reaction to the core', async () => {
      const seen = await d.react?.('MSG-1', 'DONE');
      expect(seen?.at(-1)?.reaction).toBe('DONE');
    });
  });

  describe(`${name}: data entry on a brand-new workspace`, () => {
    let d: PlatformDriver;
    beforeAll(async () => {
      d = await start({ empty: true });
    });
    afterAll(() => d?.close());
    const spend = async () =>
      (await d.store.observations.query(d.workspaceId, { metrics: ['spend'], from: '2026-11-01', to: '2026-11-30' })).map(
        (o) => `${o.segment} ${o.day} ${o.value}`,
      );

    it('the README’s /kpi log works: a well-known channel is created on first use, and the answer says so', async () => {
      // "Try it" asks /roi 抖音 first: before any value, the answer says how channels come, not "known: (none)".
      expect(await d.command('roi 抖音 上周')).toContain('这个工作区还没有渠道，也就没有“抖音”的数据');
      const answer = await d.command('kpi log spend 12,000 douyin 2026-11-20');
      expect(answer).toContain('已记录 花费 · 抖音 2026-11-20');
      expect(answer).toContain('新渠道 抖音 已创建');
      expect(await spend()).toEqual(['douyin 2026-11-20 12000']);
    });

    it('an unknown channel is offered with a button, and the click adds it and records the value', async () => {
      const answer = await d.command('kpi log spend 500 华东地推 2026-11-20');
      expect(answer).toContain('还没有渠道“华东地推”');
      expect(answer).toContain('新增渠道“华东地推”并记录');
      expect(await spend()).toEqual(['douyin 2026-11-20 12000']);
      const pending = { metric: 'spend', value: '500', segment: '华东地推', day: '2026-11-20' };
      const clicked = await d.press(ADD_CHANNEL_ACTION, JSON.stringify(pending));
      expect(clicked).toContain('已记录 花费 · 华东地推 2026-11-20');
      expect(await spend()).toEqual(['douyin 2026-11-20 12000', '华东地推 2026-11-20 500']);
    });

    it('the workspace’s first member manages channels from chat: add with kind and aliases, list, rename', async () => {
      expect(await d.command('growth channels add 地推 organic ditui')).toContain('已新增渠道 地推（自然），别名：ditui');
      const list = await d.command('growth channels');
      expect(list).toContain('地推');
      expect(list).toContain('ditui');
      expect(await d.command('growth channels rename ditui 线下地推')).toContain('渠道 地推 已改名为 线下地推');
      expect(await d.command('growth channels remove 抖音')).toContain('渠道 抖音 有 1 条数据，不能直接删除');
    });

    it('/kpi delete and /kpi undo take values back, and the alerts follow', async () => {
      const ruleId = await seedTotalSpendRule(d.store, d.workspaceId);
      const open = async () => (await d.store.alerts.listOpen(d.workspaceId, ruleId)).map((a) => a.value);
      // By hand: 抖音 2,000 + SEM 2,000 = 4,000 on the 21st (the last complete day), above 3,000: it fires.
      await d.command('kpi log spend 2000 抖音 2026-11-21');
      await d.command('kpi log spend 2000 sem 2026-11-21');
      expect(await open()).toEqual([4000]);
      const deleted = await d.command('kpi delete spend sem 2026-11-21');
      expect(deleted).toContain('已删除 花费 · SEM 2026-11-21 的 1 个值');
      expect(await open()).toEqual([]);
      expect(await d.command('kpi undo')).toContain('已撤销删除：恢复了 1 个值');
      expect(await open()).toEqual([4000]);
      // Undo again: the SEM value logged before goes (it was new), and the alert with it (抖音 alone is 2,000).
      expect(await d.command('kpi undo')).toContain('已撤销：删除了 花费 · SEM 2026-11-21');
      expect(await open()).toEqual([]);
    });
  });

  describe(`${name}: the app's time is the driver's clock`, () => {
    const HOUR = 3_600_000;
    let now = new Date('2026-11-22T04:00:00Z');
    let d: PlatformDriver;
    beforeAll(async () => {
      d = await start({ clock: () => now });
    });
    afterAll(() => d?.close());
    afterEach(() => expect(d?.violations?.() ?? []).toEqual([]));

    it('reads 上周 and files a note by the clock', async () => {
      expect(await d.command('roi 上周')).toContain('2026-11-09 … 2026-11-15');
      expect(await d.command('growth note sem 出价调整中')).toContain('2026-W46');
      now = new Date(now.getTime() + 7 * 24 * HOUR);
      expect(await d.command('roi 上周')).toContain('2026-11-16 … 2026-11-22');
      expect(await d.command('growth note sem 出价已降')).toContain('2026-W47');
    });

    it('delivers what the outbox holds once it is due by the clock', async (ctx) => {
      if (!d.deliver) return ctx.skip();
      await d.deliver();
      await d.store.outbox.enqueue({
        workspaceId: d.workspaceId,
        key: `clock-test:${now.toISOString()}`,
        kind: 'post',
        channel: d.userId(),
        payload: { fallback: '一小时后', elements: [{ type: 'text', text: '一小时后' }] },
        availableAt: new Date(now.getTime() + HOUR),
      });
      expect((await d.deliver()).map((m) => m.text).join('\n')).not.toContain('一小时后');
      now = new Date(now.getTime() + 2 * HOUR);
      expect((await d.deliver()).map((m) => m.text).join('\n')).toContain('一小时后');
    });
  });

  describe(`${name}: the inbound pipeline's answer budget and error view`, () => {
    let slow: PlatformDriver;
    let failing: PlatformDriver;
    // The command waits for this gate, which opens only once the platform has its acknowledgement.
    let open: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    beforeAll(async () => {
      slow = await start({
        ackBudgetMs: 50,
        commands: async (ctx, command) => {
          await gate;
          return runInboundCommand(ctx, command);
        },
      });
      failing = await start({
        commands: async () => {
          throw new Error('connection to postgres://growthbeat:hunter2@db lost');
        },
      });
    });
    afterAll(async () => {
      await slow?.close();
      await failing?.close();
    });

    it('moves a command slower than the budget to the follow-up path', async () => {
      const { ack, followUp } = await slow.acknowledged('roi 上周', open);
      // The acknowledgement went before the answer existed: at most "working", never the numbers.
      expect(ack).not.toContain('26.7%');
      if (ack.trim()) expect(ack).toContain('正在计算，马上就好…');
      expect(followUp).toContain('26.7%');
      expect(followUp).toContain('15.8%');
    });

    it('shows an internal error as the same localized message, never the error itself', async () => {
      const answer = await failing.command('roi 上周');
      expect(answer).toContain('出错了，已记录日志。请稍后再试。');
      expect(answer).not.toContain('hunter2');
      expect(answer).not.toContain('postgres');
    });
  });
}

/** A stable hex string for a person's name: the same name is the same platform id in every run. */
export function hexOf(name: string, length: number): string {
  return createHash('sha256').update(name).digest('hex').slice(0, length);
}

/** Every string under the given keys of a JSON value, one per line: the text a platform shows. */
export function textsOf(value: unknown, keys: string[]): string {
  const out: string[] = [];
  const walk = (node: unknown, key = ''): void => {
    if (typeof node === 'string') {
      if (keys.includes(key)) out.push(node);
    } else if (Array.isArray(node)) for (const n of node) walk(n, key);
    else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) walk(v, k);
  };
  walk(value);
  return out.join('\n');
}

/** Waits (polling real time: the platform acts in its own process or socket) until `check` returns a value. */
export async function eventually<T>(check: () => T | undefined | Promise<T | undefined>, timeoutMs = 5_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('timed out waiting for the platform');
    await new Promise((r) => setTimeout(r, 20));
  }
}
