// Buttons and emoji reactions on alert messages, as every platform reports them, to the alert use cases.
import type { CommandContext } from '../commands/command-context.ts';
import { alertsList } from '../commands/handlers/alerts.handler.ts';
import type { ActionInput, ReactionInput } from '../commands/interactions.ts';
import { t } from '../i18n/messages.ts';
import type { View } from '../views/view.ts';
import type { AlertAction } from './alert-lifecycle.ts';
import { actOnAlert } from './alert-service.ts';
import { alertSettings } from './alert-settings.ts';

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
export async function onAlertButton(ctx: CommandContext, input: ActionInput): Promise<View> {
  const parsed = parseAlertAction(input);
  if (!parsed) {
    const text = t(ctx.workspace.locale, 'action.expired');
    return { fallback: text, elements: [{ type: 'text', text }], ephemeral: true };
  }
  const { view } = await actOnAlert(ctx.store, ctx.workspace, ctx.member.id, parsed.alertId, parsed.action, ctx.now);
  if (parsed.fromList && !view.ephemeral) return alertsList(ctx);
  return view;
}

/** A reaction on an alert message does what the workspace's reaction map says (✅ acknowledge, 💤 snooze a day). */
export async function onAlertReaction(ctx: CommandContext, input: ReactionInput): Promise<void> {
  const action = alertSettings(ctx.workspace).reactions[input.reaction];
  if (!action) return;
  // Slack reports `channel:ts`, Feishu a message_id; the outbox stored the platform's id (ts, message_id).
  const cut = input.messageRef.lastIndexOf(':');
  const messageId = input.messageRef.slice(cut + 1);
  const channel = cut > 0 ? input.messageRef.slice(0, cut) : undefined;
  const alert = await ctx.store.alerts.findByMessage(ctx.workspace.id, messageId, channel);
  if (!alert) return;
  await actOnAlert(ctx.store, ctx.workspace, ctx.member.id, alert.id, action, ctx.now);
}
