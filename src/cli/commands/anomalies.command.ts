import { draftRule, failingDays, segmentNamer } from '../../core/alerts/backtest.ts';
import { evaluationInput } from '../../core/alerts/evaluation-input.ts';
import { InputError } from '../../core/errors.ts';
import { formatValue } from '../../core/format/format-value.ts';
import { reasonText } from '../../core/metrics/anomaly.ts';
import { loadCatalog } from '../../core/metrics/load-catalog.ts';
import { requireSegment } from '../../core/segments/resolve-segment.ts';
import { isCalendarDay } from '../../core/time/calendar-day.ts';
import { addDays, daysBetween } from '../../core/time/day-math.ts';
import { dayInZone } from '../../core/time/zoned-today.ts';
import { pickWorkspace, withContext } from '../cli-context.ts';
import type { CliCommand } from '../command.ts';
import { textTable } from '../table-text.ts';

const SENSITIVITIES = ['low', 'medium', 'high'];

export const anomaliesCommand: CliCommand = {
  name: 'anomalies',
  summary:
    'The days a metric was unusual for its weekday (holidays against last year, 调休 workdays against workdays, shopping peaks against last year), with the expected value, the normal range and the reason.',
  usage:
    'growthbeat anomalies <metric> [--segment <s> | --by-segment] [--from <d> --to <d>] [--sensitivity low|medium|high] [--workspace <id>] [--json]',
  examples: ['growthbeat anomalies roi --by-segment', 'growthbeat anomalies 花费 --from 2026-09-01 --to 2026-11-30 --json'],
  options: {
    segment: { type: 'string', description: 'one segment (name or alias)', placeholder: 'name' },
    'by-segment': { type: 'boolean', description: 'every segment (small ones stay quiet), not the total' },
    from: { type: 'string', description: 'first day (YYYY-MM-DD; default 90 days back)', placeholder: 'date' },
    to: { type: 'string', description: 'last day (YYYY-MM-DD; default yesterday)', placeholder: 'date' },
    sensitivity: { type: 'string', description: 'low, medium (default) or high', placeholder: 'level' },
    workspace: { type: 'string', description: 'workspace id or name', placeholder: 'id' },
    json: { type: 'boolean', description: 'print JSON: each flagged day with its value, expected value, range and reason' },
  },
  positionals: true,
  async run({ values, positionals }, io) {
    const [metricName] = positionals;
    if (!metricName || positionals.length > 1) {
      io.err(`growthbeat anomalies: name one metric\nUsage: ${this.usage}\n`);
      return 2;
    }
    if (values.segment && values['by-segment']) throw new InputError('use --segment or --by-segment, not both', { field: 'segment' });
    const sensitivity = (values.sensitivity as string | undefined) ?? 'medium';
    if (!SENSITIVITIES.includes(sensitivity))
      throw new InputError(`--sensitivity takes low, medium or high, not "${sensitivity}"`, { field: 'sensitivity' });
    return withContext(io, async (ctx) => {
      const ws = await pickWorkspace(ctx, values.workspace as string | undefined);
      const catalog = await loadCatalog(ctx.store.metrics, ws);
      const metric = catalog.require(metricName);
      const yesterday = addDays(dayInZone(new Date(), ws.timezone), -1);
      const [from, to] = [(values.from as string | undefined) ?? addDays(yesterday, -89), (values.to as string | undefined) ?? yesterday];
      if (!isCalendarDay(from) || !isCalendarDay(to) || from > to || daysBetween(from, to) > 730)
        throw new InputError('--from and --to take two days YYYY-MM-DD, the first not after the second, at most two years apart', {
          field: 'from',
        });
      const segments = await ctx.store.segments.list(ws.id);
      const segment = values.segment ? requireSegment(segments, values.segment as string).key : undefined;
      const rule = draftRule({
        workspaceId: ws.id,
        metric: metric.key,
        scope: values['by-segment'] ? 'each' : segment ? 'segment' : 'total',
        ...(segment ? { segment } : {}),
        params: { type: 'anomaly', sensitivity: sensitivity as 'low' | 'medium' | 'high', direction: 'any' },
      });
      const input = await evaluationInput(ctx.store, ws, catalog, [rule], to, daysBetween(from, to));
      const found = failingDays(rule, input, from, to);
      const name = await segmentNamer(ctx.store, ws);
      const reason = (f: (typeof found)[number]) =>
        f.anomaly
          ? reasonText({ reason: f.anomaly.reason, day: f.valueDay ?? '', names: f.anomaly.names, compared: f.anomaly.compared }, ws.locale)
          : '';
      if (values.json) {
        const days = found.map((f) => ({ day: f.valueDay, segment: f.subject, value: f.value, ...f.anomaly, why: reason(f) }));
        io.out(`${JSON.stringify({ workspace: ws.id, metric: metric.key, from, to, sensitivity, days })}\n`);
        return 0;
      }
      const fmt = (v: number | null | undefined) => formatValue(v ?? null, metric.unit, ws.locale, ws.currency);
      io.out(`${metric.names[ws.locale]} ${from} … ${to}: ${found.length} unusual day${found.length === 1 ? '' : 's'}\n`);
      if (found.length)
        io.out(
          `\n${textTable(
            ['day', 'segment', 'value', 'expected', 'range', 'compared with'],
            found.map((f) => [
              f.valueDay ?? '',
              f.subject === '' ? 'total' : name(f.subject),
              fmt(f.value),
              fmt(f.anomaly?.expected),
              `${fmt(f.anomaly?.low)} … ${fmt(f.anomaly?.high)}`,
              reason(f),
            ]),
          )}`,
        );
      return 0;
    });
  },
};
