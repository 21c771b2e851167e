import { formatChange, formatValue } from '../../format/format-value.ts';
import { t } from '../../i18n/messages.ts';
import { loadCatalog } from '../../metrics/load-catalog.ts';
import { buildReport, loadIndex, type MetricReport } from '../../metrics/query-metric.ts';
import { segmentName } from '../../segments/resolve-segment.ts';
import { previousPeriod } from '../../time/period.ts';
import { dayInZone } from '../../time/zoned-today.ts';
import type { View } from '../../views/view.ts';
import type { CommandContext } from '../command-context.ts';
import { chatPeriod, chatSegment } from '../resolve-words.ts';
import { periodText } from './period-text.ts';

const METRICS = ['spend', 'revenue', 'roi', 'cac', 'new_users'] as const;

/** `/roi [channel|all] [period]`: per channel spend, revenue, ROI, CAC and ROI's change, best first, total from sums. */
export async function roiCommand(ctx: CommandContext, input: { segment?: string; period?: string }): Promise<View> {
  const { workspace: ws } = ctx;
  const locale = ws.locale;
  const today = dayInZone(ctx.now, ws.timezone);
  const period = chatPeriod('roi', input.period, '7d', today);
  const segments = await ctx.store.segments.list(ws.id);
  const only = input.segment ? chatSegment('roi', segments, input.segment, locale) : undefined;
  const catalog = await loadCatalog(ctx.store.metrics, ws);
  const index = await loadIndex(ctx.store.observations, ws.id, catalog, [...METRICS], [period, previousPeriod(period, today)]);
  const scope = only ? [only.key] : ('each' as const);
  const reports = Object.fromEntries(
    METRICS.map((k) => [
      k,
      buildReport(catalog, index, { metric: catalog.get(k)!, period, segments: scope, compare: { previous: true } }, today),
    ]),
  ) as Record<(typeof METRICS)[number], MetricReport>;
  const fmt = (key: (typeof METRICS)[number], v: number | null) => formatValue(v, catalog.get(key)!.unit, locale, ws.currency);
  const name = (key: string) => segmentName(segments.find((s) => s.key === key) ?? key, locale);
  const title = only
    ? t(locale, 'roi.channelHeader', { channel: name(only.key), period: periodText(period, locale) })
    : t(locale, 'roi.header', { period: periodText(period, locale) });
  const prev = reports.roi.previousPeriod!;
  const context = t(locale, 'roi.context', { previous: `${prev.from} … ${prev.to}`, asOf: reports.roi.asOf });

  if (reports.spend.total.current.value === null && reports.revenue.total.current.value === null) {
    return {
      fallback: title,
      elements: [
        { type: 'header', text: title },
        { type: 'text', text: t(locale, 'roi.empty', { period: periodText(period, locale) }) },
      ],
    };
  }
  const metricName = (k: (typeof METRICS)[number]) => catalog.get(k)!.names[locale];
  if (only) {
    const fields = METRICS.map((k) => {
      const r = reports[k].total;
      return {
        label: metricName(k),
        value: `**${fmt(k, r.current.value)}** (${t(locale, 'col.change')} ${formatChange(r.change ?? null, catalog.get(k)!.unit, locale, ws.currency)})`,
      };
    });
    return {
      fallback: `${title}: ROI ${fmt('roi', reports.roi.total.current.value)}`,
      elements: [
        { type: 'header', text: title },
        { type: 'fields', fields },
        { type: 'context', text: context },
      ],
    };
  }
  const byKey = (k: (typeof METRICS)[number], segment: string) => reports[k].rows.find((r) => r.segment === segment);
  const rows = reports.roi.rows.map((r) => [
    name(r.segment),
    fmt('spend', byKey('spend', r.segment)?.current.value ?? null),
    fmt('revenue', byKey('revenue', r.segment)?.current.value ?? null),
    fmt('roi', r.current.value),
    fmt('cac', byKey('cac', r.segment)?.current.value ?? null),
    formatChange(r.change ?? null, 'percent', locale, ws.currency),
  ]);
  const total = [
    t(locale, 'col.total'),
    fmt('spend', reports.spend.total.current.value),
    fmt('revenue', reports.revenue.total.current.value),
    fmt('roi', reports.roi.total.current.value),
    fmt('cac', reports.cac.total.current.value),
    formatChange(reports.roi.total.change ?? null, 'percent', locale, ws.currency),
  ];
  return {
    fallback: `${title}: ROI ${total[3]}`,
    elements: [
      { type: 'header', text: title },
      {
        type: 'table',
        columns: [
          { label: t(locale, 'col.channel') },
          { label: metricName('spend'), align: 'right' },
          { label: metricName('revenue'), align: 'right' },
          { label: 'ROI', align: 'right' },
          { label: metricName('cac'), align: 'right' },
          { label: `ROI ${t(locale, 'col.change')}`, align: 'right' },
        ],
        rows,
        total,
      },
      { type: 'context', text: context },
    ],
  };
}
