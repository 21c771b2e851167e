import type { BaseMetric } from './metric-definition.ts';
import { type ComputeContext, inScope, type SegmentScope } from './metric-scope.ts';

export interface CompleteSums {
  /** Each input summed over the complete channel-days; null when no day was complete. */
  sums: Record<string, number | null>;
  /** Per input: on how many days some channel lacked it while reporting another input. */
  leftOut: Record<string, number>;
  incompleteDays: string[];
  /** Inputs nobody reported in the window. */
  missing: string[];
}

function sumSegments(values: Map<string, number> | undefined): number | undefined {
  let sum: number | undefined;
  for (const [segment, v] of values ?? []) if (segment !== '') sum = (sum ?? 0) + v;
  return sum;
}

/**
 * Sums a formula's summed inputs over [from, to], counting a channel's day only when it reported every input
 * (an organic channel's missing spend, impressions and clicks are 0: it has none). The total takes the
 * product's own "" rows where a day has them, and the channels' sum for inputs it has no "" row for (a
 * total revenue beside spend by channel); such a day counts only when every input has a value.
 */
export function sumCompleteDays(
  ctx: ComputeContext,
  flows: readonly BaseMetric[],
  scope: SegmentScope,
  from: string,
  to: string,
): CompleteSums {
  if (flows.length === 0) return { sums: {}, leftOut: {}, incompleteDays: [], missing: [] };
  const totals = flows.map(() => 0);
  const leftOut = new Map<string, Set<string>>();
  const incomplete = new Set<string>();
  const reported = new Set<string>();
  let counted = 0;
  const days = new Set<string>();
  for (const f of flows) for (const d of ctx.index.daysIn(f.key, from, to)) days.add(d);
  for (const day of [...days].sort()) {
    const maps = flows.map((f) => ctx.index.valuesOn(f.key, day));
    const take = (values: (number | undefined)[]) => {
      const missing = values.flatMap((v, i) => (v === undefined ? [i] : []));
      if (missing.length) {
        incomplete.add(day);
        for (const i of missing) {
          const key = (flows[i] as BaseMetric).key;
          leftOut.set(key, (leftOut.get(key) ?? new Set()).add(day));
        }
        return;
      }
      values.forEach((v, i) => {
        totals[i] = (totals[i] as number) + (v as number);
      });
      counted++;
    };
    if (scope.kind === 'total' && maps.some((m) => m?.has(''))) {
      const values = maps.map((m) => m?.get('') ?? sumSegments(m));
      flows.forEach((f, i) => {
        if (values[i] !== undefined) reported.add(f.key);
      });
      take(values);
      continue;
    }
    const units = new Set<string>();
    for (const m of maps) for (const s of m?.keys() ?? []) if (inScope(ctx.catalog, scope, s)) units.add(s);
    for (const unit of units) {
      const organic = ctx.catalog.kindOf(unit) === 'organic';
      const values = flows.map((f, i) => {
        const v = maps[i]?.get(unit);
        if (v !== undefined) reported.add(f.key);
        return v ?? (f.paidOnly && organic ? 0 : undefined);
      });
      take(values);
    }
  }
  const sums: Record<string, number | null> = {};
  flows.forEach((f, i) => {
    sums[f.key] = counted ? (totals[i] as number) : null;
  });
  return {
    sums,
    leftOut: Object.fromEntries([...leftOut].map(([k, d]) => [k, d.size])),
    incompleteDays: [...incomplete].sort(),
    missing: flows.filter((f) => !reported.has(f.key)).map((f) => f.key),
  };
}
