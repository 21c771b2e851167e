// The alert use cases over the store: evaluate rules, let time pass, act from chat. Every state change is
// saved in one transaction with its event and the messages it causes (the outbox delivers them).
import { randomUUID } from 'node:crypto';
import type { DigestAgendaItem, DigestAlertItem, DigestSources } from '../digest/digest-data.ts';
import { t } from '../i18n/messages.ts';
import { loadCatalog } from '../metrics/load-catalog.ts';
import type { MetricCatalog } from '../metrics/metric-catalog.ts';
import { ObservationIndex } from '../metrics/observation-index.ts';
import type { Alert, AlertRule } from '../ports/alerts.ts';
import type { Segment } from '../ports/catalog.ts';
import type { Store } from '../ports/store.ts';
import type { Member, Workspace } from '../ports/workspace.ts';
import { segmentName } from '../segments/resolve-segment.ts';
import { addDays } from '../time/day-math.ts';
import { dayInZone } from '../time/zoned-today.ts';
import { notice } from '../views/notice.ts';
import type { View } from '../views/view.ts';
import { type AlertAction, type Outcome, onAction, onFinding, onTick } from './alert-lifecycle.ts';
import { alertSettings, alertsEnabled, targetsOf } from './alert-settings.ts';
import { type AlertViewContext, alertReplyView, alertSummary, alertView } from './alert-view.ts';
import { evaluateRule, type Finding, LOOKBACK_DAYS } from './evaluate-rule.ts';

/** What names an alert in a workspace: members, segments, metric owners, the catalog. Loaded once per pass. */
interface Names {
  workspace: Workspace;
  catalog: MetricCatalog;
  members: Map<string, Member>;
  segments: Map<string, Segment>;
  metricOwners: Map<string, string>;
}

async function loadNames(store: Store, workspace: Workspace, catalog?: MetricCatalog): Promise<Names> {
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

const metricOf = (rule: AlertRule, alert: Pick<Alert, 'segment' | 'detail'>) => (rule.metric === '*' ? alert.detail.metric : rule.metric);
const segmentOf = (rule: AlertRule, alert: Pick<Alert, 'segment'>) => (rule.metric === '*' ? '' : alert.segment);

/** Who is mentioned: the rule's owner for the segment, the rule's owners, the segment's owner, then the metric's owner. */
export function ownersFor(rule: AlertRule, alert: Pick<Alert, 'segment' | 'detail'>, names: Names): string[] {
  const segment = segmentOf(rule, alert);
  const memberIds =
    (rule.segmentOwners[segment]?.length ? rule.segmentOwners[segment] : undefined) ??
    (rule.owners.length ? rule.owners : undefined) ??
    (names.segments.get(segment)?.ownerMemberId ? [names.segments.get(segment)?.ownerMemberId as string] : undefined) ??
    (names.metricOwners.get(metricOf(rule, alert)) ? [names.metricOwners.get(metricOf(rule, alert)) as string] : []);
  return memberIds.map((id) => names.members.get(id)?.externalUserId).filter((id): id is string => Boolean(id));
}

/** Who an escalation calls: the rule's list, else the workspace's managers, else its admins. */
function escalationTargets(rule: AlertRule, names: Names): string[] {
  const all = [...names.members.values()];
  const picked = rule.escalateTo.length
    ? all.filter((m) => rule.escalateTo.includes(m.id))
    : all.filter((m) => m.role === 'manager').length
      ? all.filter((m) => m.role === 'manager')
      : all.filter((m) => m.role === 'admin');
  return picked.map((m) => m.externalUserId);
}

function viewContext(rule: AlertRule, alert: Alert, names: Names): AlertViewContext {
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
    owners: ownersFor(rule, alert, names),
    stateBy: by,
    targets: targetsOf(ws),
  };
}

/** Someone else changed the alert between our read and our write: the caller reloads or leaves it to the next pass. */
export class AlertConflictError extends Error {}

