import { formatChange, formatValue } from '../../format/format-value.ts';
import { t } from '../../i18n/messages.ts';
import { computeMetric } from '../../metrics/compute-metric.ts';
import { loadCatalog } from '../../metrics/load-catalog.ts';
import { buildReport, ctxOf, loadIndex, type MetricReport } from '../../metrics/query-metric.ts';
import { valueNotes } from '../../metrics/value-notes.ts';
import { segmentName } from '../../segments/resolve-segment.ts';
import { previousPeriod } from '../../time/period.ts';
import { dayInZone } from '../../time/zoned-today.ts';
import { bold } from '../../views/rich-text.ts';
import type { View } from '../../views/view.ts';
import type { CommandContext } from '../command-context.ts';
import { chatPeriod, chatSegment } from '../resolve-words.ts';
import { periodText } from './period-text.ts';

const METRICS = ['spend', 'revenue', 'roi', 'cac', 'new_users', 'roi_blended', 'cac_blended'] as const;

/**
 * `/roi [channel|all] [period]`: per channel spend, revenue, ROI, CAC and ROI's change (points), best first;
 * the total row is the paid channels' (from sums), and a line below gives the blended figures with organic.
 */
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
  const notes = [
    ...valueNotes(catalog, 'roi', reports.roi.total.current, locale),
    ...valueNotes(catalog, 'cac', reports.cac.total.current, locale),
  ];
  const context = [
    t(locale, 'roi.context', { previous: `${prev.from} … ${prev.to}`, asOf: reports.roi.asOf }),
    t(locale, 'note.paid'),
    ...new Set(notes),
  ].join('\n');

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
    const fields = (['spend', 'revenue', 'roi', 'cac', 'new_users'] as const).map((k) => {
      const r = reports[k].total;
      return {
        label: metricName(k),
        value: `${bold(fmt(k, r.current.value))} (${t(locale, 'col.change')} ${formatChange(r.change ?? null, catalog.get(k)!.unit, locale, ws.currency)})`,
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
  const kindMark = (segment: string) => (catalog.kindOf(segment) === 'organic' ? ` (${t(locale, 'channel.kind.organic')})` : '');
  const rows = reports.roi.rows.map((r) => [
    `${name(r.segment)}${kindMark(r.segment)}`,
    fmt('spend', byKey('spend', r.segment)?.current.value ?? null),
    fmt('revenue', byKey('revenue', r.segment)?.current.value ?? null),
    fmt('roi', r.current.value),
    fmt('cac', byKey('cac', r.segment)?.current.value ?? null),
    formatChange(r.change ?? null, 'percent', locale, ws.currency),
  ]);
  // Spend and revenue of the paid channels, so the total row's ROI is its own spend and revenue.
  const paid = (k: 'spend' | 'revenue') => computeMetric(ctxOf(catalog, index, today), k, { kind: 'paid' }, period.from, period.to).value;
  const total = [
    t(locale, 'roi.paidTotal'),
    fmt('spend', paid('spend')),
    fmt('revenue', paid('revenue')),
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
      {
        type: 'text',
        text: t(locale, 'roi.blended', {
          revenue: fmt('revenue', reports.revenue.total.current.value),
          roi: fmt('roi', reports.roi_blended.total.current.value),
          cac: fmt('cac', reports.cac_blended.total.current.value),
        }),
      },
      { type: 'context', text: context },
    ],
  };
}
