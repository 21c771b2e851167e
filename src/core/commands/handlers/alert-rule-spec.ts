// The words of `/alerts rule add|edit …` to a rule patch: the rule grammar reads them, and the names in them
// (metric, segment, people) are resolved against the workspace. Nothing is written here but members met by
// mention, who are created on first mention as with /growth owners.
import { parseRuleSpec } from '../../alerts/rule-grammar.ts';
import type { MetricCatalog } from '../../metrics/metric-catalog.ts';
import type { MetricDefinition } from '../../metrics/metric-definition.ts';
import type { AlertRule, NewAlertRule } from '../../ports/alerts.ts';
import { CommandUsageError } from '../../text/usage-error.ts';
import type { CommandContext } from '../command-context.ts';
import { chatMetric, chatSegment } from '../resolve-words.ts';

/** Platform user ids to member ids (members are created on first mention, as with /growth owners). */
async function memberIds(ctx: CommandContext, externalIds: string[] | undefined): Promise<string[] | undefined> {
  if (!externalIds) return undefined;
  const out: string[] = [];
  for (const id of externalIds) out.push((await ctx.store.members.ensure(ctx.workspace.id, id)).id);
  return out;
}

/**
 * The patch the words ask for (every field of a new rule's spec, or only what an edit changes); undefined when
 * `authorize` refuses the metric, before anything is written.
 */
export async function ruleFromSpec(
  ctx: CommandContext,
  words: string[],
  catalog: MetricCatalog,
  existing: AlertRule | undefined,
  authorize: (metricKey: string) => Promise<boolean>,
): Promise<Partial<NewAlertRule> | undefined> {
  const locale = ctx.workspace.locale;
  const percent = (typed: string) => {
    const key = existing ? existing.metric : catalog.resolve(typed)?.key;
    return key ? catalog.get(key)?.unit === 'percent' : false;
  };
  const spec = parseRuleSpec(words, existing ? 'edit' : 'add', percent);
  const patch: Partial<NewAlertRule> = {};
  let metric: MetricDefinition | undefined;
  if (spec.metric) {
    metric = spec.metric === '*' ? undefined : chatMetric('alerts', catalog, spec.metric, locale);
    patch.metric = metric?.key ?? '*';
  }
  const metricKey = patch.metric ?? (existing?.metric as string);
  // Refused before anything is written (members are created on first mention below).
  if (!(await authorize(metricKey))) return undefined;
  const params = spec.params ?? existing?.params;
  // A rule that could never fire is refused: `*` watches only for data going quiet; quiet needs a stored (base) metric.
  if (metricKey === '*' && (params?.type !== 'freshness' || (spec.segment && spec.segment !== 'total')))
    throw new CommandUsageError('alerts', 'error.ruleStarQuiet');
  if (params?.type === 'freshness' && metricKey !== '*' && catalog.get(metricKey)?.kind !== 'base')
    throw new CommandUsageError('alerts', 'error.ruleQuietBase', { metric: catalog.get(metricKey)?.names[locale] ?? metricKey });
  // Editing the LTV/CAC rule's threshold keeps it on the digest's agenda.
  if (spec.params?.type === 'threshold' && existing?.params.type === 'threshold' && existing.params.agenda)
    spec.params = { ...spec.params, agenda: true };
  const segments = await ctx.store.segments.list(ctx.workspace.id);
  if (!existing) {
    if (spec.segment === 'each') patch.scope = 'each';
    else if (spec.segment) {
      patch.scope = 'segment';
      patch.segment = chatSegment('alerts', segments, spec.segment, locale).key;
    } else patch.scope = 'total';
  }
  if (spec.params) patch.params = spec.params;
  const o = spec.options;
  if (o.severity) patch.severity = o.severity;
  if (o.owners) patch.owners = await memberIds(ctx, o.owners);
  if (o.segmentOwners) {
    const map: Record<string, string[]> = { ...(existing?.segmentOwners ?? {}) };
    for (const [typed, ids] of Object.entries(o.segmentOwners))
      map[chatSegment('alerts', segments, typed, locale).key] = (await memberIds(ctx, ids)) ?? [];
    patch.segmentOwners = map;
  }
  if (o.repeatMinutes !== undefined) patch.repeatMinutes = o.repeatMinutes;
  if (o.escalateAfter !== undefined) patch.escalateAfter = o.escalateAfter;
  if (o.escalateTo) patch.escalateTo = await memberIds(ctx, o.escalateTo);
  if (o.recoveryEvaluations !== undefined) patch.recoveryEvaluations = o.recoveryEvaluations;
  if (o.note !== undefined) patch.note = o.note || undefined;
  return patch;
}
