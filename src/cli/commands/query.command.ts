import { InputError } from '../../core/errors.ts';
import { formatChange, formatValue } from '../../core/format/format-value.ts';
import { loadCatalog } from '../../core/metrics/load-catalog.ts';
import { type MetricReport, type MetricRow, queryMetric } from '../../core/metrics/query-metric.ts';
import { requireSegment, segmentName } from '../../core/segments/resolve-segment.ts';
import type { Grain } from '../../core/time/period.ts';
import { dayInZone } from '../../core/time/zoned-today.ts';
import { pickWorkspace, withContext } from '../cli-context.ts';
import type { CliCommand } from '../command.ts';
import { periodFromOptions, periodOptions } from '../period-options.ts';
import { textTable } from '../table-text.ts';

const GRAINS = ['day', 'week', 'month'];

function rowJson(row: MetricRow, name?: string) {
  return {
    segment: row.segment,
    ...(name === undefined ? {} : { name }),
    value: row.current.value,
    inputs: row.current.inputs,
    ...(row.current.to !== undefined ? { usedTo: row.current.to } : {}),
    ...(row.previous ? { previous: row.previous.value, change: row.change } : {}),
    ...(row.yearAgo ? { yearAgo: row.yearAgo.value, yoy: row.yoy } : {}),
  };
}

export function reportJson(report: MetricReport, workspaceId: string, names: (segment: string) => string) {
  const m = report.metric;
  return {
    workspace: workspaceId,
    metric: {
      key: m.key,
      name: m.names.en,
      nameZh: m.names['zh-CN'],
      unit: m.unit,
      direction: m.direction,
      kind: m.kind,
      ...(m.kind === 'derived' ? { formula: m.formula } : { aggregation: m.aggregation }),
    },
    period: report.period,
    asOf: report.asOf,
    ...(report.previousPeriod ? { previousPeriod: { from: report.previousPeriod.from, to: report.previousPeriod.to } } : {}),
    ...(report.yearAgoPeriod ? { yearAgoPeriod: { from: report.yearAgoPeriod.from, to: report.yearAgoPeriod.to } } : {}),
    total: rowJson(report.total),
    segments: report.rows.map((r) => rowJson(r, names(r.segment))),
    ...(report.series
      ? { series: report.series.map((s) => ({ bucket: s.bucket.label, from: s.bucket.from, to: s.bucket.to, value: s.value.value })) }
      : {}),
  };
}

export const queryCommand: CliCommand = {
  name: 'query',
  summary:
    'Compute a metric (base or derived, by key or alias: roi, cac, 次留 …) for a period, in total or per segment, with 环比/同比 and a day/week/month series.',
  usage:
    'growthbeat query <metric> [--segment <name> | --by-segment] [--period <p> | --from <date> --to <date>] [--grain day|week|month] [--compare previous|year] [--workspace <id>] [--json]',
  examples: [
    'growthbeat query roi --by-segment --from 2020-04-01 --to 2020-06-30 --compare previous',
    'growthbeat query 获客成本 --segment 抖音 --period 上周 --json',
  ],
  options: {
    segment: { type: 'string', description: 'one segment (name or alias)', placeholder: 'name' },
    'by-segment': { type: 'boolean', description: 'one row per segment, plus the total' },
    ...periodOptions('30d'),
    grain: { type: 'string', description: 'also a series by day, week or month', placeholder: 'grain' },
    compare: { type: 'string', description: 'previous (环比), year (同比), or previous,year', placeholder: 'what' },
    workspace: { type: 'string', description: 'workspace id or name', placeholder: 'id' },
    json: { type: 'boolean', description: 'print JSON (documented in the README)' },
  },
  positionals: true,
  async run({ values, positionals }, io) {
    const [metricName] = positionals;
    if (!metricName || positionals.length > 1) {
      io.err(`growthbeat query: name one metric\nUsage: ${this.usage}\n`);
      return 2;
    }
    if (values.grain !== undefined && !GRAINS.includes(values.grain as string))
      throw new InputError(`--grain must be day, week or month, not "${values.grain}"`, { field: 'grain' });
    if (values.segment && values['by-segment']) throw new InputError('use --segment or --by-segment, not both', { field: 'segment' });
    const compare = String(values.compare ?? '')
      .split(',')
      .filter(Boolean);
    for (const c of compare)
      if (c !== 'previous' && c !== 'year') throw new InputError(`--compare takes previous or year, not "${c}"`, { field: 'compare' });
    return withContext(io, async (ctx) => {
      const ws = await pickWorkspace(ctx, values.workspace as string | undefined);
      const catalog = await loadCatalog(ctx.store.metrics, ws);
      const metric = catalog.require(metricName);
      const today = dayInZone(new Date(), ws.timezone);
      const period = periodFromOptions(values, today, '30d');
      const segments = await ctx.store.segments.list(ws.id);
      const segmentScope = values['by-segment']
        ? 'each'
        : values.segment
          ? [requireSegment(segments, values.segment as string).key]
          : 'total';
      const report = await queryMetric(
        ctx.store.observations,
        ws.id,
        catalog,
        {
          metric,
          period,
          segments: segmentScope,
          compare: { previous: compare.includes('previous'), yearAgo: compare.includes('year') },
          grain: values.grain as Grain | undefined,
        },
        today,
      );
      const name = (s: string) => segmentName(segments.find((x) => x.key === s) ?? s, ws.locale);
      if (values.json) {
        io.out(`${JSON.stringify(reportJson(report, ws.id, name))}\n`);
        return 0;
      }
      const fmt = (v: number | null) => formatValue(v, metric.unit, ws.locale, ws.currency);
      const head = ['segment', metric.names[ws.locale]];
      if (report.previousPeriod) head.push('previous', 'change');
      if (report.yearAgoPeriod) head.push('year ago', 'yoy');
      const line = (r: MetricRow, label: string) => {
        const cells = [label, fmt(r.current.value)];
        if (report.previousPeriod)
          cells.push(fmt(r.previous?.value ?? null), formatChange(r.change ?? null, metric.unit, ws.locale, ws.currency));
        if (report.yearAgoPeriod)
          cells.push(fmt(r.yearAgo?.value ?? null), formatChange(r.yoy ?? null, metric.unit, ws.locale, ws.currency));
        return cells;
      };
      const rows = report.rows.map((r) => line(r, name(r.segment)));
      rows.push(
        line(
          report.total,
          segmentScope === 'total' || report.rows.length ? (ws.locale === 'zh-CN' ? '合计' : 'total') : name(report.total.segment),
        ),
      );
      io.out(
        `${metric.names[ws.locale]} ${report.period.from} … ${report.period.to}${report.period.complete ? '' : ' (incomplete)'}${metric.kind === 'derived' ? `  = ${metric.formula}` : ''}\n\n${textTable(head, rows)}`,
      );
      if (report.series)
        io.out(
          `\n${textTable(
            [values.grain as string, metric.names[ws.locale]],
            report.series.map((s) => [s.bucket.label, fmt(s.value.value)]),
          )}`,
        );
      return 0;
    });
  },
};
