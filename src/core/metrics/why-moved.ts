// "Why did it move": the change of a metric between two periods, split into each channel's part. A metric that
// is numerator / denominator over channels is Σ wᵢ rᵢ (wᵢ the channel's share of the denominator, rᵢ its own
// ratio), and Δ(Σ wᵢ rᵢ) = Σ w̄ᵢ Δrᵢ + Σ r̄ᵢ Δwᵢ with midpoint weights holds exactly: the rate parts (a channel's
// own ratio moving) and the mix parts (its share moving) add up to the total change, to the last digit.
import type { ObservationRepository } from '../ports/observations.ts';
import { type Period, previousPeriod } from '../time/period.ts';
import { sumCompleteDays } from './complete-days.ts';
import { computeMetric } from './compute-metric.ts';
import type { MetricCatalog } from './metric-catalog.ts';
import type { BaseMetric, WhyMoved, WhyPart } from './metric-definition.ts';

export type { WhyMoved, WhyPart } from './metric-definition.ts';

import { type ComputeContext, inScope, type SegmentScope } from './metric-scope.ts';
import { ctxOf, loadIndex } from './query-metric.ts';
import { evaluateTerms, type RatioForm, ratioForm } from './ratio-form.ts';

export type WhyResult = { kind: 'ok'; why: WhyMoved } | { kind: 'unsupported' } | { kind: 'na' };

/** The share of the change the named channels must reach. */
export const EXPLAINS_MOST = 0.8;
const MAX_NAMED = 3;

interface Unit {
  segment: string;
  n: [number, number];
  d: [number, number];
}

/** A channel's part: rate and mix by midpoint weights where it has a denominator in both periods. */
function partOf(u: Unit, D: [number, number]): WhyPart {
  const term = (t: 0 | 1) => u.n[t] / D[t];
  const share = (t: 0 | 1) => (u.d[t] !== 0 ? u.d[t] / D[t] : null);
  const ratio = (t: 0 | 1) => (u.d[t] !== 0 ? u.n[t] / u.d[t] : null);
  const absent = (t: 0 | 1) => u.n[t] === 0 && u.d[t] === 0;
  let rate: number;
  let mix: number;
  if (u.d[0] !== 0 && u.d[1] !== 0) {
    const [w0, w1, r0, r1] = [share(0) as number, share(1) as number, ratio(0) as number, ratio(1) as number];
    rate = ((w0 + w1) / 2) * (r1 - r0);
    mix = ((r0 + r1) / 2) * (w1 - w0);
  } else if ((absent(0) && u.d[1] !== 0) || (absent(1) && u.d[0] !== 0)) {
    rate = 0;
    mix = term(1) - term(0);
  } else {
    // A numerator without a denominator (organic sign-ups in conversion, whole-product revenue): its own number
    // moving is rate, the pool it is divided by moving is mix. n·u with u = 1/D, by midpoints.
    const [u0, u1] = [1 / D[0], 1 / D[1]];
    rate = ((u0 + u1) / 2) * (u.n[1] - u.n[0]);
    mix = ((u.n[0] + u.n[1]) / 2) * (u1 - u0);
  }
  return {
    segment: u.segment,
    rate,
    mix,
    contribution: rate + mix,
    previous: { share: share(0), ratio: ratio(0) },
    current: { share: share(1), ratio: ratio(1) },
  };
}

/** The smallest run of the largest parts that explains EXPLAINS_MOST of the change, at most MAX_NAMED. */
function namedOf(parts: WhyPart[], change: number): string[] {
  if (change === 0) return [];
  const out: string[] = [];
  let covered = 0;
  for (const p of parts) {
    if (out.length === MAX_NAMED || covered >= EXPLAINS_MOST * Math.abs(change)) break;
    if (Math.sign(p.contribution) !== Math.sign(change)) continue;
    out.push(p.segment);
    covered += Math.abs(p.contribution);
  }
  return out;
}

/**
 * The pure decomposition from each unit's numerator and denominator in two periods (index 0 previous, 1 current),
 * plus the form's constants. The parts add up to M₁ − M₀ where Mₜ = (c + Σ nₜ) / (k + Σ dₜ).
 */
export function decompose(
  units: Unit[],
  form: Pick<RatioForm, 'num' | 'den'>,
): { change: number; parts: WhyPart[]; values: [number, number] } | undefined {
  const D: [number, number] = [form.den.constant, form.den.constant];
  const N: [number, number] = [form.num.constant, form.num.constant];
  for (const u of units)
    for (const t of [0, 1] as const) {
      D[t] += u.d[t];
      N[t] += u.n[t];
    }
  if (D[0] === 0 || D[1] === 0) return undefined;
  const values: [number, number] = [N[0] / D[0], N[1] / D[1]];
  const parts = units
    .map((u) => partOf(u, D))
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution) || a.segment.localeCompare(b.segment));
  return { change: values[1] - values[0], parts, values };
}

/**
 * Each unit's input sums over the days the total counts: a day with the product's own "" rows gives each input's
 * "" value to the unit "" and the channels keep the inputs it has no "" row for (spend by channel beside the
 * product's revenue); any other day counts a channel's day only when it reported every input, as computeMetric does.
 */
