// /growth checkin in both languages: the grammar, the schedule it derives from the digest's, and the
// commands over a real SQLite store (who may change or send it, what is saved, what is sent).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandContext } from '../../src/core/commands/command-context.ts';
import { parseCommand } from '../../src/core/commands/command-grammar.ts';
import { runCommand } from '../../src/core/commands/run-command.ts';
import { checkinCron, checkinDefaults, reminderCron } from '../../src/core/digest/checkin-settings.ts';
import type { Store } from '../../src/core/ports/store.ts';
import { CommandUsageError } from '../../src/core/text/usage-error.ts';
import { plainText } from '../../src/core/views/rich-text.ts';
import type { View } from '../../src/core/views/view.ts';
import { identifyCaller } from '../../src/core/workspace/identify.ts';
import { seedMeetingTeam } from '../helpers/meeting-fixture.ts';
import { migratedStore } from '../helpers/migrated-store.ts';
import { sqliteTestDatabase } from '../helpers/test-databases.ts';

const usage = (text: string) => {
  try {
    parseCommand('/growth', text);
  } catch (error) {
    return error instanceof CommandUsageError ? error.key : 'not a usage error';
  }
  return 'parsed';
};

describe('the check-in grammar', () => {
  it('reads /growth checkin in English and Chinese', () => {
    expect(parseCommand('/growth', 'checkin')).toEqual({ name: 'growth', action: 'checkin', checkin: { sub: 'show' } });
    expect(parseCommand('/growth', 'checkin schedule tue 16:00')).toEqual({
      name: 'growth',
      action: 'checkin',
      checkin: { sub: 'schedule', cron: '0 16 * * 2', text: 'tue 16:00' },
    });
    expect(parseCommand('/growth', '会前确认 时间 周二 16:00')).toMatchObject({ checkin: { sub: 'schedule', cron: '0 16 * * 2' } });
    expect(parseCommand('/growth', '会前 时间 每周一 9:30')).toMatchObject({ checkin: { sub: 'schedule', cron: '30 9 * * 1' } });
    expect(parseCommand('/growth', 'check-in schedule 0 17 * * 2')).toMatchObject({ checkin: { sub: 'schedule', cron: '0 17 * * 2' } });
    expect(parseCommand('/growth', 'checkin off')).toMatchObject({ checkin: { sub: 'off' } });
    expect(parseCommand('/growth', '会前确认 关闭')).toMatchObject({ checkin: { sub: 'off' } });
    expect(parseCommand('/growth', 'checkin send')).toMatchObject({ checkin: { sub: 'send' } });
    expect(parseCommand('/growth', '会前确认 发送')).toMatchObject({ checkin: { sub: 'send' } });
    expect(parseCommand('/growth', 'checkin threshold 15%')).toMatchObject({ checkin: { sub: 'threshold', value: 0.15 } });
    expect(parseCommand('/growth', '会前确认 阈值 ２０％')).toMatchObject({ checkin: { sub: 'threshold', value: 0.2 } });
  });

  it('answers a mistake with the check-in usage', () => {
    expect(usage('checkin later')).toBe('checkin.error.sub');
    expect(usage('会前确认 稍后')).toBe('checkin.error.sub');
    expect(usage('checkin schedule someday')).toBe('error.badSchedule');
    expect(usage('checkin schedule 周八 16:00')).toBe('error.badSchedule');
    expect(usage('checkin threshold lots')).toBe('checkin.error.badThreshold');
    expect(usage('checkin threshold 0%')).toBe('checkin.error.badThreshold');
    expect(usage('checkin threshold 150%')).toBe('checkin.error.badThreshold');
    expect(usage('checkin send now')).toBe('error.unexpected');
  });
});

