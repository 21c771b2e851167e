import { formatChange } from '../../core/format/format-value.ts';
import { loadCatalog } from '../../core/metrics/load-catalog.ts';
import { loadWhyMoved } from '../../core/metrics/why-moved.ts';
import { segmentName } from '../../core/segments/resolve-segment.ts';
import { dayInZone } from '../../core/time/zoned-today.ts';
import { pickWorkspace, withContext } from '../cli-context.ts';
import type { CliCommand } from '../command.ts';
import { periodFromOptions, periodOptions } from '../period-options.ts';
import { textTable } from '../table-text.ts';

export const explainCommand: CliCommand = {
  name: 'explain',
  summary:
    "Why a metric's total moved against the period before: each channel's part of the change, split into rate (its own ratio) and mix (its share), adding up exactly to the change.",
  usage: 'growthbeat explain <metric> [--period <p> | --from <date> --to <date>] [--workspace <id>] [--json]',
  examples: ['growthbeat explain roi --period last-week', 'growthbeat explain 获客成本 --from 2026-11-01 --to 2026-11-15 --json'],
  options: {
    ...periodOptions('last-week'),
    workspace: { type: 'string', description: 'workspace id or name', placeholder: 'id' },
    json: { type: 'boolean', description: 'print JSON (documented in the README)' },
  },
  positionals: true,
  async run({ values, positionals }, io) {
    const [metricName] = positionals;
    if (!metricName || positionals.length > 1) {
      io.err(`growthbeat explain: name one metric\nUsage: ${this.usage}\n`);
      return 2;
    }
    return withContext(io, async (ctx) => {
      const ws = await pickWorkspace(ctx, values.workspace as string | undefined);
      const catalog = await loadCatalog(ctx.store.metrics, ws);
      const metric = catalog.require(metricName);
      const today = dayInZone(new Date(), ws.timezone);
      const period = periodFromOptions(values, today, 'last-week');
      const { result, previous } = await loadWhyMoved(ctx.store.observations, ws.id, catalog, metric.key, period, today);
      const segments = await ctx.store.segments.list(ws.id);
      const name = (s: string) => (s === '' ? '(not by channel)' : segmentName(segments.find((x) => x.key === s) ?? s, ws.locale));
      if (values.json) {
        const body =
          result.kind === 'ok'
            ? { ...result.why, parts: result.why.parts.map((p) => ({ ...p, name: name(p.segment) })) }
            : { metric: metric.key, unavailable: result.kind };
        io.out(
          `${JSON.stringify({ workspace: ws.id, period: { from: period.from, to: period.to }, previousPeriod: { from: previous.from, to: previous.to }, ...body })}\n`,
        );
        return 0;
      }
      if (result.kind !== 'ok') {
        io.out(
          result.kind === 'unsupported'
            ? `${metric.names.en} is not a ratio of sums over channels: it cannot be split by channel.\n`
            : `${metric.names.en} has no value in ${period.from} … ${period.to} or ${previous.from} … ${previous.to}.\n`,
        );
        return 0;
      }
      const { why } = result;
      const delta = (v: number) => formatChange({ kind: 'absolute', value: v }, metric.unit, ws.locale, ws.currency);
      io.out(
        `${metric.names[ws.locale]} ${why.previous.from} … ${why.previous.to} → ${why.current.from} … ${why.current.to}: ${delta(why.change)}\n\n`,
      );
      const rows = why.parts.map((p) => [name(p.segment), delta(p.contribution), delta(p.rate), delta(p.mix)]);
      rows.push(['total', delta(why.change), '', '']);
      io.out(textTable(['segment', 'contribution', 'rate', 'mix'], rows));
      if (why.named.length) io.out(`\nMostly: ${why.named.map(name).join(', ')}\n`);
      return 0;
    });
  },
};
