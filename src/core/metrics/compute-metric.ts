import { addDays } from '../time/day-math.ts';
import { evaluateFormula } from './formula.ts';
import type { MetricCatalog } from './metric-catalog.ts';
import type { BaseMetric } from './metric-definition.ts';
import type { ObservationIndex } from './observation-index.ts';

/** `total`: the whole product (explicit "" rows on a day, else the sum of all segments); or named segments combined. */
export type SegmentScope = { kind: 'total' } | { kind: 'segments'; segments: string[] };

export interface MetricValue {
  /** null is n/a: no data, no mature cohort, or a zero denominator. */
  value: number | null;
  /** The period sums of the base metrics behind the value, to explain it. */
  inputs: Record<string, number | null>;
  /** The days actually used (a retention metric drops the cohorts that are too young). */
  from: string;
  to: string;
}

export interface ComputeContext {
  catalog: MetricCatalog;
  index: ObservationIndex;
  /** The last complete day: cohorts are mature relative to it. */
  asOf: string;
}

function combineDay(def: BaseMetric, values: Map<string, number>, scope: SegmentScope): number | undefined {
  let picked: number[];
  if (scope.kind === 'total') {
    const whole = values.get('');
    if (whole !== undefined) return whole;
    picked = [...values.values()];
  } else picked = scope.segments.map((s) => values.get(s)).filter((v): v is number => v !== undefined);
  if (picked.length === 0) return undefined;
  const sum = picked.reduce((a, b) => a + b, 0);
  return def.acrossSegments === 'average' ? sum / picked.length : sum;
}

/** The last value of each segment in the period, combined: a channel that reported earlier still counts. */
function lastOfEachSegment(ctx: ComputeContext, def: BaseMetric, scope: SegmentScope, from: string, to: string): number | null {
  const last = new Map<string, number>();
  for (const day of ctx.index.daysIn(def.key, from, to))
    for (const [segment, v] of ctx.index.valuesOn(def.key, day) as Map<string, number>) last.set(segment, v);
  if (scope.kind === 'total' && last.has('')) return last.get('') as number;
  const picked =
    scope.kind === 'total' ? [...last.values()] : scope.segments.map((s) => last.get(s)).filter((v): v is number => v !== undefined);
  if (picked.length === 0) return null;
  const sum = picked.reduce((a, b) => a + b, 0);
  return def.acrossSegments === 'average' ? sum / picked.length : sum;
}

/** A base metric over [from, to]: days combine across segments, then aggregate over time (sum, average of days with data, last). */
export function aggregateBase(ctx: ComputeContext, def: BaseMetric, scope: SegmentScope, from: string, to: string): number | null {
  if (def.aggregation === 'last') return lastOfEachSegment(ctx, def, scope, from, to);
  let sum = 0;
  let count = 0;
  for (const day of ctx.index.daysIn(def.key, from, to)) {
    const v = combineDay(def, ctx.index.valuesOn(def.key, day) as Map<string, number>, scope);
    if (v === undefined) continue;
    sum += v;
    count++;
  }
  if (count === 0) return null;
  return def.aggregation === 'sum' ? sum : sum / count;
}

/**
 * How many days old a cohort must be for a metric to count it: Dn retention's N, and for any formula over
 * cohort counts (retained_dN) the largest N among its inputs, or young cohorts would count as churned.
 */
export function maturityDays(catalog: MetricCatalog, key: string): number {
  const def = catalog.get(key);
  if (def?.kind === 'derived' && def.maturityDays) return def.maturityDays;
  let n = 0;
  for (const input of catalog.baseInputs(key)) {
    const base = catalog.get(input);
    if (base?.kind === 'base' && base.cohortDay && base.cohortDay > n) n = base.cohortDay;
  }
  return n;
}

/**
 * A metric for a scope and day range. Derived metrics are their formula over the period sums of their
 * inputs (never an average of daily ratios); Dn retention keeps only cohorts at least N days old at `asOf`.
 */
export function computeMetric(ctx: ComputeContext, key: string, scope: SegmentScope, from: string, to: string): MetricValue {
  const def = ctx.catalog.get(key);
  if (!def) return { value: null, inputs: {}, from, to };
  if (def.kind === 'base') {
    const value = aggregateBase(ctx, def, scope, from, to);
    return { value, inputs: { [key]: value }, from, to };
  }
  const maturity = maturityDays(ctx.catalog, key);
  const matureTo = maturity ? addDays(ctx.asOf, -maturity) : to;
  const end = matureTo < to ? matureTo : to;
  const inputs: Record<string, number | null> = {};
  if (end < from) return { value: null, inputs, from, to: end };
  const tree = ctx.catalog.formulaOf(key);
  if (!tree) return { value: null, inputs, from, to: end };
  const value = evaluateFormula(tree, (name) => {
    const ref = ctx.catalog.resolve(name);
    if (!ref) return null;
    const v = computeMetric(ctx, ref.key, scope, from, end);
    Object.assign(inputs, v.inputs);
    return v.value;
  });
  return { value, inputs, from, to: end };
}