describe('the check-in schedule', () => {
  it('runs the day before the digest at 16:00, and reminds 2 hours before the digest', () => {
    const both = (digest: string) => [checkinDefaults(digest).checkin, checkinDefaults(digest).reminder];
    expect(both('0 14 * * 3')).toEqual(['0 16 * * 2', '0 12 * * 3']);
    expect(both('30 9 * * 0')).toEqual(['0 16 * * 6', '30 7 * * 0']);
    // 01:30 on Monday, 2 hours earlier: 23:30 on Sunday; midnight on Monday: Sunday 16:00 and 22:00.
    expect(both('30 1 * * 1')).toEqual(['0 16 * * 0', '30 23 * * 0']);
    expect(both('0 0 * * 1')).toEqual(['0 16 * * 0', '0 22 * * 0']);
    // A digest on several days goes out on the week's first of them (its key is the week): the check-in is before that one.
    expect(both('0 9 * * 1,4')).toEqual(['0 16 * * 0', '0 7 * * 1']);
    expect(both('0 9 * * 1-5')).toEqual(['0 16 * * 0', '0 7 * * 1']);
    expect(both('30 9 * * wed,MON')).toEqual(['0 16 * * 0', '30 7 * * 1']);
    expect(both('0 9 * * 6-2')).toEqual(['0 16 * * 0', '0 7 * * 1']);
    expect(both('0 9 * * 0,3')).toEqual(['0 16 * * 2', '0 7 * * 3']);
    expect(both('0 1 * * *')).toEqual(['0 16 * * 0', '0 23 * * 0']);
    expect(both('0 30 14 ? * 3')).toEqual(['0 16 * * 2', '30 12 * * 3']);
    expect(both('@weekly')).toEqual(['0 16 * * 6', '0 22 * * 6']);
    // Days of the month, some months, a weekday of the month: no day before every week; the reminder where it is the same day.
    expect(checkinDefaults('0 9 */2 * *')).toEqual({ why: 'monthDays', reminder: '0 7 */2 * *' });
    expect(checkinDefaults('0 14 1 * *')).toEqual({ why: 'monthDays', reminder: '0 12 1 * *' });
    expect(checkinDefaults('0 0 1 * *')).toEqual({ why: 'monthDays' });
    expect(checkinDefaults('0 9 * * 1#1')).toEqual({ why: 'nthWeekday', reminder: '0 7 * * 1#1' });
    expect(checkinDefaults('0 9 * jan-jun 1')).toEqual({ why: 'months', reminder: '0 7 * jan-jun 1' });
    expect(checkinDefaults('soon')).toEqual({ why: 'unreadable' });
    const ws = (settings: Record<string, unknown>) => ({ settings });
    expect(checkinCron(ws({}))).toBeUndefined();
    expect(checkinCron(ws({ digest: { channel: 'C1' } }))).toBe('0 16 * * 2');
    expect(reminderCron(ws({ digest: { channel: 'C1', cron: '0 10 * * 1' } }))).toBe('0 8 * * 1');
    expect(checkinCron(ws({ digest: { channel: 'C1' }, checkin: { cron: '0 17 * * 2' } }))).toBe('0 17 * * 2');
    expect(checkinCron(ws({ digest: { channel: 'C1' }, checkin: { off: true } }))).toBeUndefined();
    expect(reminderCron(ws({ digest: { channel: 'C1' }, checkin: { off: true } }))).toBeUndefined();
  });
});

