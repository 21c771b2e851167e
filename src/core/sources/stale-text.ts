import { t } from '../i18n/messages.ts';
import type { Source } from '../ports/sources.ts';
import type { Workspace } from '../ports/workspace.ts';
import { formatMoment } from '../time/zoned-today.ts';
import { staleSources } from './source-health.ts';

/** One sentence per source whose data is stale: which source, since when (the answers' and the digest's warning). */
export function staleSourceLines(sources: readonly Source[], workspace: Workspace, now: Date): string[] {
  return staleSources(sources, now).map((s) =>
    t(workspace.locale, 'sources.stale', { source: s.name, since: formatMoment(s.since, workspace.timezone, workspace.locale) }),
  );
}
