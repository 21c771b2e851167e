import type { Store } from '../ports/store.ts';
import type { Workspace } from '../ports/workspace.ts';

/** Whether any of the workspace's sources has a schedule (the scheduler then ticks its sources every minute). */
export function sourcesScheduled(workspace: Workspace): boolean {
  return workspace.settings.sourcesScheduled === true;
}

/** Brings the workspace's `sourcesScheduled` flag in line with its sources, after one was added, edited or removed. */
export async function syncSourcesScheduled(store: Store, workspaceId: string): Promise<void> {
  const workspace = await store.workspaces.get(workspaceId);
  if (!workspace) return;
  const scheduled = (await store.sources.list(workspaceId)).some((s) => s.schedule);
  if (sourcesScheduled(workspace) === scheduled) return;
  const { sourcesScheduled: _, ...rest } = workspace.settings;
  await store.workspaces.update(workspaceId, { settings: scheduled ? { ...rest, sourcesScheduled: true } : rest });
}
