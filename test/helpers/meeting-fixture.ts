import type { CommandContext } from '../../src/core/commands/command-context.ts';
import type { Store } from '../../src/core/ports/store.ts';
import { identifyCaller } from '../../src/core/workspace/identify.ts';

/**
 * A Slack team in Shanghai with member @alice (UALICE) and two paid channels. By hand:
 * 抖音 W47 (16–22 Nov) spend 1000, revenue 1300, ROI 30.0%; W48 (23–29 Nov) spend 1000, revenue 1253, ROI 25.3%;
 * 30 Nov spend 500, revenue 700. SEM W47 spend 500, revenue 500, ROI 0.0%; W48 spend 500, revenue 600, ROI 20.0%.
 */
export async function seedMeetingTeam(store: Store, now: Date): Promise<CommandContext> {
  const a = await identifyCaller(store, { platform: 'slack', teamId: 'T1', userId: 'UALICE' }, { timezone: 'Asia/Shanghai', locale: 'en' });
  await store.members.ensure(a.workspace.id, 'UALICE', { displayName: 'alice' });
  await store.segments.ensure(a.workspace.id, [
    { key: 'douyin', name: '抖音' },
    { key: 'sem', name: 'SEM' },
  ]);
  const o = (metric: string, segment: string, day: string, value: number) => ({ metric, segment, day, value });
  await store.observations.upsert(
    a.workspace.id,
    [
      o('spend', 'douyin', '2026-11-18', 1000),
      o('revenue', 'douyin', '2026-11-18', 1300),
      o('spend', 'douyin', '2026-11-25', 1000),
      o('revenue', 'douyin', '2026-11-25', 1253),
      o('spend', 'douyin', '2026-11-30', 500),
      o('revenue', 'douyin', '2026-11-30', 700),
      o('spend', 'sem', '2026-11-18', 500),
      o('revenue', 'sem', '2026-11-18', 500),
      o('spend', 'sem', '2026-11-25', 500),
      o('revenue', 'sem', '2026-11-25', 600),
    ],
    { source: 'csv', actor: 'test' },
  );
  return { store, ...a, now };
}
