// The chat's buttons and emoji reactions as features plug into them. The dispatcher (commands/interactions.ts)
// imports no feature: each feature registers its handler at composition time (alerts: alerts/register-alerts.ts),
// so a new feature with buttons adds one registration, not an import in the dispatcher.
import type { Store } from '../ports/store.ts';
import type { Member, Workspace } from '../ports/workspace.ts';
import type { View } from '../views/view.ts';

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

/** Who acts, in which workspace, and when: what a handler gets (a command's context is one). */
export interface Actor {
  store: Store;
  workspace: Workspace;
  member: Member;
  now: Date;
}

/** What a feature answers: the buttons whose action id starts with its prefix, and reactions on its messages. */
export interface InteractionHandler {
  /** `gb.alert.`: every action id with this prefix is this handler's. */
  actionPrefix?: string;
  /** The view that replaces the message the button was on, or an ephemeral notice. */
  onAction?(actor: Actor, input: ActionInput): Promise<View>;
  /** Every reaction reaches every handler; each ignores messages that are not its own. */
  onReaction?(actor: Actor, input: ReactionInput): Promise<void>;
}

const registered = new Set<InteractionHandler>();

/** Adds a feature's handler (at composition time; the same handler twice counts once). */
export function registerInteractionHandler(handler: InteractionHandler): void {
  registered.add(handler);
}

/** The handlers registered so far, in registration order. */
export function registeredInteractionHandlers(): InteractionHandler[] {
  return [...registered];
}
