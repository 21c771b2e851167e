import { addDays } from '../time/day-math.ts';
import { sumCompleteDays } from './complete-days.ts';
import { evaluateFormula } from './formula.ts';
import { memoOnIndex } from './index-memo.ts';
import type { MetricCatalog } from './metric-catalog.ts';
import type { BaseMetric, MetricDefinition } from './metric-definition.ts';
import { type ComputeContext, inScope, type SegmentScope, singleSegment } from './metric-scope.ts';

export type { ComputeContext, SegmentScope } from './metric-scope.ts';

export interface MetricValue {
  /** null is n/a: no data, no mature cohort, no complete day, or a zero denominator. */
  value: number | null;
  /** The period sums of the base metrics behind the value, to explain it. */
  inputs: Record<string, number | null>;
  /** The days actually used (a cohort metric drops the cohorts that are too young). */
  from: string;
  to: string;
  /** Per input: the days on which a channel reported the metric's other inputs but not this one (left out). */
  leftOut?: Record<string, number>;
  /** The days on which some channel was left out because it had not reported every input, in order. */
  incompleteDays?: string[];
  /** Inputs with no data at all in the window: LTV without cohort revenue is n/a, never ARPU. */
  missing?: string[];
}

function combineDay(ctx: ComputeContext, def: BaseMetric, values: Map<string, number>, scope: SegmentScope): number | undefined {
  if (scope.kind === 'total') {
    const whole = values.get('');
    if (whole !== undefined) return whole;
  }
  const only = singleSegment(scope);
  if (only !== undefined) return values.get(only); // one value: its sum and its average
  const picked: number[] = [];
  for (const [segment, v] of values) if (inScope(ctx.catalog, scope, segment)) picked.push(v);
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
  last.delete('');
  return combineDay(ctx, def, last, scope) ?? null;
}

/** A base metric over [from, to]: days combine across segments, then aggregate over time (sum, average of days with data, last). */
export function aggregateBase(ctx: ComputeContext, def: BaseMetric, scope: SegmentScope, from: string, to: string): number | null {
  const key = `base|${def.key}|${def.aggregation}|${def.acrossSegments ?? ''}|${JSON.stringify(scope)}|${from}|${to}`;
  return memoOnIndex(ctx, key, () => aggregate(ctx, def, scope, from, to));
}

function aggregate(ctx: ComputeContext, def: BaseMetric, scope: SegmentScope, from: string, to: string): number | null {
  if (def.aggregation === 'last') return lastOfEachSegment(ctx, def, scope, from, to);
  let sum = 0;
  let count = 0;
  for (const day of ctx.index.daysIn(def.key, from, to)) {
    const v = combineDay(ctx, def, ctx.index.valuesOn(def.key, day) as Map<string, number>, scope);
    if (v === undefined) continue;
    sum += v;
    count++;
  }
  if (count === 0) return null;
  return def.aggregation === 'sum' ? sum : sum / count;
}

/**
 * How many days old a cohort must be for a metric to count it: Dn retention's N, and for any formula over
 * cohort series (retained_dN, cohort_revenue_dN) the largest N among its inputs, or young cohorts would count as churned.
 */
export function maturityDays(catalog: MetricCatalog, key: string): number {
  const def = catalog.get(key);
  let n = def?.kind === 'derived' && def.maturityDays ? def.maturityDays : 0;
  for (const input of catalog.baseInputs(key)) {
    const base = catalog.get(input);
    if (base?.kind === 'base' && base.cohortDay && base.cohortDay > n) n = base.cohortDay;
  }
  return n;
}

/** A paid-only metric over named segments keeps the paid ones; over the total, the paid channels. */
function scopeFor(ctx: ComputeContext, def: MetricDefinition, scope: SegmentScope): SegmentScope | undefined {
  if (def.kind !== 'derived' || def.channels !== 'paid' || scope.kind === 'paid') return scope;
  if (scope.kind === 'total') return { kind: 'paid' };
  const paid = scope.segments.filter((s) => inScope(ctx.catalog, { kind: 'paid' }, s));
  return paid.length ? { kind: 'segments', segments: paid } : undefined;
}

/**
 * A metric for a scope and day range. Derived metrics are their formula over the period sums of their
 * inputs (never an average of daily ratios), counting per channel only the days on which every summed input
 * was reported (a half-logged day is left out and reported in `leftOut`); cohort metrics keep only cohorts
 * at least N days old at `asOf`; a paid metric counts paid channels only.
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
  const effective = scopeFor(ctx, def, scope);
  const tree = ctx.catalog.formulaOf(key);
  if (end < from || !tree || !effective) return { value: null, inputs: {}, from, to: end };
  const bases = [...ctx.catalog.baseInputs(key)].map((k) => ctx.catalog.get(k) as BaseMetric);
  const flows = bases.filter((b) => b.aggregation === 'sum');
  const complete = sumCompleteDays(ctx, flows, effective, from, end);
  const inputs: Record<string, number | null> = { ...complete.sums };
  for (const b of bases) if (b.aggregation !== 'sum') inputs[b.key] = aggregateBase(ctx, b, effective, from, end);
  // Nested derived metrics (LTV/CAC = LTV / CAC) are evaluated on the same sums: the same cohorts, the same days.
  const evaluate = (k: string): number | null => {
    const ref = ctx.catalog.get(k);
    if (!ref) return null;
    if (ref.kind === 'base') return inputs[ref.key] ?? null;
    const nested = ctx.catalog.formulaOf(ref.key);
    return nested ? evaluateFormula(nested, (name) => evaluate(ctx.catalog.resolve(name)?.key ?? name)) : null;
  };
  const value = evaluateFormula(tree, (name) => evaluate(ctx.catalog.resolve(name)?.key ?? name));
  const out: MetricValue = { value, inputs, from, to: end };
  if (complete.incompleteDays.length) {
    out.leftOut = complete.leftOut;
    out.incompleteDays = complete.incompleteDays;
  }
  if (complete.missing.length) out.missing = complete.missing;
  return out;
}
