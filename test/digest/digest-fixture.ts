// A small workspace for digest tests, with numbers simple enough to check by hand.
import type { ObservationInput } from '../../src/core/ports/observations.ts';
import type { Store } from '../../src/core/ports/store.ts';
import type { Workspace } from '../../src/core/ports/workspace.ts';
import { eachDay } from '../../src/core/time/day-math.ts';

export function daily(metric: string, segment: string, from: string, to: string, value: number): ObservationInput[] {
  return eachDay(from, to).map((day) => ({ metric, segment, day, value }));
}

/**
 * Two channels over ISO weeks 2026-W46 (Nov 9–15) and W47 (Nov 16–22), per day:
 *   douyin       W46: spend 1000, revenue 1400, new 25, retained_d1 10   W47: spend 1000, revenue 1300, new 20, retained_d1 10
 *   xiaohongshu  W46: spend  500, revenue  600, new 10, retained_d1  5   W47: spend  500, revenue  800, new 10, retained_d1  5
 *   whole product: dau 1000 every day; mau 30000 on each Sunday.
 */
export function twoWeekRows(): ObservationInput[] {
  const [w46, w46end, w47, w47end] = ['2026-11-09', '2026-11-15', '2026-11-16', '2026-11-22'];
  return [
    ...daily('spend', 'douyin', w46, w47end, 1000),
    ...daily('revenue', 'douyin', w46, w46end, 1400),
    ...daily('revenue', 'douyin', w47, w47end, 1300),
    ...daily('new_users', 'douyin', w46, w46end, 25),
    ...daily('new_users', 'douyin', w47, w47end, 20),
    ...daily('retained_d1', 'douyin', w46, w47end, 10),
    ...daily('spend', 'xiaohongshu', w46, w47end, 500),
    ...daily('revenue', 'xiaohongshu', w46, w46end, 600),
    ...daily('revenue', 'xiaohongshu', w47, w47end, 800),
    ...daily('new_users', 'xiaohongshu', w46, w47end, 10),
    ...daily('retained_d1', 'xiaohongshu', w46, w47end, 5),
    ...daily('dau', '', w46, w47end, 1000),
    { metric: 'mau', segment: '', day: w46end, value: 30000 },
    { metric: 'mau', segment: '', day: w47end, value: 30000 },
  ] as ObservationInput[];
}

export async function workspaceWith(
  store: Store,
  externalId: string,
  rows: ObservationInput[],
  init: { timezone?: string; locale?: 'zh-CN' | 'en'; settings?: Record<string, unknown> } = {},
): Promise<Workspace> {
  let ws = await store.workspaces.ensure({
    platform: 'slack',
    externalId,
    name: `Team ${externalId}`,
    timezone: init.timezone ?? 'Asia/Shanghai',
    locale: init.locale ?? 'en',
  });
  await store.segments.ensure(ws.id, [
    { key: 'douyin', name: '抖音' },
    { key: 'xiaohongshu', name: '小红书' },
  ]);
  if (rows.length) await store.observations.upsert(ws.id, rows, { source: 'test', actor: 'test' });
  if (init.settings) ws = await store.workspaces.update(ws.id, { settings: init.settings });
  return ws;
}
