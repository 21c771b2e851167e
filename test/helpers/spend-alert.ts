import type { Store } from '../../src/core/ports/store.ts';
import type { Workspace } from '../../src/core/ports/workspace.ts';
import { newRule } from './alert-rules.ts';

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
  await store.alerts.createRule(
    newRule({
      workspaceId: ws.id,
      name: '抖音花费过高',
      metric: 'spend',
      scope: 'segment',
      segment: 'douyin',
      params: { type: 'threshold', op: 'above', value: 3000, window: { kind: 'day' } },
      severity: 'critical',
      owners: [(await store.members.ensure(ws.id, owner)).id],
      note: '检查投放',
    }),
  );
  return ws;
}

/**
 * A workspace with alerts on (to `channel`) and a critical rule "spend, all channels together, above 3,000 on
 * the last complete day", which recovers on the first evaluation below it. Returns the rule's id.
 */
export async function seedTotalSpendRule(store: Store, workspaceId: string, channel = 'C-ALERTS'): Promise<string> {
  await store.workspaces.update(workspaceId, { settings: { alerts: { enabled: true, channel } } });
  const rule = await store.alerts.createRule(
    newRule({
      workspaceId,
      name: 'spend above 3000',
      metric: 'spend',
      params: { type: 'threshold', op: 'above', value: 3000, window: { kind: 'day' } },
      severity: 'critical',
    }),
  );
  return rule.id;
}