function unitSums(
  ctx: ComputeContext,
  flows: readonly BaseMetric[],
  scope: SegmentScope,
  segments: string[],
  from: string,
  to: string,
): Map<string, Record<string, number>> {
  const out = new Map<string, Record<string, number>>();
  const add = (unit: string, key: string, v: number) => {
    const sums = out.get(unit) ?? {};
    sums[key] = (sums[key] ?? 0) + v;
    out.set(unit, sums);
  };
  const days = new Set<string>();
  for (const f of flows) for (const d of ctx.index.daysIn(f.key, from, to)) days.add(d);
  for (const day of [...days].sort()) {
    const maps = flows.map((f) => ctx.index.valuesOn(f.key, day));
    if (scope.kind === 'total' && maps.some((m) => m?.has(''))) {
      const inScopeOf = (m: Map<string, number> | undefined) => [...(m ?? [])].filter(([s]) => s !== '');
      if (maps.some((m) => !m?.has('') && inScopeOf(m).length === 0)) continue;
      flows.forEach((f, i) => {
        const m = maps[i];
        if (m?.has('')) add('', f.key, m.get('') as number);
        else for (const [s, v] of inScopeOf(m)) add(s, f.key, v);
      });
      continue;
    }
    for (const segment of segments) {
      const { sums } = sumCompleteDays(ctx, flows, { kind: 'segments', segments: [segment] }, day, day);
      for (const [key, v] of Object.entries(sums)) if (v !== null) add(segment, key, v);
    }
  }
  return out;
}

/** The scope a metric's total is computed over: a paid metric's total is the paid channels. */
function totalScope(catalog: MetricCatalog, key: string): SegmentScope {
  const def = catalog.get(key);
  return def?.kind === 'derived' && def.channels === 'paid' ? { kind: 'paid' } : { kind: 'total' };
}

/**
 * Why a metric's total moved from `previous` to `current`: the per-channel parts of the change, over the same
 * complete channel-days and mature cohorts computeMetric counts. `na` when either value is n/a; `unsupported`
 * for a metric that is not a ratio of sums (DAU/MAU, an NPS average).
 */
export function whyMoved(
  ctx: ComputeContext,
  key: string,
  current: { from: string; to: string },
  previous: { from: string; to: string },
): WhyResult {
  const form = ratioForm(ctx.catalog, key);
  if (!form) return { kind: 'unsupported' };
  const total: SegmentScope = { kind: 'total' };
  const periods = [previous, current].map((p) => computeMetric(ctx, key, total, p.from, p.to));
  if (periods.some((v) => v.value === null)) return { kind: 'na' };
  const scope = totalScope(ctx.catalog, key);
  const inputs = ctx.catalog.baseInputs(key);
  const flows = [...inputs].map((k) => ctx.catalog.get(k) as BaseMetric).filter((b) => b.aggregation === 'sum');
  const segments = ctx.index.segments(inputs).filter((s) => inScope(ctx.catalog, scope, s));
  const units = new Map<string, Unit>();
  for (const t of [0, 1] as const) {
    const p = periods[t] as { from: string; to: string };
    for (const [segment, sums] of unitSums(ctx, flows, scope, segments, p.from, p.to)) {
      const u = units.get(segment) ?? { segment, n: [0, 0], d: [0, 0] };
      u.n[t] = evaluateTerms(form.num, sums);
      u.d[t] = evaluateTerms(form.den, sums);
      units.set(segment, u);
    }
  }
  const result = decompose([...units.values()], form);
  if (!result) return { kind: 'na' };
  const [v0, v1] = periods.map((v) => v.value as number) as [number, number];
  return {
    kind: 'ok',
    why: {
      metric: key,
      current: { from: current.from, to: periods[1]?.to ?? current.to, value: v1 },
      previous: { from: previous.from, to: periods[0]?.to ?? previous.to, value: v0 },
      change: result.change,
      parts: result.parts,
      named: namedOf(result.parts, result.change),
    },
  };
}

/** Why a metric's total moved in `period` against the period before, read from the store in one pass. */
export async function loadWhyMoved(
  observations: ObservationRepository,
  workspaceId: string,
  catalog: MetricCatalog,
  key: string,
  period: Period,
  today: string,
): Promise<{ result: WhyResult; previous: Period }> {
  const previous = previousPeriod(period, today);
  const index = await loadIndex(observations, workspaceId, catalog, [key], [period, previous]);
  return { result: whyMoved(ctxOf(catalog, index, today), key, period, previous), previous };
}

/**
 * A channel's share of a metric's volume over [from, to]: of the denominator (spend for ROI and CAC, clicks for
 * conversion), or of the metric itself when it is a sum (spend, sign-ups). Keeps small channels' alerts quiet.
 */
export function volumeShare(ctx: ComputeContext, key: string, segment: string, from: string, to: string): number | undefined {
  const form = ratioForm(ctx.catalog, key);
  if (!form) return undefined;
  const scope = totalScope(ctx.catalog, key);
  const inputs = ctx.catalog.baseInputs(key);
  const flows = [...inputs].map((k) => ctx.catalog.get(k) as BaseMetric).filter((b) => b.aggregation === 'sum');
  const segments = ctx.index.segments(inputs).filter((s) => inScope(ctx.catalog, scope, s));
  const weightOf = form.den.terms.size === 0 ? form.num : form.den;
  let total = 0;
  let own = 0;
  for (const [unit, sums] of unitSums(ctx, flows, scope, segments, from, to)) {
    const w = Math.abs(evaluateTerms(weightOf, sums));
    total += w;
    if (unit === segment) own = w;
  }
  return total > 0 ? own / total : undefined;
}
