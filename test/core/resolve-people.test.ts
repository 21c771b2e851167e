// Plain @names resolved against a workspace's members, over a real SQLite store: Slack and Feishu answer
// an unknown name with the known ones (in the workspace's language); the sandbox creates the member.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandContext } from '../../src/core/commands/command-context.ts';
import { resolvePeople, sandboxMemberId } from '../../src/core/commands/resolve-people.ts';
import { runCommand } from '../../src/core/commands/run-command.ts';
import type { Store } from '../../src/core/ports/store.ts';
import type { Locale, Platform } from '../../src/core/ports/workspace.ts';
import { mention } from '../../src/core/views/mention.ts';
import type { View } from '../../src/core/views/view.ts';
import { identifyCaller } from '../../src/core/workspace/identify.ts';
import { migratedStore } from '../helpers/migrated-store.ts';
import { sqliteTestDatabase } from '../helpers/test-databases.ts';

const database = sqliteTestDatabase();
let store: Store;
const NOW = new Date('2026-11-22T04:00:00Z');
const text = (v: View) => JSON.stringify(v.elements);

async function caller(platform: Platform, team: string, user: string, locale: Locale, userName?: string): Promise<CommandContext> {
  const c = await identifyCaller(store, { platform, teamId: team, userId: user, userName }, { timezone: 'Asia/Shanghai', locale });
  return { store, ...c, now: NOW };
}

beforeAll(async () => {
  store = await migratedStore(database);
});
afterAll(async () => {
  await store.close();
  await database.drop();
});

describe('plain @name resolution', () => {
  it('finds a known member by display name, case-insensitive and full-width folded, and records names escaped mentions carry', async () => {
    const admin = await caller('slack', 'T-RES', 'U_ADMIN', 'en', 'boss');
    await caller('slack', 'T-RES', 'U_ALICE', 'en', 'Alice');
    // An escaped mention with a name teaches the workspace that name.
    const [bob] = await resolvePeople(admin, 'growth', [{ id: 'U_BOB', name: 'bob.li' }]);
    expect(bob).toMatchObject({ externalUserId: 'U_BOB', displayName: 'bob.li', role: 'member' });
    const found = await resolvePeople(admin, 'growth', [{ name: 'alice' }, { name: 'ＡＬＩＣＥ' }, { name: 'BOB.LI' }]);
    expect(found.map((m) => m.externalUserId)).toEqual(['U_ALICE', 'U_BOB']);
    expect((await store.members.list(admin.workspace.id)).length).toBe(3);
  });

  it('answers an unknown name on Slack with the known members, in English and in Chinese, and creates nobody', async () => {
    const en = await caller('slack', 'T-RES', 'U_ADMIN', 'en');
    const before = await store.members.list(en.workspace.id);
    const answer = await runCommand(en, '/growth', 'owners roi @carol');
    expect(answer.ephemeral).toBe(true);
    expect(text(answer)).toContain('No member @carol in this workspace. Known: @Alice, @bob.li, @boss.');
    expect(text(answer)).toContain('/growth owners roi @alice'); // the usage example
    const zh = await caller('feishu', 'tenant-res', 'ou_admin', 'zh-CN', '老板');
    const zhAnswer = await runCommand(zh, '/growth', 'digest managers @小王');
    expect(text(zhAnswer)).toContain('这个工作区没有成员 @小王。已知成员：@老板。');
    const rule = await runCommand(en, '/alerts', 'rule add roi each falls 3d 10% owner @alice escalate 2 @nobody');
    expect(text(rule)).toContain('No member @nobody');
    expect(await store.alerts.listRules(en.workspace.id)).toEqual([]);
    expect(await store.members.list(en.workspace.id)).toEqual(before);
  });

  it('refuses a name two members share, naming both', async () => {
    const admin = await caller('slack', 'T-DUP', 'U_A1', 'en', 'sam');
    await caller('slack', 'T-DUP', 'U_A2', 'en', 'Sam');
    const answer = await runCommand(admin, '/growth', 'owners roi @SAM');
    expect(text(answer)).toContain('@SAM matches several members: @sam (U_A1), @Sam (U_A2)');
  });

  it('sets owners and managers by plain name on Slack, the same members as the escaped mentions', async () => {
    const admin = await caller('slack', 'T-RES', 'U_ADMIN', 'en');
    const saved = await runCommand(admin, '/growth', 'owners cac @alice');
    expect(text(saved)).toContain(`CAC is owned by ${mention('U_ALICE')}`);
    const alice = (await store.members.list(admin.workspace.id)).find((m) => m.externalUserId === 'U_ALICE');
    expect((await store.metrics.owners(admin.workspace.id)).find((o) => o.key === 'cac')?.memberId).toBe(alice?.id);
    await runCommand(admin, '/growth', 'digest managers @Alice <@U_BOB|bob.li> @bob.li');
    const ws = await store.workspaces.get(admin.workspace.id);
    expect((ws?.settings.digest as { managers?: string[] } | undefined)?.managers).toEqual(['U_ALICE', 'U_BOB']);
  });

  it('creates sandbox members by name on first use, once, and lists them with roles in both languages', async () => {
    const you = await caller('local', 'local-res', 'sandbox-user', 'zh-CN', 'you');
    expect(sandboxMemberId('Alice')).toBe('local-alice');
    expect(sandboxMemberId('小王')).toBe('local_e5b08fe78e8b');
    await runCommand(you, '/growth', '负责人 获客成本 @小王');
    // 20 first mentions at once still make one member.
    await Promise.all(Array.from({ length: 20 }, () => resolvePeople(you, 'growth', [{ name: '＠小王'.slice(1) }, { name: 'Alice' }])));
    await runCommand(you, '/growth', 'digest managers @alice @小王');
    const members = await store.members.list(you.workspace.id);
    expect(members.map((m) => [m.externalUserId, m.displayName, m.role])).toEqual([
      ['sandbox-user', 'you', 'admin'],
      ['local_e5b08fe78e8b', '小王', 'member'],
      ['local-alice', 'Alice', 'member'],
    ]);
    const zh = await runCommand(you, '/growth', '成员');
    expect(zh.elements[0]).toEqual({ type: 'header', text: '成员（3）' });
    expect(zh.elements[1]).toMatchObject({
      rows: [
        ['@you', '管理员'],
        ['@小王', '成员'],
        ['@Alice', '成员'],
      ],
    });
    expect(text(zh)).toContain('在沙盒里，第一次 @ 一个新名字就会创建这位成员');
    await store.workspaces.update(you.workspace.id, { locale: 'en' });
    const en = await runCommand({ ...you, workspace: { ...you.workspace, locale: 'en' } }, '/growth', 'members');
    expect(en.elements[0]).toEqual({ type: 'header', text: 'Members (3)' });
    expect(en.elements[1]).toMatchObject({
      columns: [{ label: 'Member' }, { label: 'Role' }],
      rows: [
        ['@you', 'admin'],
        ['@Alice', 'member'],
        ['@小王', 'member'],
      ],
    });
  });

  it('lists Slack members whose name it never learned as mentions', async () => {
    const admin = await caller('slack', 'T-NONAME', 'U_FIRST', 'en');
    const view = await runCommand(admin, '/growth', 'members');
    expect(view.elements[1]).toMatchObject({ rows: [[mention('U_FIRST'), 'admin']] });
    expect(text(view)).toContain('Name a person in a command with @name');
  });
});
