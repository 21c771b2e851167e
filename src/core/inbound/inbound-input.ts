// What an adapter hands the core once it has verified and parsed a request: neutral input, no SDK types.
import type { CommandContext } from '../commands/command-context.ts';
import type { Locale } from '../ports/workspace.ts';
import type { View } from '../views/view.ts';

/** Who sent it, as the platform names them: the team becomes a workspace, the user a member (on first contact). */
export interface InboundCaller {
  teamId: string;
  teamName?: string;
  userId: string;
  userName?: string;
}

interface InputBase {
  /** The platform's delivery id (Slack event_id, Feishu header.event_id): a repeat within a day is dropped. */
  eventId?: string;
  caller: InboundCaller;
  /** The conversation it came from (Slack channel id, Feishu chat_id, `sandbox`). */
  channel?: string;
  /**
   * Where this platform can show a PNG in an answer: publishes it and returns the reference its renderer
   * places in a chart's `image` (the sandbox's local URL, a Feishu image_key). Slack answers go without.
   */
  publishImage?(name: string, png: Uint8Array): Promise<string>;
  /** An answer meant for the asker alone is seen by the whole chat here (a Feishu topic group): answers say so. */
  sharedAnswers?: boolean;
}

export type InboundInput =
  /** A slash command (`command` is `/roi`), or a whole line from a mention or a message (no `command`). */
  | (InputBase & { kind: 'command'; command?: string; text: string })
  /** A button press: the button's id and value as the renderer wrote them. */
  | (InputBase & { kind: 'action'; actionId: string; value: string })
  /** An emoji reaction on a message (Slack `channel:ts`, Feishu `message_id`). */
  | (InputBase & { kind: 'reaction'; messageRef: string; reaction: string })
  /** Anything else a platform offers (the sandbox's demo button, Feishu's "not text" answer): a core use case. */
  | (InputBase & { kind: 'task'; name: string; run(ctx: CommandContext): Promise<View> });

/** How the platform takes the answer. The pipeline picks: inside the acknowledgement, or after it. */
export interface InboundReply {
  /** The answer inside the platform's acknowledgement (Slack's ack, Feishu's callback body, the HTTP response). */
  ack?(view: View, locale: Locale): Promise<unknown>;
  /** Where an answer goes once the acknowledgement is gone (response_url, a card patch, a post, the sandbox feed). */
  followUp?(view: View, locale: Locale): Promise<unknown>;
}

/** What became of an input: dropped as a repeat, answered in the acknowledgement, or moved to the follow-up path. */
export type InboundOutcome = 'repeat' | 'answered' | 'follow-up';
