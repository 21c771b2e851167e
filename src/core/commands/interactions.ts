import { t } from '../i18n/messages.ts';
import type { ActionInput } from '../interactions/interaction-handlers.ts';
import { type InteractionHandler, type ReactionInput, registeredInteractionHandlers } from '../interactions/interaction-handlers.ts';
import type { View } from '../views/view.ts';
import { actionFormAction } from './action-form.ts';
import { ADD_CHANNEL_ACTION, parsePendingLog } from './add-channel-action.ts';
import { checkinAction } from './checkin-answer.ts';
import type { CommandContext } from './command-context.ts';
import { kpiLogCommand } from './handlers/kpi.handler.ts';
import { parseRefreshValue, REFRESH_ACTION } from './refresh-action.ts';
import { runCommand } from './run-command.ts';

export interface Interactions {
  /** The view that replaces the message the button was on, or an ephemeral notice. */
  onAction(ctx: CommandContext, action: ActionInput): Promise<View>;
  /** Reactions go to the registered handlers (alerts act on their messages); others are ignored. */
  onReaction(ctx: CommandContext, reaction: ReactionInput): Promise<void>;
}

/**
 * The interactions: refresh re-runs a command; "add channel and record" finishes a /kpi log; a button whose id starts with a registered handler's prefix
 * goes to that handler (alert buttons); unknown buttons answer that they are no longer active. `extra`
 * handlers join the registered ones for this instance only (tests record reactions with one).
 */
export function createInteractions(extra: readonly InteractionHandler[] = []): Interactions {
  // Read at each event, not at creation: a handler registered after the adapter started still answers.
  const handlers = () => [...registeredInteractionHandlers(), ...extra];
  return {
    async onAction(ctx, action) {
      if (action.actionId === REFRESH_ACTION) {
        const saved = parseRefreshValue(action.value);
        if (saved) return runCommand(ctx, saved.command, saved.text);
      }
      // "Add channel «xyz» and record", under a /kpi log that named a channel nobody has.
      if (action.actionId === ADD_CHANNEL_ACTION) {
        const pending = parsePendingLog(action.value);
        if (pending) return kpiLogCommand(ctx, { ...pending, createChannel: true });
      }
      // The check-in's "Answer" button and its form.
      const checkin = await checkinAction(ctx, action);
      if (checkin) return checkin;
      // "+ Action" on an alert or a digest item, and its form.
      const tracked = await actionFormAction(ctx, action);
      if (tracked) return tracked;
      const handler = handlers().find((h) => h.actionPrefix && h.onAction && action.actionId.startsWith(h.actionPrefix));
      if (handler?.onAction) return handler.onAction(ctx, action);
      const text = t(ctx.workspace.locale, 'action.expired');
      return { fallback: text, elements: [{ type: 'text', text }], ephemeral: true };
    },
    async onReaction(ctx, reaction) {
      for (const handler of handlers()) await handler.onReaction?.(ctx, reaction);
    },
  };
}