/** Saves an outcome with its event and messages, all or nothing. */
async function apply(
  store: Store,
  outcome: Outcome,
  rule: AlertRule,
  names: Names,
  before: Alert | undefined,
  now: Date,
): Promise<boolean> {
  if (outcome.kind === 'none' || outcome.kind === 'unchanged') return false;
  const channel = alertSettings(names.workspace).channel;
  return store.transaction(async (tx) => {
    const alert = outcome.alert;
    if (outcome.kind === 'fire') {
      alert.channel = channel;
      alert.messageKey = channel ? `alert:${alert.id}:notify:0` : undefined;
      if (!(await tx.alerts.open(alert))) return false;
      await tx.alerts.appendEvent({
        workspaceId: alert.workspaceId,
        alertId: alert.id,
        type: 'fired',
        actor: 'system',
        detail: { value: alert.value, threshold: alert.threshold, day: alert.detail.day },
        at: now,
      });
      if (channel && alert.messageKey)
        await tx.outbox.enqueue({
          workspaceId: alert.workspaceId,
          key: alert.messageKey,
          kind: 'post',
          channel,
          payload: alertView(alert, viewContext(rule, alert, names)),
          availableAt: now,
        });
      return true;
    }
    if (!(await tx.alerts.save(alert, (before as Alert).updatedAt))) throw new AlertConflictError(alert.id);
    const eventId = outcome.event
      ? await tx.alerts.appendEvent({
          workspaceId: alert.workspaceId,
          alertId: alert.id,
          type: outcome.event,
          actor: outcome.actor,
          detail: outcome.detail,
          at: now,
        })
      : undefined;
    if (alert.channel && alert.messageKey) {
      const ctx = viewContext(rule, alert, names);
      const stamp = eventId ?? `v${now.getTime()}`;
      await tx.outbox.enqueue({
        workspaceId: alert.workspaceId,
        key: `alert:${alert.id}:update:${stamp}`,
        kind: 'update',
        channel: alert.channel,
        target: alert.messageKey,
        payload: alertView(alert, ctx),
        availableAt: now,
      });
      if (outcome.reply) {
        const actor = outcome.actor !== 'system' ? names.members.get(outcome.actor)?.externalUserId : undefined;
        await tx.outbox.enqueue({
          workspaceId: alert.workspaceId,
          key: `alert:${alert.id}:notify:${stamp}`,
          kind: 'reply',
          channel: alert.channel,
          target: alert.messageKey,
          payload: alertReplyView(outcome.reply, alert, { ...ctx, escalateTo: escalationTargets(rule, names), actor }),
          availableAt: now,
        });
      }
    }
    return true;
  });
}

export interface EvaluationSummary {
  day: string;
  rules: number;
  findings: number;
  fired: number;
  changed: number;
}

/**
 * Evaluates the workspace's enabled rules on the latest complete day (in its timezone) and moves their
 * alerts: fire, update, recover. `only` narrows to what an ingest touched (metrics, and segments).
 */
export async function evaluateWorkspace(
  store: Store,
  workspace: Workspace,
  now: Date,
  only?: { metrics: Iterable<string>; segments?: Iterable<string> },
): Promise<EvaluationSummary> {
  const day = addDays(dayInZone(now, workspace.timezone), -1);
  const summary: EvaluationSummary = { day, rules: 0, findings: 0, fired: 0, changed: 0 };
  const catalog = await loadCatalog(store.metrics, workspace);
  const touched = only ? new Set(only.metrics) : undefined;
  const rules = (await store.alerts.listRules(workspace.id)).filter((r) => {
    if (!r.enabled) return false;
    if (!touched) return true;
    if (r.metric === '*') return true;
    return [...catalog.baseInputs(r.metric)].some((m) => touched.has(m));
  });
  if (rules.length === 0) return summary;
  const inputs = new Set<string>();
  for (const r of rules) {
    if (r.metric === '*') for (const m of catalog.list()) if (m.kind === 'base') inputs.add(m.key);
    for (const m of catalog.baseInputs(r.metric)) inputs.add(m);
  }
  const rows = await store.observations.query(workspace.id, { metrics: [...inputs], from: addDays(day, -LOOKBACK_DAYS), to: day });
  const input = { catalog, index: new ObservationIndex(rows), day, targets: targetsOf(workspace) };
  const names = await loadNames(store, workspace, catalog);
  const segments = only?.segments ? new Set(only.segments) : undefined;
  const openByRule = new Map<string, Alert[]>();
  for (const a of await store.alerts.listOpen(workspace.id)) openByRule.set(a.ruleId, [...(openByRule.get(a.ruleId) ?? []), a]);
  // An alert someone resolved by hand does not fire again on the same day's numbers (the next day may).
  const resolvedToday = new Set<string>();
  for (const a of await store.alerts.listBetween(workspace.id, new Date(now.getTime() - 3 * 86_400_000), new Date(now.getTime() + 1)))
    if (a.state === 'resolved' && a.stateBy && a.stateBy !== 'system' && a.detail.day === day)
      resolvedToday.add(`${a.ruleId}:${a.segment}`);
  const failures: string[] = [];
  for (const rule of rules) {
    summary.rules++;
    try {
      // A write to the total ("") can move any segment's share; only then is every subject looked at again.
      const subjects = segments && !segments.has('') && rule.scope === 'each' ? segments : undefined;
      const findings: Finding[] = evaluateRule(rule, input, subjects);
      const open = new Map((openByRule.get(rule.id) ?? []).map((a) => [a.segment, a]));
      for (const f of findings) {
        summary.findings++;
        let current = open.get(f.subject);
        if (!current && f.status === 'failing' && resolvedToday.has(`${rule.id}:${f.subject}`)) continue;
        for (let attempt = 0; attempt < 2; attempt++) {
          const outcome = onFinding(current, f, rule, now, day, randomUUID());
          try {
            if (await apply(store, outcome, rule, names, current, now)) outcome.kind === 'fire' ? summary.fired++ : summary.changed++;
            break;
          } catch (error) {
            // Someone acted on the alert while we evaluated: read it again and apply the finding to what they left.
            if (!(error instanceof AlertConflictError) || !current) throw error;
            current = await store.alerts.get(workspace.id, current.id);
            if (!current || current.state === 'resolved') break;
          }
        }
      }
    } catch (error) {
      // One broken rule does not keep the others from running; the failure is reported after the pass.
      failures.push(`${rule.name}: ${(error as Error).message}`);
    }
  }
  if (failures.length) throw new Error(`${failures.length} of ${rules.length} rules failed: ${failures.join('; ')}`);
  return summary;
}

