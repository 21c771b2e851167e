// Acting on an alert from chat (a button, a reaction, the /alerts list): the lifecycle decides, the outcome is
// saved with its event and messages in one transaction; a conflicting change is read again and retried.
import { t } from '../i18n/messages.ts';
import type { Store } from '../ports/store.ts';
import type { Workspace } from '../ports/workspace.ts';
import { notice } from '../views/notice.ts';
import type { View } from '../views/view.ts';
import { type AlertAction, onAction } from './alert-lifecycle.ts';
import { loadNames, viewContext } from './alert-names.ts';
import { alertView } from './alert-view.ts';
import { AlertConflictError, apply } from './apply-outcome.ts';

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
