import type { MetricDefinitionRepository } from '../ports/catalog.ts';
import type { Workspace } from '../ports/workspace.ts';
import { MetricCatalog } from './metric-catalog.ts';
import { metricSettings } from './metric-settings.ts';

/**
 * The catalog of a workspace: built-ins (at its LTV horizon, with its channel kinds) plus its saved formulas
 * (one that no longer parses is left out, not fatal). Pass the workspace wherever numbers are computed; an id
 * alone (names only, as a write path needs) gets the default kinds and horizon.
 */
export async function loadCatalog(
  metrics: MetricDefinitionRepository,
  workspace: string | Pick<Workspace, 'id' | 'settings'>,
): Promise<MetricCatalog> {
  const workspaceId = typeof workspace === 'string' ? workspace : workspace.id;
  const catalog = new MetricCatalog([], typeof workspace === 'string' ? {} : metricSettings(workspace));
  for (const spec of await metrics.listCustom(workspaceId)) {
    try {
      catalog.addCustom(spec);
    } catch {
      // A formula saved before a rename of what it refers to; `growthbeat metrics` shows it as broken.
    }
  }
  return catalog;
}
