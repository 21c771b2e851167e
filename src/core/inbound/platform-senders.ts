import type { ChatSender } from '../ports/chat-sender.ts';
import type { InstallationRepository } from '../ports/installations.ts';
import type { WorkspaceRepository } from '../ports/workspace.ts';
import type { PlatformAdapter } from './platform-adapter.ts';

/**
 * The sender for a workspace, chosen by its platform among the running adapters (with the workspace's
 * installation when the platform keeps one); undefined when that platform is not running here.
 */
export function platformSenders(
  store: { workspaces: Pick<WorkspaceRepository, 'get'>; installations: Pick<InstallationRepository, 'find'> },
  adapters: PlatformAdapter[],
) {
  const byName = new Map(adapters.map((a) => [a.name, a]));
  return async (workspaceId: string): Promise<ChatSender | undefined> => {
    const workspace = await store.workspaces.get(workspaceId);
    const adapter = workspace ? byName.get(workspace.platform) : undefined;
    if (!workspace || !adapter) return undefined;
    const installation = adapter.installationKey ? await store.installations.find(adapter.installationKey(workspace)) : undefined;
    return adapter.senderFor(workspace, installation);
  };
}
