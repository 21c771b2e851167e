// `/growth digest …` in both languages: grammar, who may change what, preview and send through the outbox.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandContext } from '../../src/core/commands/command-context.ts';
import { parseCommand } from '../../src/core/commands/command-grammar.ts';
import { runCommand } from '../../src/core/commands/run-command.ts';
import { digestSettings } from '../../src/core/digest/digest-settings.ts';
import { isValidCron, parseSchedule } from '../../src/core/digest/schedule-text.ts';
import type { Store } from '../../src/core/ports/store.ts';
import type { View } from '../../src/core/views/view.ts';
import { identifyCaller } from '../../src/core/workspace/identify.ts';
import { migratedStore } from '../helpers/migrated-store.ts';
import { sqliteTestDatabase } from '../helpers/test-databases.ts';
import { twoWeekRows } from './digest-fixture.ts';

const NOW = new Date('2026-11-25T06:00:00Z');
const text = (v: View) => JSON.stringify(v.elements);

describe('the digest schedule as people write it', () => {
  it('reads weekday and time in Chinese and English, or a cron expression', () => {
    expect(parseSchedule('周三 14:00')).toBe('0 14 * * 3');
    expect(parseSchedule('每周一 9：30')).toBe('30 9 * * 1');
    expect(parseSchedule('星期日 08:05')).toBe('5 8 * * 0');
    expect(parseSchedule('wed 14:00')).toBe('0 14 * * 3');
    expect(parseSchedule('Friday 17:45')).toBe('45 17 * * 5');
    expect(parseSchedule('0 14 * * 3')).toBe('0 14 * * 3');
    expect(parseSchedule('30 9 * * mon-fri')).toBe('30 9 * * mon-fri');
    for (const bad of ['wed 25:00', '周八 14:00', 'tomorrow', '0 24 * * 3', '* * *', '61 1 * * 1', ''])
      expect(parseSchedule(bad), bad).toBeUndefined();
    expect(isValidCron('*/15 9-18 * * 1,3,5')).toBe(true);
    expect(isValidCron('0 0 32 * *')).toBe(false);
  });

  it('parses /growth digest and 周报 subcommands, and refuses what it cannot read', () => {
    expect(parseCommand('/growth', 'digest')).toEqual({ name: 'growth', action: 'digest', sub: 'show' });
    expect(parseCommand('/growth', '周报 预览')).toEqual({ name: 'growth', action: 'digest', sub: 'preview' });
    expect(parseCommand('/growth', 'digest send')).toEqual({ name: 'growth', action: 'digest', sub: 'send' });
    expect(parseCommand('/growth', '周报 时间 周三 14:00')).toEqual({
      name: 'growth',
      action: 'digest',
      sub: 'schedule',
      cron: '0 14 * * 3',
      text: '周三 14:00',
    });
    expect(parseCommand('/growth', 'digest channel <#C0GROWTH|growth>')).toMatchObject({ sub: 'channel', channel: 'C0GROWTH' });
    expect(parseCommand('/growth', 'digest managers <@U1> <@U2|bob> <@U1>')).toMatchObject({
      sub: 'managers',
      managers: [{ id: 'U1' }, { id: 'U2', name: 'bob' }],
    });
    expect(() => parseCommand('/growth', 'digest schedule someday')).toThrow(/error.badSchedule/);
    expect(() => parseCommand('/growth', 'digest managers bob')).toThrow(/error.notMention/);
    expect(() => parseCommand('/growth', 'digest managers')).toThrow(/error.managersNeedMention/);
    expect(() => parseCommand('/growth', 'digest later')).toThrow(/error.digestAction/);
    expect(() => parseCommand('/growth', 'digest preview now')).toThrow(/error.unexpected/);
  });
});

