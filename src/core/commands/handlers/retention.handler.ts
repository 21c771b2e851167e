import { cachedCohorts } from '../../cohorts/cohort-cache.ts';
import { cohortTable, markPartial } from '../../cohorts/cohort-table.ts';
import { formatChange, formatValue } from '../../format/format-value.ts';
import { t } from '../../i18n/messages.ts';
import { loadCatalog } from '../../metrics/load-catalog.ts';
import { buildReport, loadIndex } from '../../metrics/query-metric.ts';
import { segmentName } from '../../segments/resolve-segment.ts';
import { previousPeriod } from '../../time/period.ts';
import { dayInZone } from '../../time/zoned-today.ts';
import { bold } from '../../views/rich-text.ts';
import type { View } from '../../views/view.ts';
import type { CommandContext } from '../command-context.ts';
import { chatPeriod, chatSegment } from '../resolve-words.ts';
import { periodText } from './period-text.ts';

const KEYS = ['new_users', 'retention_d1', 'retention_d7', 'retention_d30'] as const;

/** `/retention [d1|d7|d30|cohorts] [channel] [period]`: D1/D7/D30 by cohort week, one Dn with its change, or the cohort matrix. */
export async function retentionCommand(
  ctx: CommandContext,
  input: { mode: 'overview' | 'd1' | 'd7' | 'd30' | 'cohorts'; segment?: string; period?: string },
): Promise<View> {
  const { workspace: ws } = ctx;
  const locale = ws.locale;
  const today = dayInZone(ctx.now, ws.timezone);
  const segments = await ctx.store.segments.list(ws.id);
  const only = input.segment ? chatSegment('retention', segments, input.segment, locale) : undefined;
  const segmentLabel = only ? segmentName(only, locale) : segmentName('', locale);

  if (input.mode === 'cohorts') {
    const cohorts = await cachedCohorts(ctx.store.activity, ws.id, { grain: 'month', ...(only ? { segment: only.key } : {}) });
    if (cohorts) {
      const { matrix, lastDay: asOf } = cohorts;
      // The cohorts the CLI shows (growthbeat cohorts), with the same limits; a cut is said, never silent.
      const shown = cohortTable(matrix);
      const title = t(locale, 'cohorts.header');
      const partial = shown.cohorts.some((c) => c.partial || c.partialOffsets.some((k) => k < shown.periods));
      return {
        fallback: title,
        elements: [
          { type: 'header', text: title },
          {
            type: 'table',
            columns: [
              { label: t(locale, 'col.cohort') },
              { label: 'n', align: 'right' },
              ...Array.from({ length: shown.periods }, (_, k) => ({ label: `+${k}`, align: 'right' as const })),
            ],
            rows: shown.cohorts.map((c) => [
              markPartial(c.cohort, c.partial),
              String(c.size),
              ...Array.from({ length: shown.periods }, (_, k) =>
                k < c.shares.length ? markPartial(formatValue(c.shares[k] as number, 'percent', locale), c.partialOffsets.includes(k)) : '',
              ),
            ]),
          },
          ...(partial ? [{ type: 'context' as const, text: t(locale, 'cohorts.partial', { asOf }) }] : []),
          ...(shown.trimmed ? [{ type: 'context' as const, text: t(locale, 'cohorts.trimmed', shown.trimmed) }] : []),
          { type: 'context', text: t(locale, 'cohorts.context', { asOf }) },
        ],
      };
    }
  }

  const period = chatPeriod('retention', input.period, '56d', today);
  const catalog = await loadCatalog(ctx.store.metrics, ws);
  const index = await loadIndex(ctx.store.observations, ws.id, catalog, [...KEYS], [period, previousPeriod(period, today)]);
  const scope = only ? [only.key] : ('total' as const);
  const title = t(locale, 'retention.header', { segment: segmentLabel, period: periodText(period, locale) });
  const reports = KEYS.map((k) =>
    buildReport(catalog, index, { metric: catalog.get(k)!, period, segments: scope, compare: { previous: true }, grain: 'week' }, today),
  );
  const context = { type: 'context' as const, text: t(locale, 'retention.context', { asOf: reports[0]!.asOf }) };
  if (reports[0]!.total.current.value === null) {
    return {
      fallback: title,
      elements: [
        { type: 'header', text: title },
        { type: 'text', text: t(locale, 'retention.empty', { period: periodText(period, locale) }) },
      ],
    };
  }
  if (input.mode === 'd1' || input.mode === 'd7' || input.mode === 'd30') {
    const report = reports[KEYS.indexOf(`retention_${input.mode}`)]!;
    const fmt = (v: number | null) => formatValue(v, 'percent', locale);
    return {
      fallback: `${title}: ${report.metric.names[locale]} ${fmt(report.total.current.value)}`,
      elements: [
        { type: 'header', text: title },
        {
          type: 'fields',
          fields: [
            { label: report.metric.names[locale], value: bold(fmt(report.total.current.value)) },
            { label: t(locale, 'field.previous'), value: fmt(report.total.previous?.value ?? null) },
            { label: t(locale, 'field.change'), value: formatChange(report.total.change ?? null, 'percent', locale) },
          ],
        },
        {
          type: 'table',
          columns: [{ label: t(locale, 'col.cohort') }, { label: report.metric.names[locale], align: 'right' }],
          rows: (report.series ?? []).map((s) => [s.bucket.label, fmt(s.value.value)]),
        },
        context,
      ],
    };
  }
  const weeks = reports[0]!.series ?? [];
  return {
    fallback: title,
    elements: [
      { type: 'header', text: title },
      {
        type: 'table',
        columns: [
          { label: t(locale, 'col.cohort') },
          ...reports.map((r) => ({
            label: r.metric.key === 'new_users' ? r.metric.names[locale] : `D${r.metric.key.split('_d')[1]}`,
            align: 'right' as const,
          })),
        ],
        rows: weeks.map((w, i) => [
          w.bucket.label,
          ...reports.map((r) => formatValue(r.series?.[i]?.value.value ?? null, r.metric.unit, locale)),
        ]),
        total: [t(locale, 'col.total'), ...reports.map((r) => formatValue(r.total.current.value, r.metric.unit, locale))],
      },
      context,
    ],
  };
}
