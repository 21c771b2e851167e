import { t } from '../i18n/messages.ts';
import type { SourceStatus } from '../ports/sources.ts';
import type { Store } from '../ports/store.ts';
import type { Workspace } from '../ports/workspace.ts';
import { formatMoment } from '../time/zoned-today.ts';
import type { ViewElement } from '../views/view.ts';
import { staleSources } from './source-health.ts';

/** One sentence per source whose data is stale: which source, since when (the answers' and the digest's warning). */
export function staleSourceLines(sources: readonly SourceStatus[], workspace: Workspace, now: Date): string[] {
  return staleSources(sources, now).map((s) =>
    t(workspace.locale, 'sources.stale', { source: s.name, since: formatMoment(s.since, workspace.timezone, workspace.locale) }),
  );
}

/** The warnings a data answer ends with while any of the workspace's sources is stale (none otherwise). */
export async function staleSourceNotes(
  store: Pick<Store, 'sources'>,
  workspace: Workspace,
  now: Date,
): Promise<Extract<ViewElement, { type: 'context' }>[]> {
  // A store without sources (a partial one in a test) has nothing to warn about.
  const statuses = store.sources ? await store.sources.statuses(workspace.id) : [];
  return staleSourceLines(statuses, workspace, now).map((text) => ({ type: 'context', text: `⚠️ ${text}` }));
}