describe('/growth digest', () => {
  const database = sqliteTestDatabase();
  let store: Store;
  let admin: CommandContext;
  let member: CommandContext;
  beforeAll(async () => {
    store = await migratedStore(database);
    const defaults = { timezone: 'Asia/Shanghai', locale: 'zh-CN' as const };
    const a = await identifyCaller(store, { platform: 'slack', teamId: 'TD', userId: 'UADMIN' }, defaults);
    const m = await identifyCaller(store, { platform: 'slack', teamId: 'TD', userId: 'UMEMBER' }, defaults);
    await store.observations.upsert(a.workspace.id, twoWeekRows(), { source: 'test', actor: 'test' });
    admin = { store, ...a, now: NOW };
    member = { store, ...m, now: NOW };
  });
  afterAll(async () => {
    await store.close();
    await database.drop();
  });
  const fresh = async (ctx: CommandContext): Promise<CommandContext> => ({
    ...ctx,
    workspace: (await store.workspaces.get(ctx.workspace.id))!,
  });

  it('lets an admin set schedule, channel and managers, and nobody else', async () => {
    const refused = await runCommand(member, '/growth', '周报 时间 周五 9:00');
    expect(refused).toMatchObject({ ephemeral: true, severity: 'warning' });
    expect(text(refused)).toContain('只有工作区管理员可以修改周报设置');
    expect(text(await runCommand(admin, '/growth', '周报 时间 周五 9:00'))).toContain('周报发送时间：每周五 09:00（Asia/Shanghai）');
    expect(text(await runCommand(await fresh(admin), '/growth', 'digest channel <#C0GROWTH|growth>'))).toContain('周报将发到 C0GROWTH');
    expect(text(await runCommand(await fresh(admin), '/growth', 'digest managers <@UM1> <@UM2>'))).toContain('\uE000UM1\uE001');
    const ws = (await store.workspaces.get(admin.workspace.id))!;
    expect(digestSettings(ws)).toEqual({ cron: '0 9 * * 5', channel: 'C0GROWTH', managers: ['UM1', 'UM2'] });
    const shown = await runCommand(await fresh(member), '/growth', 'digest');
    expect(text(shown)).toContain('每周五 09:00 (Asia/Shanghai)');
    // A schedule that cannot be read is answered with the usage, in Chinese, and changes nothing.
    const bad = await runCommand(await fresh(admin), '/growth', '周报 时间 明天');
    expect(bad).toMatchObject({ ephemeral: true, severity: 'warning' });
    expect(text(bad)).toContain('“明天”不是发送时间');
  });

  it('previews only to the caller, with chart images where the platform can show them', async () => {
    const published: string[] = [];
    const ctx: CommandContext = {
      ...(await fresh(member)),
      charts: { renderPng: async (chart) => new TextEncoder().encode(chart.key) },
      publishImage: async (name) => {
        published.push(name);
        return `/sandbox/charts/${name}`;
      },
    };
    const view = await runCommand(ctx, '/growth', '周报 预览');
    expect(view.ephemeral).toBe(true);
    expect(view.elements[0]).toEqual({ type: 'context', text: '预览（仅你可见，未发送）' });
    expect(view.elements[1]).toEqual({ type: 'header', text: '增长周报 · 2026-W47' });
    const charts = view.elements.filter((e) => e.type === 'chart');
    expect(charts.map((c) => c.type === 'chart' && c.image)).toEqual([
      `/sandbox/charts/${ctx.workspace.id}-channel-roi-2026-W47.png`,
      `/sandbox/charts/${ctx.workspace.id}-retention-2026-W47.png`,
    ]);
    expect(await store.outbox.list({ workspaceId: ctx.workspace.id })).toEqual([]);
  });

  it('sends now through the outbox for an admin, once per minute however often it is asked', async () => {
    expect(text(await runCommand(await fresh(member), '/growth', 'digest send'))).toContain('只有管理员或管理者可以立即发送周报');
    const sent = await runCommand(await fresh(admin), '/growth', 'digest send');
    expect(text(sent)).toContain('周报 2026-W47 已排入发送：C0GROWTH，并私信 2 位管理者');
    const again = await runCommand(await fresh(admin), '/growth', 'digest send');
    expect(text(again)).toContain('不会重复发送');
    const queued = await store.outbox.list({ workspaceId: admin.workspace.id });
    expect(queued.map((m) => [m.kind, m.channel]).sort()).toEqual([
      ['post', 'C0GROWTH'],
      ['post', 'UM1'],
      ['post', 'UM2'],
    ]);
    expect(queued.find((m) => m.channel === 'C0GROWTH')?.key).toBe(`digest:${admin.workspace.id}:2026-W47:manual:2026-11-25T06:00:00.000Z`);
    // Due at the command's time, not the machine's: a relay on the same (test) clock sends it at once.
    expect(queued.map((m) => m.nextAttemptAt.toISOString())).toEqual(queued.map(() => NOW.toISOString()));
  });
});