/** Reminders, escalations and snoozes that ran out, at `now`. */
export async function tickWorkspace(store: Store, workspace: Workspace, now: Date): Promise<number> {
  const open = await store.alerts.listOpen(workspace.id);
  if (open.length === 0) return 0;
  const rules = new Map((await store.alerts.listRules(workspace.id)).map((r) => [r.id, r]));
  const names = await loadNames(store, workspace);
  let changed = 0;
  for (const alert of open) {
    const rule = rules.get(alert.ruleId);
    if (!rule?.enabled) continue;
    try {
      if (await apply(store, onTick(alert, rule, now), rule, names, alert, now)) changed++;
    } catch (error) {
      if (!(error instanceof AlertConflictError)) throw error;
    }
  }
  return changed;
}

/**
 * An action from chat on an alert of the caller's workspace (an id from another workspace is not found).
 * Returns the alert message as it now reads, or a notice for the caller alone when nothing changed.
 */
export async function actOnAlert(
  store: Store,
  workspace: Workspace,
  memberId: string,
  alertId: string,
  action: AlertAction,
  now: Date,
): Promise<{ view: View; changed: boolean }> {
  const locale = workspace.locale;
  for (let attempt = 0; attempt < 3; attempt++) {
    const alert = await store.alerts.get(workspace.id, alertId);
    const rule = alert ? await store.alerts.getRule(workspace.id, alert.ruleId) : undefined;
    if (!alert || !rule) return { view: notice(t(locale, 'alert.done.notFound')), changed: false };
    const outcome = onAction(alert, action, memberId, now);
    if (outcome.kind === 'unchanged')
      return { view: notice(t(locale, outcome.reason === 'resolved' ? 'alert.done.wasResolved' : 'alert.done.already')), changed: false };
    const names = await loadNames(store, workspace);
    try {
      await apply(store, outcome, rule, names, alert, now);
    } catch (error) {
      if (error instanceof AlertConflictError) continue;
      throw error;
    }
    if (outcome.kind !== 'change') break;
    return { view: alertView(outcome.alert, viewContext(rule, outcome.alert, names)), changed: true };
  }
  return { view: notice(t(locale, 'alert.done.already')), changed: false };
}

/** The open alerts of a workspace, each as one line and its state (for /alerts). */
export async function openAlertSummaries(store: Store, workspace: Workspace): Promise<{ alert: Alert; line: string; status: string }[]> {
  const open = await store.alerts.listOpen(workspace.id);
  if (open.length === 0) return [];
  const rules = new Map((await store.alerts.listRules(workspace.id)).map((r) => [r.id, r]));
  const names = await loadNames(store, workspace);
  return open.flatMap((alert) => {
    const rule = rules.get(alert.ruleId);
    return rule ? [{ alert, ...alertSummary(alert, viewContext(rule, alert, names)) }] : [];
  });
}

/**
 * The scheduled evaluation: a failure is itself reported to the workspace's admins (the admin channel, else
 * the alert channel), once per day, and then rethrown so the job records it.
 */
