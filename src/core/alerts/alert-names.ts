// Who and what an alert names in its workspace: members, segments, metric owners, the catalog — loaded once
// per pass and turned into the context its messages are drawn with.
import { loadCatalog } from '../metrics/load-catalog.ts';
import type { MetricCatalog } from '../metrics/metric-catalog.ts';
import type { Alert, AlertRule } from '../ports/alerts.ts';
import type { Segment } from '../ports/catalog.ts';
import type { Store } from '../ports/store.ts';
import type { Member, Workspace } from '../ports/workspace.ts';
import { segmentName } from '../segments/resolve-segment.ts';
import { targetsOf } from './alert-settings.ts';
import type { AlertViewContext } from './alert-view.ts';

/** What names an alert in a workspace: members, segments, metric owners, the catalog. Loaded once per pass. */
export interface Names {
  workspace: Workspace;
  catalog: MetricCatalog;
  members: Map<string, Member>;
  segments: Map<string, Segment>;
  metricOwners: Map<string, string>;
}

export async function loadNames(store: Store, workspace: Workspace, catalog?: MetricCatalog): Promise<Names> {
  const [members, segments, owners] = await Promise.all([
    store.members.list(workspace.id),
    store.segments.list(workspace.id),
    store.metrics.owners(workspace.id),
  ]);
  return {
    workspace,
    catalog: catalog ?? (await loadCatalog(store.metrics, workspace)),
    members: new Map(members.map((m) => [m.id, m])),
    segments: new Map(segments.map((s) => [s.key, s])),
    metricOwners: new Map(owners.map((o) => [o.key, o.memberId])),
  };
}

export const metricOf = (rule: AlertRule, alert: Pick<Alert, 'segment' | 'detail'>) =>
  rule.metric === '*' ? alert.detail.metric : rule.metric;
export const segmentOf = (rule: AlertRule, alert: Pick<Alert, 'segment'>) => (rule.metric === '*' ? '' : alert.segment);

/**
 * Who answers for an alert, as member ids: the rule's owners for the segment, the rule's owners, the segment's
 * owner, then the metric's owner (the first of these that names anyone); members no longer known are left out.
 */
export function ownerMemberIdsFor(rule: AlertRule, alert: Pick<Alert, 'segment' | 'detail'>, names: Names): string[] {
  const segment = segmentOf(rule, alert);
  const segmentOwner = names.segments.get(segment)?.ownerMemberId;
  const metricOwner = names.metricOwners.get(metricOf(rule, alert));
  const memberIds =
    (rule.segmentOwners[segment]?.length ? rule.segmentOwners[segment] : undefined) ??
    (rule.owners.length ? rule.owners : undefined) ??
    (segmentOwner ? [segmentOwner] : undefined) ??
    (metricOwner ? [metricOwner] : []);
  return memberIds.filter((id) => names.members.has(id));
}

/** Who is mentioned: the platform ids of ownerMemberIdsFor. */
export function ownersFor(rule: AlertRule, alert: Pick<Alert, 'segment' | 'detail'>, names: Names): string[] {
  return ownerMemberIdsFor(rule, alert, names).flatMap((id) => names.members.get(id)?.externalUserId ?? []);
}

/** Who an escalation calls: the rule's list, else the workspace's managers, else its admins. */
export function escalationTargets(rule: AlertRule, names: Names): string[] {
  const all = [...names.members.values()];
  const picked = rule.escalateTo.length
    ? all.filter((m) => rule.escalateTo.includes(m.id))
    : all.filter((m) => m.role === 'manager').length
      ? all.filter((m) => m.role === 'manager')
      : all.filter((m) => m.role === 'admin');
  return picked.map((m) => m.externalUserId);
}

export function viewContext(rule: AlertRule, alert: Alert, names: Names): AlertViewContext {
  const ws = names.workspace;
  const segment = segmentOf(rule, alert);
  const seg = names.segments.get(segment);
  const by = alert.stateBy && alert.stateBy !== 'system' ? names.members.get(alert.stateBy)?.externalUserId : undefined;
  return {
    locale: ws.locale,
    timezone: ws.timezone,
    currency: ws.currency,
    rule,
    metric: names.catalog.get(metricOf(rule, alert)),
    segmentName: segment ? segmentName(seg ?? segment, ws.locale) : '',
    nameOf: (s) => segmentName(names.segments.get(s) ?? s, ws.locale),
    owners: ownersFor(rule, alert, names),
    stateBy: by,
    targets: targetsOf(ws),
  };
}
