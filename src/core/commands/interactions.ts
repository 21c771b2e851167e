import { ALERT_ACTION_PREFIX, onAlertButton, onAlertReaction } from '../alerts/alert-interactions.ts';
import { t } from '../i18n/messages.ts';
import type { View } from '../views/view.ts';
import type { CommandContext } from './command-context.ts';
import { runCommand } from './run-command.ts';

/** A button press, as every platform reports it. */
export interface ActionInput {
  actionId: string;
  value: string;
}

/** An emoji reaction on a message the bot posted. */
export interface ReactionInput {
  /** The platform's message reference: Slack `channel:ts`, Feishu `message_id`. */
  messageRef: string;
  /** The reaction's name without colons: `white_check_mark`, Feishu `DONE`. */
  reaction: string;
}

export interface Interactions {
  /** The view that replaces the message the button was on, or an ephemeral notice. */
  onAction(ctx: CommandContext, action: ActionInput): Promise<View>;
  /** Reactions act on alert messages (see alerts/alert-interactions.ts); others are ignored. */
  onReaction(ctx: CommandContext, reaction: ReactionInput): Promise<void>;
}

export const REFRESH_ACTION = 'gb.refresh';

/** The refresh button under a command's answer: it re-runs the same command. */
export function refreshAction(command: string, text: string, locale: 'zh-CN' | 'en') {
  return { id: REFRESH_ACTION, label: t(locale, 'action.refresh'), value: JSON.stringify({ command, text }) };
}

/** A refresh button's value, or undefined for anything else (a forged or stale value is not an error). */
function parseRefreshValue(value: string): { command: string; text: string } | undefined {
  try {
    const parsed = JSON.parse(value) as unknown;
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const { command, text } = parsed as Record<string, unknown>;
    return typeof command === 'string' && typeof text === 'string' ? { command, text } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The built-in interactions: refresh re-runs a command; alert buttons and reactions act on alerts; unknown
 * buttons answer that they are no longer active.
 */
export function createInteractions(reactionHandlers: ((ctx: CommandContext, r: ReactionInput) => Promise<void>)[] = []): Interactions {
  const reactions = [onAlertReaction, ...reactionHandlers];
  return {
    async onAction(ctx, action) {
      if (action.actionId.startsWith(ALERT_ACTION_PREFIX)) return onAlertButton(ctx, action);
      if (action.actionId === REFRESH_ACTION) {
        const saved = parseRefreshValue(action.value);
        if (saved) return runCommand(ctx, saved.command, saved.text);
      }
      const text = t(ctx.workspace.locale, 'action.expired');
      return { fallback: text, elements: [{ type: 'text', text }], ephemeral: true };
    },
    async onReaction(ctx, reaction) {
      for (const handle of reactions) await handle(ctx, reaction);
    },
  };
}
