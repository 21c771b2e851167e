import type { Store } from '../../src/core/ports/store.ts';
import type { Workspace } from '../../src/core/ports/workspace.ts';

/**
 * A workspace whose alerts go to `channel`, with 抖音 spending ¥5,000 on 2026-11-21 and a critical rule
 * "抖音 spend above 3,000" owned by `owner` (a platform user id): evaluated on 2026-11-22 it fires once.
 */
export async function seedSpendAlertRule(store: Store, workspaceId: string, channel: string, owner: string): Promise<Workspace> {
  const ws = await store.workspaces.update(workspaceId, { settings: { alerts: { enabled: true, channel } } });
  await store.observations.upsert(ws.id, [{ metric: 'spend', segment: 'douyin', day: '2026-11-21', value: 5000 }], {
    source: 'test',
    actor: 'test',
  });
  await store.alerts.createRule({
    workspaceId: ws.id,
    name: '抖音花费过高',
    metric: 'spend',
    scope: 'segment',
    segment: 'douyin',
    params: { type: 'threshold', op: 'above', value: 3000, window: { kind: 'day' } },
    severity: 'critical',
    owners: [(await store.members.ensure(ws.id, owner)).id],
    segmentOwners: {},
    repeatMinutes: 1440,
    escalateTo: [],
    recoveryEvaluations: 1,
    note: '检查投放',
    enabled: true,
  });
  return ws;
}
