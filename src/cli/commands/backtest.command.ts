import { backtestRule, backtestText, draftRule, segmentNamer } from '../../core/alerts/backtest.ts';
import { evaluationInput } from '../../core/alerts/evaluation-input.ts';
import { parseRuleSpec } from '../../core/alerts/rule-grammar.ts';
import { InputError } from '../../core/errors.ts';
import { loadCatalog } from '../../core/metrics/load-catalog.ts';
import type { AlertRule } from '../../core/ports/alerts.ts';
import { requireSegment } from '../../core/segments/resolve-segment.ts';
import { CommandUsageError } from '../../core/text/usage-error.ts';
import { addDays } from '../../core/time/day-math.ts';
import { dayInZone } from '../../core/time/zoned-today.ts';
import { pickWorkspace, withContext } from '../cli-context.ts';
import type { CliCommand } from '../command.ts';

export const backtestCommand: CliCommand = {
  name: 'backtest',
  summary:
    "How often alert rules would have fired over the last 90 days of the workspace's data: the workspace's rules, one of them, or a rule written as in chat before you add it.",
  usage: 'growthbeat backtest [<rule words as in /alerts rule add> | --rule <#|id>] [--days <n>] [--workspace <id>] [--json]',
  examples: [
    'growthbeat backtest roi each anomaly',
    'growthbeat backtest roi each anomaly sensitivity high direction any',
    'growthbeat backtest --rule 2 --json',
  ],
  options: {
    rule: { type: 'string', description: "one of the workspace's rules, by number (as /alerts rules lists them) or id", placeholder: '#' },
    days: { type: 'string', description: 'how many days back (default 90, at most 366)', placeholder: 'n' },
    workspace: { type: 'string', description: 'workspace id or name', placeholder: 'id' },
    json: { type: 'boolean', description: 'print JSON: per rule, each fire (day, subject, value, expected)' },
  },
  positionals: true,
  async run({ values, positionals }, io) {
    const days = values.days === undefined ? 90 : Number(values.days);
    if (!Number.isInteger(days) || days < 1 || days > 366)
      throw new InputError('--days takes a whole number from 1 to 366', { field: 'days' });
    return withContext(io, async (ctx) => {
      const ws = await pickWorkspace(ctx, values.workspace as string | undefined);
      const catalog = await loadCatalog(ctx.store.metrics, ws);
      let rules = await ctx.store.alerts.listRules(ws.id);
      if (values.rule !== undefined) {
        const n = String(values.rule).match(/^#?(\d+)$/)?.[1];
        const found = n ? rules[Number(n) - 1] : rules.find((r) => r.id === values.rule);
        if (!found) throw new InputError(`no rule "${values.rule}": see /alerts rules`, { field: 'rule' });
        rules = [found];
      } else if (positionals.length) {
        let spec: ReturnType<typeof parseRuleSpec>;
        try {
          spec = parseRuleSpec(positionals, 'add', (typed) => catalog.resolve(typed)?.unit === 'percent');
        } catch (error) {
          if (error instanceof CommandUsageError)
            throw new InputError(`the rule "${positionals.join(' ')}" does not read: write it as in /alerts rule add`, { field: 'rule' });
          throw error;
        }
        const metric = catalog.require(spec.metric as string);
        const segments = await ctx.store.segments.list(ws.id);
        const scope = spec.segment === 'each' ? 'each' : spec.segment ? 'segment' : 'total';
        rules = [
          draftRule({
            id: 'backtest',
            workspaceId: ws.id,
            name: positionals.join(' '),
            metric: metric.key,
            scope,
            ...(scope === 'segment' ? { segment: requireSegment(segments, spec.segment as string).key } : {}),
            params: spec.params as AlertRule['params'],
          }),
        ];
      }
      const day = addDays(dayInZone(new Date(), ws.timezone), -1);
      const input = await evaluationInput(ctx.store, ws, catalog, rules, day, days);
      const results = rules.map((rule) => ({ rule, result: backtestRule(rule, input, days) }));
      if (values.json) {
        io.out(
          `${JSON.stringify({ workspace: ws.id, days, rules: results.map(({ rule, result }) => ({ id: rule.id, name: rule.name, ...result })) })}\n`,
        );
        return 0;
      }
      if (results.length === 0) io.out('No rules yet: name one, e.g. growthbeat backtest roi each anomaly\n');
      const name = await segmentNamer(ctx.store, ws);
      for (const { rule, result } of results) io.out(`${rule.name}\n  ${backtestText(result, ws.locale, name)}\n`);
      return 0;
    });
  },
};
