// Saving what the alert lifecycle decided: the alert, its event and the messages it causes, together.
import { AlertConflictError } from '../errors.ts';
import type { Alert, AlertRule } from '../ports/alerts.ts';
import type { Store, TransactionScope } from '../ports/store.ts';
import type { Outcome } from './alert-lifecycle.ts';
import { escalationTargets, type Names, viewContext } from './alert-names.ts';
import { alertSettings } from './alert-settings.ts';
import { alertReplyView, alertView } from './alert-view.ts';

// The conflict is one of the core's errors (core/errors.ts); re-exported for the alert use cases.
export { AlertConflictError } from '../errors.ts';

/**
 * Writes an outcome with its event and messages through `tx` (the caller's transaction, so a rule change can
 * close its alerts in the same one). false when there was nothing to write or another replica opened it first.
 */
export async function applyOutcome(
  tx: TransactionScope,
  outcome: Outcome,
  rule: AlertRule,
  names: Names,
  before: Alert | undefined,
  now: Date,
): Promise<boolean> {
  if (outcome.kind === 'none' || outcome.kind === 'unchanged') return false;
  const channel = alertSettings(names.workspace).channel;
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
}

/** applyOutcome in a transaction of its own: all or nothing. */
export function apply(
  store: Store,
  outcome: Outcome,
  rule: AlertRule,
  names: Names,
  before: Alert | undefined,
  now: Date,
): Promise<boolean> {
  if (outcome.kind === 'none' || outcome.kind === 'unchanged') return Promise.resolve(false);
  return store.transaction((tx) => applyOutcome(tx, outcome, rule, names, before, now));
}
