import { InputError } from '../errors.ts';
import type { CustomMetricSpec } from '../ports/catalog.ts';
import { closestNames } from '../text/closest-names.ts';
import { normaliseName } from '../text/normalise-name.ts';
import { BUILTIN_METRICS } from './builtin-metrics.ts';
import { ltvMetrics } from './cohort-metrics.ts';
import { FormulaError, type FormulaNode, formatFormula, formulaRefs, parseFormula } from './formula.ts';
import type { DerivedMetric, MetricDefinition } from './metric-definition.ts';
import { type ChannelKind, channelKind, DEFAULT_LTV_HORIZON, type MetricSettings } from './metric-settings.ts';

/** Built-in derived metrics a workspace may redefine: LTV is "as configured by the workspace". */
export const CONFIGURABLE_BUILTINS = new Set(['ltv']);

/**
 * The metrics of one workspace: the built-ins (LTV at its horizon) plus its own derived metrics, found by
 * key or alias, and which of its channels are paid: every number is computed through these definitions.
 */
export class MetricCatalog {
  private readonly byKey = new Map<string, MetricDefinition>();
  private readonly byAlias = new Map<string, string>();
  private readonly parsed = new Map<string, FormulaNode>();
  readonly settings: Pick<MetricSettings, 'channelKinds' | 'ltvHorizon'>;

  constructor(custom: readonly CustomMetricSpec[] = [], settings: Partial<Pick<MetricSettings, 'channelKinds' | 'ltvHorizon'>> = {}) {
    this.settings = { channelKinds: settings.channelKinds ?? {}, ltvHorizon: settings.ltvHorizon ?? DEFAULT_LTV_HORIZON };
    for (const m of [...BUILTIN_METRICS, ...ltvMetrics(this.settings.ltvHorizon)]) this.add(m);
    for (const spec of custom) this.addCustom(spec);
  }

  /** A channel's kind (paid unless set or well known as organic); undefined for "" (the whole product). */
  kindOf(segment: string): ChannelKind | undefined {
    return channelKind(this.settings, segment);
  }

  private add(m: MetricDefinition): void {
    this.byKey.set(m.key, m);
    for (const name of [m.key, m.names['zh-CN'], m.names.en, ...m.aliases]) {
      const alias = normaliseName(name);
      if (!this.byAlias.has(alias)) this.byAlias.set(alias, m.key);
    }
    if (m.kind === 'derived') this.parsed.set(m.key, parseFormula(m.formula));
  }

  /** Adds (or, for LTV, redefines) a derived metric after checking its formula; throws InputError. */
  addCustom(spec: CustomMetricSpec): DerivedMetric {
    const key = normaliseName(spec.key);
    if (!/^[\p{L}_][\p{L}\p{N}_]*$/u.test(key))
      throw new InputError(`"${spec.key}" is not a metric name: use letters, digits and _`, { field: 'key' });
    const existing = this.byKey.get(key);
    if (existing?.builtIn && !CONFIGURABLE_BUILTINS.has(key)) {
      throw new InputError(`"${key}" is a built-in metric with a shared definition; choose another name`, { field: 'key' });
    }
    const tree = parseFormula(spec.formula);
    for (const ref of formulaRefs(tree)) {
      const target = this.resolve(ref.name);
      if (!target) throw new FormulaError(spec.formula, ref.at, `unknown metric "${ref.name}"`);
      if (target.key === key || this.dependsOn(target.key, key))
        throw new FormulaError(spec.formula, ref.at, `"${ref.name}" refers back to ${key}`);
    }
    const canonical = formatFormula(tree, (n) => this.resolve(n)?.key ?? n);
    const builtin = existing?.builtIn ? existing : undefined;
    const metric: DerivedMetric = {
      kind: 'derived',
      key,
      builtIn: Boolean(builtin),
      formula: canonical,
      names: { 'zh-CN': spec.nameZh ?? builtin?.names['zh-CN'] ?? key, en: spec.nameEn ?? builtin?.names.en ?? key },
      aliases: spec.aliases ?? builtin?.aliases ?? [],
      unit: spec.unit ?? builtin?.unit ?? 'ratio',
      direction: spec.direction ?? builtin?.direction ?? 'up',
      team: spec.team ?? builtin?.team ?? 'business',
      description: { 'zh-CN': canonical, en: canonical },
    };
    this.add(metric);
    this.parsed.set(key, parseFormula(canonical));
    return metric;
  }

  private dependsOn(from: string, target: string, seen = new Set<string>()): boolean {
    if (seen.has(from)) return false;
    seen.add(from);
    const tree = this.parsed.get(from);
    if (!tree) return false;
    return formulaRefs(tree).some((r) => {
      const k = this.resolve(r.name)?.key;
      return k === target || (k !== undefined && this.dependsOn(k, target, seen));
    });
  }

  /** A metric by key, name or alias in either language (`获客成本`, `CAC`, `次留`, `d7`). */
  resolve(name: string): MetricDefinition | undefined {
    const key = this.byAlias.get(normaliseName(name));
    return key === undefined ? undefined : this.byKey.get(key);
  }

  /** Like resolve, but a miss is an InputError that suggests close names. */
  require(name: string): MetricDefinition {
    const m = this.resolve(name);
    if (m) return m;
    const close = closestNames(normaliseName(name), this.byAlias.keys()).map((alias) => this.byAlias.get(alias) as string);
    const unique = [...new Set(close)];
    throw new InputError(`unknown metric "${name}"${unique.length ? `; did you mean ${unique.join(', ')}?` : ''}`, { field: 'metric' });
  }

  get(key: string): MetricDefinition | undefined {
    return this.byKey.get(key);
  }

  formulaOf(key: string): FormulaNode | undefined {
    return this.parsed.get(key);
  }

  list(): MetricDefinition[] {
    return [...this.byKey.values()];
  }

  /** The base metrics a metric is computed from (itself when it is a base metric). */
  baseInputs(key: string, out = new Set<string>()): Set<string> {
    const m = this.byKey.get(key);
    if (!m) return out;
    if (m.kind === 'base') out.add(m.key);
    else for (const r of formulaRefs(this.parsed.get(key) as FormulaNode)) this.baseInputs(this.resolve(r.name)?.key ?? r.name, out);
    return out;
  }
}
