// Channels from chat on a brand-new workspace, over a real SQLite store: the README's first /kpi log creates
// 抖音 and says so; an unknown name offers a button that adds it and records; /growth channels lists, adds,
// renames, aliases and removes (merging a channel's values into another, never over a value already there).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADD_CHANNEL_ACTION } from '../../src/core/commands/add-channel-action.ts';
import type { CommandContext } from '../../src/core/commands/command-context.ts';
import { parseCommand } from '../../src/core/commands/command-grammar.ts';
import { createInteractions } from '../../src/core/commands/interactions.ts';
import { runCommand } from '../../src/core/commands/run-command.ts';
import type { Store } from '../../src/core/ports/store.ts';
import type { View } from '../../src/core/views/view.ts';
import { identifyCaller } from '../../src/core/workspace/identify.ts';
import { importObservationFile } from '../../src/ingest/import-observations.ts';
import { migratedStore } from '../helpers/migrated-store.ts';
import { sqliteTestDatabase } from '../helpers/test-databases.ts';

const database = sqliteTestDatabase();
let store: Store;
const NOW = new Date('2026-11-22T04:00:00Z');
const text = (v: View) => JSON.stringify(v.elements);
let team = 0;

async function freshWorkspace(locale: 'en' | 'zh-CN' = 'en'): Promise<{ admin: CommandContext; member: CommandContext }> {
  team++;
  const defaults = { timezone: 'Asia/Shanghai', locale };
  const a = await identifyCaller(store, { platform: 'slack', teamId: `TC${team}`, userId: 'UADMIN' }, defaults);
  const m = await identifyCaller(store, { platform: 'slack', teamId: `TC${team}`, userId: 'UMEMBER' }, defaults);
  return { admin: { store, ...a, now: NOW }, member: { store, ...m, now: NOW } };
}

const values = async (ctx: CommandContext, metric = 'spend') =>
  (await store.observations.query(ctx.workspace.id, { metrics: [metric], from: '2026-01-01', to: '2026-12-31' })).map(
    (o) => `${o.segment} ${o.day} ${o.value}`,
  );

beforeAll(async () => {
  store = await migratedStore(database);
});
afterAll(async () => {
  await store.close();
  await database.drop();
});

