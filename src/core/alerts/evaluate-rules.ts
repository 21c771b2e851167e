// Rule evaluation as a use case: the workspace's rules on the latest complete day, each finding moved through
// the alert lifecycle and saved with its event and messages; a failed pass is reported to the admins.
import { randomUUID } from 'node:crypto';
import { t } from '../i18n/messages.ts';
import { loadCatalog } from '../metrics/load-catalog.ts';
import type { ObservationsWritten } from '../observations/observations-written.ts';
import type { Alert } from '../ports/alerts.ts';
import type { Store } from '../ports/store.ts';
import type { Workspace } from '../ports/workspace.ts';
import { addDays } from '../time/day-math.ts';
import { dayInZone } from '../time/zoned-today.ts';
import { notice } from '../views/notice.ts';
import { onFinding } from './alert-lifecycle.ts';
import { loadNames } from './alert-names.ts';
import { alertSettings, alertsEnabled } from './alert-settings.ts';
import { AlertConflictError, apply } from './apply-outcome.ts';
import { evaluateRule, type Finding } from './evaluate-rule.ts';
import { evaluationInput } from './evaluation-input.ts';

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
  const input = await evaluationInput(store, workspace, catalog, rules, day);
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
    // The audit entry and the notice land together: an admin never sees a notice the log does not explain.
    await store.transaction(async (tx) => {
      await tx.audit.append({
        workspaceId: workspace.id,
        actor: 'system',
        action: 'alerts.evaluation.failed',
        after: { error: String(error) },
      });
      if (channel)
        await tx.outbox.enqueue({
          workspaceId: workspace.id,
          key: `notice:alerts-evaluate:${workspace.id}:${day}`,
          kind: 'post',
          channel,
          payload: notice(`⚠️ ${text}`, { severity: 'warning', shared: true }),
          availableAt: now,
        });
    });
    throw error;
  }
}

/**
 * After data arrived (chat, API, CSV, demo; the "observations written" hook): the rules on the metrics and
 * segments it touched are evaluated at once. The write already succeeded; an evaluation failure is
 * reported, not thrown at the writer.
 */
export async function evaluateAfterWrite({ store, workspaceId, rows, now }: ObservationsWritten): Promise<EvaluationSummary | undefined> {
  const workspace = await store.workspaces.get(workspaceId);
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
