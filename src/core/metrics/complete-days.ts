import { memoOnIndex } from './index-memo.ts';
import type { BaseMetric } from './metric-definition.ts';
import { type ComputeContext, inScope, type SegmentScope, singleSegment } from './metric-scope.ts';

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
  const key = `complete|${flows.map((f) => `${f.key}${f.paidOnly ? '+' : ''}`).join(',')}|${JSON.stringify(scope)}|${from}|${to}`;
  return memoOnIndex(ctx, key, () => sumComplete(ctx, flows, scope, from, to));
}

function sumComplete(ctx: ComputeContext, flows: readonly BaseMetric[], scope: SegmentScope, from: string, to: string): CompleteSums {
  if (flows.length === 0) return { sums: {}, leftOut: {}, incompleteDays: [], missing: [] };
  // Plain loops, no closure per day or channel: this runs for every channel, metric and period of an answer.
  const n = flows.length;
  const totals = new Array<number>(n).fill(0);
  const leftOut = new Map<string, Set<string>>();
  const incomplete = new Set<string>();
  const reported = new Set<string>();
  let counted = 0;
  const days = new Set<string>();
  for (const f of flows) for (const d of ctx.index.daysIn(f.key, from, to)) days.add(d);
  const maps = new Array<Map<string, number> | undefined>(n);
  const values = new Array<number | undefined>(n);
  /** Adds one day's (or one channel-day's) values when every input has one; else records who was missing. */
  const take = (day: string) => {
    let complete = true;
    for (let i = 0; i < n; i++) {
      if (values[i] !== undefined) continue;
      complete = false;
      incomplete.add(day);
      const key = (flows[i] as BaseMetric).key;
      leftOut.set(key, (leftOut.get(key) ?? new Set()).add(day));
    }
    if (!complete) return;
    for (let i = 0; i < n; i++) totals[i] = (totals[i] as number) + (values[i] as number);
    counted++;
  };
  const only = singleSegment(scope);
  for (const day of [...days].sort()) {
    let hasWhole = false;
    for (let i = 0; i < n; i++) {
      const m = ctx.index.valuesOn((flows[i] as BaseMetric).key, day);
      maps[i] = m;
      if (m?.has('')) hasWhole = true;
    }
    if (scope.kind === 'total' && hasWhole) {
      for (let i = 0; i < n; i++) {
        const m = maps[i];
        values[i] = m?.get('') ?? sumSegments(m);
        if (values[i] !== undefined) reported.add((flows[i] as BaseMetric).key);
      }
      take(day);
      continue;
    }
    const units = new Set<string>();
    if (only !== undefined) {
      for (const m of maps) if (m?.has(only)) units.add(only);
    } else for (const m of maps) for (const s of m?.keys() ?? []) if (inScope(ctx.catalog, scope, s)) units.add(s);
    for (const unit of units) {
      const organic = ctx.catalog.kindOf(unit) === 'organic';
      for (let i = 0; i < n; i++) {
        const f = flows[i] as BaseMetric;
        const v = maps[i]?.get(unit);
        if (v !== undefined) reported.add(f.key);
        values[i] = v ?? (f.paidOnly && organic ? 0 : undefined);
      }
      take(day);
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
