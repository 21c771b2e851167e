// `/growth sources` and `/growth sources run <name>` over a real SQLite store and a local CSV link: admins
// only, the run through the registered runner, failures told to the asker and stale data flagged with since when.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandContext } from '../../src/core/commands/command-context.ts';
import { runCommand } from '../../src/core/commands/run-command.ts';
import { buildDigest } from '../../src/core/digest/build-digest.ts';
import { loadDigestData } from '../../src/core/digest/load-digest-data.ts';
import type { Store } from '../../src/core/ports/store.ts';
import { bold } from '../../src/core/views/rich-text.ts';
import type { View } from '../../src/core/views/view.ts';
import { identifyCaller } from '../../src/core/workspace/identify.ts';
import { registerSources } from '../../src/ingest/sources/register-sources.ts';
import { migratedStore } from '../helpers/migrated-store.ts';
import { sqliteTestDatabase } from '../helpers/test-databases.ts';

const database = sqliteTestDatabase();
let store: Store;
let admin: CommandContext;
let member: CommandContext;
let server: Server;
let up = true;
const text = (v: View) => JSON.stringify(v.elements);
// 2026-11-30 12:00 in Shanghai.
const NOW = new Date('2026-11-30T04:00:00Z');

beforeAll(async () => {
  server = createServer((_req, res) => {
    if (up) res.writeHead(200).end('date,channel,spend\n2026-11-29,sem,10\n2026-11-28,sem,20\n');
    else res.writeHead(503).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  store = await migratedStore(database, 'x'.repeat(40));
  const defaults = { timezone: 'Asia/Shanghai', locale: 'en' as const };
  const a = await identifyCaller(store, { platform: 'slack', teamId: 'T1', userId: 'UADMIN' }, defaults);
  const m = await identifyCaller(store, { platform: 'slack', teamId: 'T1', userId: 'UMEMBER' }, defaults);
  admin = { store, ...a, now: NOW };
  member = { store, ...m, now: NOW };
  registerSources({ env: {}, limits: { statementTimeoutMs: 5000, maxRows: 100 } });
});
afterAll(async () => {
  await store.close();
  await database.drop();
  await new Promise((resolve) => server.close(resolve));
});

describe('/growth sources', () => {
  it('lists nothing yet, and is for admins only', async () => {
    expect(text(await runCommand(admin, '/growth', 'sources'))).toContain('No data sources yet');
    const refused = await runCommand(member, '/growth', 'sources run sheet');
    expect(text(refused)).toContain('Only a workspace admin can see and run data sources');
  });

  it('runs a source now and lists its last success and next run', async () => {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/s.csv`;
    await store.sources.create(admin.workspace.id, {
      name: 'sheet',
      kind: 'csv-url',
      connection: url,
      mapping: {},
      lookbackDays: 7,
      schedule: '0 * * * *',
    });
    const ran = await runCommand(admin, '/growth', 'sources run Sheet');
    // Since 2026-11-23 (7 days before the 30th in Shanghai): two rows, two new values.
    expect(text(ran)).toContain('(since 2026-11-23): 2 rows read, 2 inserted, 0 updated, 0 unchanged');
    expect(ran.severity).toBe('ok');
    const spend = await store.observations.query(admin.workspace.id, { metrics: ['spend'], from: '2026-11-28', to: '2026-11-29' });
    expect(spend.map((o) => o.value).sort()).toEqual([10, 20]);
    const list = await runCommand(admin, '/growth', 'sources');
    const table = list.elements.find((e) => e.type === 'table');
    // Last success 12:00 Shanghai; next run the next hour, 13:00.
    expect(table).toMatchObject({ rows: [['sheet', 'csv-url', '11-30 12:00', '—', '11-30 13:00', 'ok']] });
    expect(text(list)).not.toContain('Stale');
    expect(text(await runCommand(admin, '/roi', 'sem 7d'))).not.toContain('Stale');
  });

  it('tells the asker why a run failed, and flags the stale data with its source and since when', async () => {
    up = false;
    const later = { ...admin, now: new Date('2026-11-30T07:00:00Z') };
    const failed = await runCommand(later, '/growth', 'sources run sheet');
    expect(text(failed)).toContain(`Source ${bold('sheet')} failed`);
    expect(text(failed)).toContain('HTTP 503');
    const list = await runCommand(later, '/growth', 'sources');
    expect(list.elements.find((e) => e.type === 'table')).toMatchObject({
      rows: [['sheet', 'csv-url', '11-30 12:00', expect.stringContaining('11-30 15:00'), '11-30 16:00', 'failing']],
    });
    expect(text(list)).toContain(`Stale data: source ${bold('sheet')} has delivered nothing since 11-30 12:00.`);
    expect(text(await runCommand(admin, '/growth', 'sources run nothing'))).toContain('No data source named nothing. There are: sheet.');
    // Every data answer ends with the warning too, before its Refresh button.
    const roi = await runCommand(later, '/roi', 'sem 7d');
    const warning = roi.elements.findIndex((e) => e.type === 'context' && e.text.includes(`source ${bold('sheet')} has delivered nothing`));
    expect(warning).toBeGreaterThan(0);
    expect(roi.elements[warning + 1]?.type).toBe('actions');
    // The digest's data notes say it too, in the workspace's language.
    const digest = buildDigest(await loadDigestData(store, admin.workspace, later.now), later.now, 'zh-CN');
    expect(text(digest)).toContain(`数据已过期：数据源 ${bold('sheet')} 自 11月30日 12:00 起没有送来新数据。`);
    up = true;
  });
});
