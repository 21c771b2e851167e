// Buttons and emoji reactions on alert messages, as every platform reports them, to the alert use cases.
// Registered with the interactions at composition time (register-alerts.ts): the dispatcher imports no alerts.
import { t } from '../i18n/messages.ts';
import type { ActionInput, Actor, InteractionHandler, ReactionInput } from '../interactions/interaction-handlers.ts';
import type { View } from '../views/view.ts';
import { actOnAlert } from './act-on-alert.ts';
import type { AlertAction } from './alert-lifecycle.ts';
import { alertSettings } from './alert-settings.ts';
import { openAlertsView } from './open-alerts-view.ts';

export const ALERT_ACTION_PREFIX = 'gb.alert.';

/** `gb.alert.ack`, `gb.alert.snooze.<minutes>`, `gb.alert.resolve`; the value is the alert id, `|list` when pressed in /alerts. */
export function parseAlertAction(input: ActionInput): { alertId: string; action: AlertAction; fromList: boolean } | undefined {
  const [alertId, from] = input.value.split('|');
  if (!alertId || !/^[A-Za-z0-9_-]{1,64}$/.test(alertId)) return undefined;
  const name = input.actionId.slice(ALERT_ACTION_PREFIX.length);
  const snooze = name.match(/^snooze\.(\d{1,5})$/);
  const minutes = snooze ? Number(snooze[1]) : 0;
  const action: AlertAction | undefined =
    name === 'ack'
      ? { kind: 'ack' }
      : name === 'resolve'
        ? { kind: 'resolve' }
        : snooze && minutes >= 5 && minutes <= 30 * 1440
          ? { kind: 'snooze', minutes }
          : undefined;
  return action ? { alertId, action, fromList: from === 'list' } : undefined;
}

/** A button on an alert (or on the /alerts list): the message as it now reads, or a notice for the presser alone. */
export async function onAlertButton(actor: Actor, input: ActionInput): Promise<View> {
  const parsed = parseAlertAction(input);
  if (!parsed) {
    const text = t(actor.workspace.locale, 'action.expired');
    return { fallback: text, elements: [{ type: 'text', text }], ephemeral: true };
  }
  const { view } = await actOnAlert(actor.store, actor.workspace, actor.member.id, parsed.alertId, parsed.action, actor.now);
  if (parsed.fromList && !view.ephemeral) return openAlertsView(actor.store, actor.workspace);
  return view;
}

/** A reaction on an alert message does what the workspace's reaction map says (✅ acknowledge, 💤 snooze a day). */
export async function onAlertReaction(actor: Actor, input: ReactionInput): Promise<void> {
  const action = alertSettings(actor.workspace).reactions[input.reaction];
  if (!action) return;
  // Slack reports `channel:ts`, Feishu a message_id; the outbox stored the platform's id (ts, message_id).
  const cut = input.messageRef.lastIndexOf(':');
  const messageId = input.messageRef.slice(cut + 1);
  const channel = cut > 0 ? input.messageRef.slice(0, cut) : undefined;
  const alert = await actor.store.alerts.findByMessage(actor.workspace.id, messageId, channel);
  if (!alert) return;
  await actOnAlert(actor.store, actor.workspace, actor.member.id, alert.id, action, actor.now);
}

/** The alerts' buttons and reactions, as one registered handler. */
export const alertInteractions: InteractionHandler = {
  actionPrefix: ALERT_ACTION_PREFIX,
  onAction: onAlertButton,
  onReaction: onAlertReaction,
};
