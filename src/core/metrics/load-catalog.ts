import type { MetricDefinitionRepository } from '../ports/catalog.ts';
import { MetricCatalog } from './metric-catalog.ts';

/** The catalog of a workspace: built-ins plus its saved formulas (one that no longer parses is left out, not fatal). */
export async function loadCatalog(metrics: MetricDefinitionRepository, workspaceId: string): Promise<MetricCatalog> {
  const catalog = new MetricCatalog();
  for (const spec of await metrics.listCustom(workspaceId)) {
    try {
      catalog.addCustom(spec);
    } catch {
      // A formula saved before a rename of what it refers to; `growthbeat metrics` shows it as broken.
    }
  }
  return catalog;
}