describe('/growth checkin', () => {
  const database = sqliteTestDatabase();
  let store: Store;
  let admin: CommandContext;
  let member: CommandContext;
  const NOW = new Date('2026-12-01T08:00:00Z');
  const text = (v: View) =>
    plainText(
      v.elements
        .map((e) => ('text' in e ? e.text : 'fields' in e ? e.fields.map((f) => `${f.label}: ${f.value}`).join('\n') : ''))
        .join('\n'),
    );

  beforeAll(async () => {
    store = await migratedStore(database);
    const first = await identifyCaller(
      store,
      { platform: 'slack', teamId: 'T1', userId: 'UADMIN' },
      { timezone: 'Asia/Shanghai', locale: 'en' },
    );
    admin = { store, ...first, now: NOW };
    const ctx = await seedMeetingTeam(store, NOW);
    member = { ...ctx, member: await store.members.ensure(ctx.workspace.id, 'UALICE') };
    await store.segments.setOwner(ctx.workspace.id, 'douyin', member.member.id);
  });
  afterAll(async () => {
    await store.close();
    await database.drop();
  });

  const fresh = async (ctx: CommandContext) => ({ ...ctx, workspace: (await store.workspaces.get(ctx.workspace.id))! });

  it('shows the schedule, lets only an admin change it, and keeps an audit entry', async () => {
    expect(admin.member.role).toBe('admin');
    expect(member.member.role).toBe('member');
    expect(text(await runCommand(admin, '/growth', 'checkin'))).toContain('not scheduled: set the digest channel first');
    await runCommand(admin, '/growth', 'digest channel <#C0DIGEST|growth>');
    const shown = text(await runCommand(await fresh(admin), '/growth', 'checkin'));
    expect(shown).toContain('Schedule: every Tuesday at 16:00 (Asia/Shanghai) (default: the day before the digest, 16:00)');
    expect(shown).toContain('Reminder: every Wednesday at 12:00');
    expect(shown).toContain('Week-over-week move threshold: 10.0%');
    expect(text(await runCommand(await fresh(member), '/growth', 'checkin off'))).toContain('Only admins can change the check-in settings');
    expect(text(await runCommand(await fresh(admin), '/growth', 'checkin schedule mon 17:30'))).toContain(
      'The check-in is now every Monday at 17:30 (Asia/Shanghai)',
    );
    expect(text(await runCommand(await fresh(admin), '/growth', 'checkin threshold 25%'))).toContain('moves of 25.0% or more');
    let ws = (await fresh(admin)).workspace;
    expect(ws.settings.checkin).toEqual({ cron: '30 17 * * 1', moveThreshold: 0.25 });
    expect(checkinCron(ws)).toBe('30 17 * * 1');
    expect(text(await runCommand(await fresh(admin), '/growth', 'checkin off'))).toContain('The check-in and its reminder are off');
    ws = (await fresh(admin)).workspace;
    expect(checkinCron(ws)).toBeUndefined();
    expect(reminderCron(ws)).toBeUndefined();
    // The digest's own settings are untouched.
    expect(ws.settings.digest).toEqual({ channel: 'C0DIGEST' });
    const audit = await store.audit.list(ws.id, { action: 'settings.update' });
    expect(audit.map((a) => a.target)).toEqual(expect.arrayContaining(['checkin.schedule', 'checkin.threshold', 'checkin.off']));
  });

  it('answers a mistake with the usage in the workspace language and changes nothing', async () => {
    const before = (await fresh(admin)).workspace.settings;
    const view = await runCommand(await fresh(admin), '/growth', 'checkin threshold lots');
    expect(text(view)).toContain('"lots" is not a threshold');
    expect((await fresh(admin)).workspace.settings).toEqual(before);
    const zh = await store.workspaces.update(admin.workspace.id, { locale: 'zh-CN' });
    expect(text(await runCommand({ ...admin, workspace: zh }, '/growth', '会前确认 稍后'))).toContain(
      'checkin 后面是 schedule、off、send 或 threshold',
    );
    await store.workspaces.update(admin.workspace.id, { locale: 'en' });
  });

  it('sends now for admins and managers: a DM to each owner', async () => {
    expect(text(await runCommand(await fresh(member), '/growth', 'checkin send'))).toContain('Only admins and the digest’s managers');
    const sent = await runCommand(await fresh(admin), '/growth', 'checkin send');
    expect(text(sent)).toBe('✅ Check-in sent (owners: 1, items: 1)');
    const dms = (await store.outbox.list({ workspaceId: admin.workspace.id })).filter((m) => m.key.startsWith('checkin:'));
    expect(dms.map((m) => m.channel)).toEqual(['UALICE']);
    // A second press in the same minute sends nothing more.
    expect(text(await runCommand(await fresh(admin), '/growth', 'checkin send'))).toContain('already sent this minute');
  });

  it('explains why a digest on days of the month has no default check-in, and how to set one', async () => {
    const id = admin.workspace.id;
    const digest = (cron: string, checkin?: Record<string, unknown>) =>
      store.workspaces.update(id, { settings: { digest: { channel: 'C0DIGEST', cron }, ...(checkin ? { checkin } : {}) } });
    // Every other day of the month at 09:00: no weekday to be the day before of, every week.
    await digest('0 9 */2 * *');
    const shown = text(await runCommand(await fresh(admin), '/growth', 'checkin'));
    expect(shown).toContain(
      'Schedule: none by default: the digest (0 9 */2 * *) runs on days of the month, not on the same weekdays every week, so there is no “day before the digest”. Set one with /growth checkin schedule <day> <time>, e.g. /growth checkin schedule tue 16:00, or a cron',
    );
    expect(shown).toContain('Reminder: —');
    const zh = { ...(await fresh(admin)), workspace: { ...(await fresh(admin)).workspace, locale: 'zh-CN' as const } };
    expect(text(await runCommand(zh, '/growth', '会前确认'))).toContain(
      '时间: 没有默认时间：周报（0 9 */2 * *）按每月的日期发送，不是每周固定的星期几，所以没有“周报前一天”。请用 /growth checkin schedule <星期> <时间> 设置',
    );
    // The first Monday of the month: a weekday of the month.
    await digest('0 9 * * 1#1');
    expect(text(await runCommand(await fresh(admin), '/growth', 'checkin'))).toContain(
      'runs on a weekday of the month (such as the first Monday or the last Friday)',
    );
    expect(checkinCron((await fresh(admin)).workspace)).toBeUndefined();
    // Once set, the check-in runs, and the reminder comes 2 hours before each digest (the same days of the month) …
    expect(text(await runCommand(await fresh(admin), '/growth', 'checkin schedule 0 16 28 * *'))).toContain('The check-in is now');
    await digest('0 9 */2 * *', { cron: '0 16 28 * *' });
    let ws = (await fresh(admin)).workspace;
    expect([checkinCron(ws), reminderCron(ws)]).toEqual(['0 16 28 * *', '0 7 */2 * *']);
    expect(text(await runCommand(await fresh(admin), '/growth', 'checkin'))).toContain('Reminder: 0 7 */2 * * · 2 hours before the digest');
    // … unless that is the day before, which a schedule by days of the month cannot name.
    await digest('30 0 1 * *', { cron: '0 16 28 * *' });
    ws = (await fresh(admin)).workspace;
    expect(reminderCron(ws)).toBeUndefined();
    expect(text(await runCommand(await fresh(admin), '/growth', 'checkin'))).toContain(
      'Reminder: none: 2 hours before the digest is the day before',
    );
    // A weekly digest on several days: the day before the week's first, in words.
    await digest('0 9 * * 1-5');
    expect(text(await runCommand(await fresh(admin), '/growth', 'checkin'))).toContain(
      'Schedule: every Sunday at 16:00 (Asia/Shanghai) (default: the day before the digest, 16:00)',
    );
  });
});