export async function evaluateAndReport(
  store: Store,
  workspace: Workspace,
  now: Date,
  only?: { metrics: Iterable<string>; segments?: Iterable<string> },
): Promise<EvaluationSummary> {
  try {
    return await evaluateWorkspace(store, workspace, now, only);
  } catch (error) {
    const adminChannel = typeof workspace.settings.adminChannel === 'string' ? workspace.settings.adminChannel : undefined;
    const channel = adminChannel ?? alertSettings(workspace).channel;
    const day = dayInZone(now, workspace.timezone);
    const text = t(workspace.locale, 'alerts.evaluationFailed', { error: (error as Error).message.slice(0, 300) });
    await store.audit.append({
      workspaceId: workspace.id,
      actor: 'system',
      action: 'alerts.evaluation.failed',
      after: { error: String(error) },
    });
    if (channel)
      await store.outbox.enqueue({
        workspaceId: workspace.id,
        key: `notice:alerts-evaluate:${workspace.id}:${day}`,
        kind: 'post',
        channel,
        payload: { fallback: text, elements: [{ type: 'text', text: `⚠️ ${text}` }], severity: 'warning' } satisfies View,
        availableAt: now,
      });
    throw error;
  }
}

/**
 * After data arrived (chat, API, CSV, demo): the rules on the metrics and segments it touched are evaluated
 * at once. The write already succeeded; an evaluation failure is reported, not thrown at the writer.
 */
export async function evaluateAfterIngest(
  store: Store,
  workspace: Workspace | undefined,
  rows: Iterable<{ metric: string; segment: string }>,
  now: Date,
): Promise<EvaluationSummary | undefined> {
  if (!workspace || !alertsEnabled(workspace)) return undefined;
  const metrics = new Set<string>();
  const segments = new Set<string>();
  for (const r of rows) {
    metrics.add(r.metric);
    segments.add(r.segment);
  }
  if (metrics.size === 0) return undefined;
  try {
    return await evaluateAndReport(store, workspace, now, { metrics, segments });
  } catch {
    return undefined;
  }
}

/**
 * The digest's view of alerts: what fired, changed or stayed open during [from, to), and what is open now, with owners; and
 * the agenda items raised by rules that put their alert on the agenda (LTV/CAC below 1.5 → the joint
 * marketing–operations meeting).
 */
export function createAlertDigestSources(store: Store): DigestSources {
  async function load(workspaceId: string, from: Date, to: Date) {
    const workspace = await store.workspaces.get(workspaceId);
    if (!workspace) return undefined;
    // The week's alerts, and every alert still open now (the meeting is about those too, whenever they fired).
    const byId = new Map<string, Alert>();
    for (const a of [...(await store.alerts.listBetween(workspaceId, from, to)), ...(await store.alerts.listOpen(workspaceId))])
      byId.set(a.id, a);
    const alerts = [...byId.values()];
    if (alerts.length === 0) return { alerts, rules: new Map<string, AlertRule>(), names: undefined };
    const rules = new Map((await store.alerts.listRules(workspaceId)).map((r) => [r.id, r]));
    return { alerts, rules, names: await loadNames(store, workspace) };
  }
  return {
    async alertsOfWeek(workspaceId, from, to): Promise<DigestAlertItem[]> {
      const loaded = await load(workspaceId, from, to);
      if (!loaded?.names) return [];
      const { alerts, rules, names } = loaded;
      return alerts.flatMap((a) => {
        const rule = rules.get(a.ruleId);
        if (!rule) return [];
        return [
          {
            ruleName: rule.name,
            metricKey: metricOf(rule, a),
            segment: segmentOf(rule, a),
            severity: rule.severity,
            state: a.state,
            firedAt: a.firedAt,
            resolvedAt: a.resolvedAt,
            ownerUserIds: ownersFor(rule, a, names),
          },
        ];
      });
    },
    async agenda(workspaceId, from, to): Promise<DigestAgendaItem[]> {
      const loaded = await load(workspaceId, from, to);
      if (!loaded?.names) return [];
      const { alerts, rules } = loaded;
      return alerts.flatMap((a) => {
        const rule = rules.get(a.ruleId);
        if (rule?.params.type !== 'threshold' || !rule.params.agenda) return [];
        return [
          {
            metricKey: metricOf(rule, a),
            segment: segmentOf(rule, a),
            value: a.value,
            threshold: rule.params.value,
            note: rule.note ?? rule.name,
          },
        ];
      });
    },
  };
}
