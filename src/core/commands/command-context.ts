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
}
