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
  /** Reactions act on alert messages (the Alerts issue registers what they do); others are ignored. */
  onReaction(ctx: CommandContext, reaction: ReactionInput): Promise<void>;
}

export const REFRESH_ACTION = 'gb.refresh';

/** The refresh button under a command's answer: it re-runs the same command. */
export function refreshAction(command: string, text: string, locale: 'zh-CN' | 'en') {
  return { id: REFRESH_ACTION, label: t(locale, 'action.refresh'), value: JSON.stringify({ command, text }) };
}

/** The built-in interactions: refresh re-runs a command; unknown buttons answer that they are no longer active. */
export function createInteractions(reactionHandlers: ((ctx: CommandContext, r: ReactionInput) => Promise<void>)[] = []): Interactions {
  return {
    async onAction(ctx, action) {
      if (action.actionId === REFRESH_ACTION) {
        try {
          const { command, text } = JSON.parse(action.value) as { command: string; text: string };
          return await runCommand(ctx, command, text);
        } catch (error) {
          if (!(error instanceof SyntaxError)) throw error;
        }
      }
      const text = t(ctx.workspace.locale, 'action.expired');
      return { fallback: text, elements: [{ type: 'text', text }], ephemeral: true };
    },
    async onReaction(ctx, reaction) {
      for (const handle of reactionHandlers) await handle(ctx, reaction);
    },
  };
}
