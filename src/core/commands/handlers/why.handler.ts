import { whyText } from '../../format/why-text.ts';
import { t } from '../../i18n/messages.ts';
import { loadCatalog } from '../../metrics/load-catalog.ts';
import { loadWhyMoved } from '../../metrics/why-moved.ts';
import { segmentName } from '../../segments/resolve-segment.ts';
import { dayInZone } from '../../time/zoned-today.ts';
import type { View } from '../../views/view.ts';
import type { CommandContext } from '../command-context.ts';
import { chatMetric, chatPeriod } from '../resolve-words.ts';
import { periodText } from './period-text.ts';

/** `/kpi why <metric> [period]`: the total's change against the period before, split into each channel's rate and mix. */
export async function kpiWhy(ctx: CommandContext, input: { metric: string; period?: string }): Promise<View> {
  const { workspace: ws } = ctx;
  const locale = ws.locale;
  const today = dayInZone(ctx.now, ws.timezone);
  const catalog = await loadCatalog(ctx.store.metrics, ws);
  const metric = chatMetric('kpi', catalog, input.metric, locale);
  const period = chatPeriod('kpi', input.period, 'last-week', today);
  const { result } = await loadWhyMoved(ctx.store.observations, ws.id, catalog, metric.key, period, today);
  const metricName = metric.names[locale];
  if (result.kind !== 'ok') {
    const text =
      result.kind === 'unsupported'
        ? t(locale, 'why.unsupported', { metric: metricName })
        : t(locale, 'why.na', { metric: metricName, period: periodText(period, locale) });
    return { fallback: text, elements: [{ type: 'text', text }] };
  }
  const segments = await ctx.store.segments.list(ws.id);
  const name = (s: string) => segmentName(segments.find((x) => x.key === s) ?? s, locale);
  const text = whyText(result.why, metric, locale, ws.currency, name);
  const [header, ...rest] = text.split('\n');
  return {
    fallback: header ?? text,
    elements: [{ type: 'text', text: header ?? text }, ...(rest.length ? [{ type: 'context' as const, text: rest.join('\n') }] : [])],
  };
}
