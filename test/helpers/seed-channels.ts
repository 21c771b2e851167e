import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Store } from '../../src/core/ports/store.ts';
import type { Platform } from '../../src/core/ports/workspace.ts';
import { type Finished, runCli } from './cli-process.ts';

/**
 * A week of channel data for one team: W46 (9–15 Nov 2026) and a day of the week before. By hand:
 * 抖音 W46 spend 1000 + 500 = 1500, revenue 1500 + 400 = 1900, ROI (1900 − 1500) / 1500 = 26.7%;
 * SEM spend 400, revenue 300, ROI −25.0%; total spend 1900, revenue 2200, ROI (2200 − 1900) / 1900 = 15.8%.
 */
export async function seedChannelWeek(
  store: Store,
  platform: Platform,
  externalId: string,
  options: { empty?: boolean } = {},
): Promise<string> {
  const ws = await store.workspaces.ensure({ platform, externalId, name: 'example', timezone: 'Asia/Shanghai', locale: 'zh-CN' });
  // A brand-new workspace: no channels, no values (the README's first steps start there).
  if (options.empty) return ws.id;
  await store.segments.ensure(ws.id, [
    { key: 'douyin', name: '抖音' },
    { key: 'sem', name: 'SEM' },
  ]);
  const o = (metric: string, segment: string, day: string, value: number) => ({ metric, segment, day, value });
  await store.observations.upsert(
    ws.id,
    [
      o('spend', 'douyin', '2026-11-10', 1000),
      o('revenue', 'douyin', '2026-11-10', 1500),
      o('new_users', 'douyin', '2026-11-10', 20),
      o('spend', 'douyin', '2026-11-11', 500),
      o('revenue', 'douyin', '2026-11-11', 400),
      o('new_users', 'douyin', '2026-11-11', 10),
      o('spend', 'sem', '2026-11-12', 400),
      o('revenue', 'sem', '2026-11-12', 300),
      o('new_users', 'sem', '2026-11-12', 10),
      o('spend', 'douyin', '2026-11-03', 800),
      o('revenue', 'douyin', '2026-11-03', 1000),
      o('new_users', 'douyin', '2026-11-03', 16),
    ],
    { source: 'csv', actor: 'test' },
  );
  return ws.id;
}

/** The W46 part of the same week as a CSV, imported by `growthbeat import` (a real process) into the only workspace. */
export function importChannelWeek(env: Record<string, string>): Promise<Finished> {
  const dir = mkdtempSync(join(tmpdir(), 'gb-week-'));
  writeFileSync(
    join(dir, 'week.csv'),
    'date,segment,spend,revenue,new_users\n2026-11-10,抖音,1000,1500,20\n2026-11-11,抖音,500,400,10\n2026-11-12,SEM,400,300,10\n',
  );
  return runCli(['import', join(dir, 'week.csv'), '--json'], env);
}
