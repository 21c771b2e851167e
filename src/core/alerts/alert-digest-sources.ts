// What the weekly digest asks of alerts (see DigestSources): the week's alerts with their owners, and the
// agenda items raised by rules that put their alert on the meeting's agenda.
import type { DigestAgendaItem, DigestAlertItem, DigestSources } from '../digest/digest-data.ts';
import type { Alert, AlertRule } from '../ports/alerts.ts';
import type { Store } from '../ports/store.ts';
import { loadNames, metricOf, ownerMemberIdsFor, ownersFor, segmentOf } from './alert-names.ts';

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
            ownerMemberIds: ownerMemberIdsFor(rule, a, names),
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
