import type { MetricCatalog } from './metric-catalog.ts';
import type { ComputeContext } from './metric-scope.ts';
import type { ObservationIndex } from './observation-index.ts';

/** Results kept per index: more than an answer needs (7 metrics × 200 channels × 2 periods × 2 kinds), bounded all the same. */
const MAX_ENTRIES = 50_000;
const memo = new WeakMap<ObservationIndex, Map<string, unknown>>();
const kinds = new WeakMap<MetricCatalog, string>();

/** The catalog's channel kinds as a key: which channels are paid decides every scoped sum. */
function kindsOf(catalog: MetricCatalog): string {
  let key = kinds.get(catalog);
  if (key === undefined) {
    key = JSON.stringify(Object.entries(catalog.settings.channelKinds).sort());
    kinds.set(catalog, key);
  }
  return key;
}

/**
 * A sum over the index, computed once: kept with the index it comes from (immutable, and cached across answers
 * until the workspace's data changes), under `key` (what else decides it: inputs, scope, days) and the channels'
 * kinds. ROI and blended ROI, CAC and blended CAC, and a repeated question all share the work.
 */
export function memoOnIndex<T>(ctx: ComputeContext, key: string, compute: () => T): T {
  const entries = memo.get(ctx.index) ?? new Map<string, unknown>();
  memo.set(ctx.index, entries);
  const full = `${kindsOf(ctx.catalog)}|${key}`;
  if (entries.has(full)) return entries.get(full) as T;
  const value = compute();
  if (entries.size >= MAX_ENTRIES) entries.clear();
  entries.set(full, value);
  return value;
}
