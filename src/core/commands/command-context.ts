import type { DigestSources } from '../digest/digest-data.ts';
import type { ChartRenderer } from '../ports/chart-renderer.ts';
import type { Store } from '../ports/store.ts';
import type { Member, Workspace } from '../ports/workspace.ts';

/** What every command use case gets: the store, who asks, in which workspace, and when. */
export interface CommandContext {
  store: Store;
  workspace: Workspace;
  member: Member;
  now: Date;
  /** The conversation the command came from (Slack channel id, Feishu chat_id, `sandbox`), when there is one. */
  channel?: string;
  /** Draws charts to PNG (the digest); without it answers go without chart images. */
  charts?: ChartRenderer;
  /** Where this platform can show a PNG in an answer: returns the reference its renderer places (a URL, an image_key). */
  publishImage?(name: string, png: Uint8Array): Promise<string>;
  /** Answers meant for the caller alone are seen by the whole chat (where the platform has no private answer). */
  sharedAnswers?: boolean;
  /** Alerts and rule agenda items for the digest (the alerts store). */
  digestSources?: DigestSources;
}
