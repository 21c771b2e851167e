import type { Locale } from '../i18n/locale.ts';
import type { Store } from '../ports/store.ts';
import type { Member, Platform, Workspace } from '../ports/workspace.ts';
import { cleanName } from '../text/clean-text.ts';

export interface Caller {
  workspace: Workspace;
  member: Member;
}

/**
 * The workspace of a platform team and the member of a chat user, created on first contact. The first
 * member of a new workspace becomes its admin (someone has to be able to change settings).
 */
export async function identifyCaller(
  store: Pick<Store, 'workspaces' | 'members'>,
  input: { platform: Platform; teamId: string; teamName?: string; userId: string; userName?: string },
  defaults: { timezone: string; locale: Locale },
): Promise<Caller> {
  const workspace = await store.workspaces.ensure({
    platform: input.platform,
    externalId: input.teamId,
    name: cleanName(input.teamName ?? '') || input.teamId,
    timezone: defaults.timezone,
    locale: defaults.locale,
  });
  const member = await store.members.ensure(workspace.id, input.userId, {
    displayName: input.userName === undefined ? undefined : cleanName(input.userName),
    firstIsAdmin: true,
  });
  return { workspace, member };
}
