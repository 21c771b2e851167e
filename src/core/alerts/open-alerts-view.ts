// `/alerts` with no arguments: the open alerts, each as a line, its state and its buttons.
import { t } from '../i18n/messages.ts';
import type { Alert } from '../ports/alerts.ts';
import type { Store } from '../ports/store.ts';
import type { Workspace } from '../ports/workspace.ts';
import { notice } from '../views/notice.ts';
import type { View, ViewElement } from '../views/view.ts';
import { loadNames, viewContext } from './alert-names.ts';
import { ALERT_ACTIONS, alertSummary } from './alert-view.ts';

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

/** The open alerts, each with its buttons (the list re-renders itself after a click). */
export async function openAlertsView(store: Store, ws: Workspace): Promise<View> {
  const locale = ws.locale;
  const open = await openAlertSummaries(store, ws);
  if (open.length === 0) {
    const rules = await store.alerts.listRules(ws.id);
    return notice(`${t(locale, 'alerts.none')} ${rules.length ? '' : t(locale, 'alerts.noRulesHint')}`.trim());
  }
  const title = t(locale, 'alerts.header', { n: open.length });
  const elements: ViewElement[] = [{ type: 'header', text: title }];
  for (const { alert, line, status } of open.slice(0, 10)) {
    elements.push({ type: 'text', text: line });
    elements.push({ type: 'context', text: status });
    elements.push({
      type: 'actions',
      actions: [
        ...(alert.state === 'acknowledged'
          ? []
          : [{ id: ALERT_ACTIONS.ack, label: t(locale, 'alert.action.ack'), value: `${alert.id}|list`, style: 'primary' as const }]),
        { id: ALERT_ACTIONS.snooze(1440), label: t(locale, 'alert.action.snooze1d'), value: `${alert.id}|list` },
        { id: ALERT_ACTIONS.resolve, label: t(locale, 'alert.action.resolve'), value: `${alert.id}|list`, style: 'danger' as const },
      ],
    });
  }
  if (open.length > 10) elements.push({ type: 'context', text: t(locale, 'alerts.more', { n: open.length - 10 }) });
  return { fallback: title, elements, severity: 'warning' };
}
