import type { FormulaNode } from './formula.ts';
import type { MetricCatalog } from './metric-catalog.ts';

/** A linear form over base metrics: constant + Σ coefficient × input sum. */
export interface Linear {
  constant: number;
  terms: Map<string, number>;
}

/** A metric written as one linear form over another: ROI = (revenue − spend) / spend, CAC = spend / new_users. */
export interface RatioForm {
  num: Linear;
  den: Linear;
}

const constant = (c: number): Linear => ({ constant: c, terms: new Map() });
const isConstant = (l: Linear) => l.terms.size === 0;

function scale(l: Linear, k: number): Linear {
  return { constant: l.constant * k, terms: new Map([...l.terms].map(([key, c]) => [key, c * k])) };
}

function add(a: Linear, b: Linear, sign: 1 | -1): Linear {
  const terms = new Map(a.terms);
  for (const [key, c] of b.terms) terms.set(key, (terms.get(key) ?? 0) + sign * c);
  for (const [key, c] of terms) if (c === 0) terms.delete(key);
  return { constant: a.constant + sign * b.constant, terms };
}

/** A product stays linear only when one side is a constant. */
function mul(a: Linear, b: Linear): Linear | undefined {
  if (isConstant(a)) return scale(b, a.constant);
  if (isConstant(b)) return scale(a, b.constant);
  return undefined;
}

/** k with a = k·b, when the two forms are proportional (LTV/CAC = (cohort revenue / new users) / (spend / new users)). */
function ratioOfForms(a: Linear, b: Linear): number | undefined {
  if (a.terms.size !== b.terms.size) return undefined;
  let k: number | undefined;
  const check = (x: number, y: number) => {
    if (y === 0) return x === 0;
    const r = x / y;
    if (k === undefined) k = r;
    return Math.abs(r - k) <= 1e-12 * Math.max(1, Math.abs(k));
  };
  for (const [key, c] of b.terms) if (!check(a.terms.get(key) ?? 0, c)) return undefined;
  if (!check(a.constant, b.constant)) return undefined;
  return k === 0 ? undefined : k;
}

function combine(op: '+' | '-' | '*' | '/', a: RatioForm, b: RatioForm): RatioForm | undefined {
  if (op === '+' || op === '-') {
    const sign = op === '+' ? 1 : -1;
    const k = ratioOfForms(a.den, b.den);
    if (k !== undefined) return { num: add(a.num, scale(b.num, k), sign), den: a.den };
    const left = mul(a.num, b.den);
    const right = mul(b.num, a.den);
    const den = mul(a.den, b.den);
    return left && right && den ? { num: add(left, right, sign), den } : undefined;
  }
  if (op === '*') {
    const num = mul(a.num, b.num);
    const den = mul(a.den, b.den);
    return num && den ? { num, den } : undefined;
  }
  // (a.num / a.den) / (b.num / b.den): with proportional denominators they cancel.
  const k = ratioOfForms(a.den, b.den);
  if (k !== undefined) return { num: a.num, den: scale(b.num, k) };
  const num = mul(a.num, b.den);
  const den = mul(a.den, b.num);
  return num && den ? { num, den } : undefined;
}

function formOf(catalog: MetricCatalog, node: FormulaNode, depth: number): RatioForm | undefined {
  if (depth > 20) return undefined;
  switch (node.type) {
    case 'num':
      return { num: constant(node.value), den: constant(1) };
    case 'neg': {
      const inner = formOf(catalog, node.arg, depth + 1);
      return inner && { num: scale(inner.num, -1), den: inner.den };
    }
    case 'ref': {
      const def = catalog.resolve(node.name);
      if (!def) return undefined;
      if (def.kind === 'base') return { num: { constant: 0, terms: new Map([[def.key, 1]]) }, den: constant(1) };
      const tree = catalog.formulaOf(def.key);
      return tree && formOf(catalog, tree, depth + 1);
    }
    case 'bin': {
      const a = formOf(catalog, node.left, depth + 1);
      const b = formOf(catalog, node.right, depth + 1);
      return a && b ? combine(node.op, a, b) : undefined;
    }
  }
}

/**
 * A metric as numerator / denominator, both linear in summed base metrics, so that each channel owns its part
 * of both: ROI = (revenue − spend) / spend, conversion = new_users / clicks, LTV/CAC = cohort_revenue_dN / spend,
 * a summed base metric (spend) over the constant 1. Undefined when the metric is not of that shape (a constant in
 * the numerator over a real denominator, an averaged input such as DAU, a product of two inputs).
 */
export function ratioForm(catalog: MetricCatalog, key: string): RatioForm | undefined {
  const def = catalog.get(key);
  if (!def) return undefined;
  const form =
    def.kind === 'base' ? formOf(catalog, { type: 'ref', name: key, at: 0 }, 0) : formOf(catalog, catalog.formulaOf(key) as FormulaNode, 0);
  if (!form) return undefined;
  const summed = (l: Linear) =>
    [...l.terms.keys()].every((k) => {
      const d = catalog.get(k);
      return d?.kind === 'base' && d.aggregation === 'sum';
    });
  if (!summed(form.num) || !summed(form.den)) return undefined;
  // A denominator is either a constant or a pure sum (no offset), and a constant numerator needs a constant denominator.
  if (!isConstant(form.den) && form.den.constant !== 0) return undefined;
  if (!isConstant(form.den) && form.num.constant !== 0) return undefined;
  if (isConstant(form.den) && form.den.constant === 0) return undefined;
  return form;
}

/** The variable part of a linear form on one unit's input sums (a missing input counts 0; the constant is the total's). */
export function evaluateTerms(l: Linear, sums: Record<string, number | null>): number {
  let v = 0;
  for (const [key, c] of l.terms) v += c * (sums[key] ?? 0);
  return v;
}