describe('channels from chat', () => {
  it('the README’s /kpi log on a fresh workspace creates 抖音 and says so', async () => {
    const { member } = await freshWorkspace();
    const view = await runCommand(member, '/kpi', 'log spend 12,000 douyin 2026-11-20');
    expect(view.severity).toBe('ok');
    expect(view.fallback).toBe('Recorded Spend · Douyin on 2026-11-20: CN¥12,000 (new channel Douyin created)');
    expect(await values(member)).toEqual(['douyin 2026-11-20 12000']);
    expect((await store.segments.list(member.workspace.id)).map((s) => s.name)).toEqual(['抖音']);
    // Again: the channel exists now, nothing is created twice.
    const again = await runCommand(member, '/kpi', 'log spend 13000 抖音 2026-11-21');
    expect(again.fallback).not.toContain('created');
  });

  it('an unknown channel is not created: the answer offers the closest ones and a button that adds it and records', async () => {
    const { member } = await freshWorkspace();
    await runCommand(member, '/kpi', 'log spend 100 小红书 2026-11-19');
    const view = await runCommand(member, '/kpi', 'log spend 500 xiaohongshuu 2026-11-20');
    expect(view.ephemeral).toBe(true);
    expect(view.fallback).toBe(
      'There is no channel "xiaohongshuu" yet. Closest: Xiaohongshu. Add it and record Spend on 2026-11-20: CN¥500.00?',
    );
    expect(await values(member)).toEqual(['xiaohongshu 2026-11-19 100']);
    const actions = view.elements.find((e) => e.type === 'actions');
    if (actions?.type !== 'actions') throw new Error('no button');
    const [button] = actions.actions;
    expect(button).toMatchObject({ id: ADD_CHANNEL_ACTION, label: 'Add channel «xiaohongshuu» and record' });
    const clicked = await createInteractions().onAction(member, { actionId: button?.id as string, value: button?.value as string });
    expect(clicked.fallback).toBe('Recorded Spend · xiaohongshuu on 2026-11-20: CN¥500.00 (new channel xiaohongshuu created)');
    expect(await values(member)).toEqual(['xiaohongshu 2026-11-19 100', 'xiaohongshuu 2026-11-20 500']);
    // A second click (or a forged value) records nothing new.
    const twice = await createInteractions().onAction(member, { actionId: button?.id as string, value: button?.value as string });
    expect(twice.fallback).toContain('nothing changed');
    const forged = await createInteractions().onAction(member, { actionId: ADD_CHANNEL_ACTION, value: '{"metric":1}' });
    expect(forged.ephemeral).toBe(true);
  });

  it('/growth channels lists kind and aliases; admins add, rename, alias and remove, each audited', async () => {
    const { admin, member } = await freshWorkspace();
    expect(text(await runCommand(admin, '/growth', 'channels'))).toContain('No channels yet');
    expect(text(await runCommand(member, '/growth', 'channels add 地推'))).toContain('admin');
    const added = await runCommand(admin, '/growth', 'channels add 地推 organic ditui 线下');
    expect(added.fallback).toBe('Added channel 地推 (organic), aliases: ditui, 线下');
    expect((await runCommand(admin, '/growth', 'channels add 快手 paid')).fallback).toBe('Added channel Kuaishou (paid)');
    // An alias now names the channel in /kpi log.
    await runCommand(admin, '/kpi', 'log spend 300 ditui 2026-11-20');
    expect(await values(admin)).toEqual(['地推 2026-11-20 300']);
    // Each request reads its workspace anew, as the inbound pipeline does.
    const list = await runCommand(
      { ...admin, workspace: (await store.workspaces.get(admin.workspace.id)) ?? admin.workspace },
      '/growth',
      'channels',
    );
    expect(list.elements.find((e) => e.type === 'table')).toMatchObject({
      rows: [
        ['Kuaishou', 'paid', 'kuaishou'],
        ['地推', 'organic', 'ditui, 线下'],
      ],
    });
    expect(text(await runCommand(admin, '/growth', 'channels add ks'))).toContain('There is already a channel Kuaishou');
    expect(text(await runCommand(admin, '/growth', 'channels alias 快手 线下'))).toContain('\\"线下\\" already names channel 地推');
    expect((await runCommand(admin, '/growth', 'channels rename 地推 "Offline events"')).fallback).toBe(
      'Renamed channel 地推 to Offline events (its values stay)',
    );
    expect(await values(admin)).toEqual(['地推 2026-11-20 300']);
    expect((await runCommand(admin, '/growth', 'channels alias offline_events 地面')).fallback).toBe(
      'Aliases of Offline events: ditui, 线下, 地面',
    );
    // A channel with values is refused unless merged; an empty one goes.
    expect(text(await runCommand(admin, '/growth', 'channels remove 地推'))).toContain('holds 1 values, so it is not removed');
    expect((await runCommand(admin, '/growth', 'channels remove 快手')).fallback).toBe('Removed channel Kuaishou');
    const actions = (
      await store.audit.list(admin.workspace.id, { actions: ['segment.create', 'segment.rename', 'segment.aliases', 'segment.remove'] })
    ).map((a) => a.action);
    expect(actions).toEqual(['segment.remove', 'segment.aliases', 'segment.rename', 'segment.create', 'segment.create']);
  });

  it('merges a channel into another, refusing when both hold a value for the same metric and day', async () => {
    const { admin } = await freshWorkspace();
    await runCommand(admin, '/kpi', 'log spend 100 douyin 2026-11-19');
    await runCommand(admin, '/growth', 'channels add dy2');
    await runCommand(admin, '/kpi', 'log spend 40 dy2 2026-11-19');
    expect(text(await runCommand(admin, '/growth', 'channels remove dy2 into 抖音'))).toContain(
      'dy2 and Douyin both have values for 1 metric-days (e.g. spend 2026-11-19)',
    );
    expect(await values(admin)).toEqual(['douyin 2026-11-19 100', 'dy2 2026-11-19 40']);
    await runCommand(admin, '/kpi', 'log spend 40 dy2 2026-11-20');
    await store.observations.remove(
      admin.workspace.id,
      { metrics: ['spend'], segments: ['dy2'], from: '2026-11-19', to: '2026-11-19' },
      {
        source: 'test',
        actor: 'test',
      },
    );
    expect((await runCommand(admin, '/growth', 'channels remove dy2 into 抖音')).fallback).toBe(
      'Moved 1 values of dy2 into Douyin and removed dy2',
    );
    expect(await values(admin)).toEqual(['douyin 2026-11-19 100', 'douyin 2026-11-20 40']);
    // dy2 still names the channel it went into.
    expect((await runCommand(admin, '/kpi', 'log spend 41 dy2 2026-11-20')).fallback).toContain('Douyin');
  });

  it('a name a workspace stored before it became well known keeps its channel (imports and chat alike)', async () => {
    const { admin } = await freshWorkspace();
    // Stored as "ks" and "baidu" before 快手 and Baidu (SEM) were in the well-known list.
    await store.segments.ensure(admin.workspace.id, [
      { key: 'ks', name: 'ks' },
      { key: 'baidu', name: 'baidu' },
    ]);
    const dir = mkdtempSync(join(tmpdir(), 'gb-known-'));
    writeFileSync(join(dir, 'w.csv'), 'date,channel,spend\n2026-11-20,ks,10\n2026-11-20,baidu,20\n2026-11-20,快手,30\n');
    const summary = await importObservationFile(store, admin.workspace.id, join(dir, 'w.csv'), { actor: 'test' });
    expect(summary.segments).toEqual(['baidu', 'ks', 'kuaishou']);
    await runCommand(admin, '/kpi', 'log spend 5 baidu 2026-11-21');
    expect((await values(admin)).sort()).toEqual([
      'baidu 2026-11-20 20',
      'baidu 2026-11-21 5',
      'ks 2026-11-20 10',
      'kuaishou 2026-11-20 30',
    ]);
  });

  it('reads the channels grammar', () => {
    expect(parseCommand('/growth', 'channels add "Google Ads" paid gads 谷歌')).toEqual({
      name: 'growth',
      action: 'channels',
      sub: 'add',
      channel: 'Google Ads',
      kind: 'paid',
      aliases: ['gads', '谷歌'],
    });
    expect(parseCommand('/growth', '渠道 删除 dy 合并到 抖音')).toEqual({
      name: 'growth',
      action: 'channels',
      sub: 'remove',
      channel: 'dy',
      into: '抖音',
    });
    expect(parseCommand('/growth', 'channel 抖音 organic')).toEqual({
      name: 'growth',
      action: 'channel',
      channel: '抖音',
      kind: 'organic',
    });
    expect(() => parseCommand('/growth', 'channels rename 抖音')).toThrow();
  });
});
