import { formatChange, formatValue } from '../../format/format-value.ts';
import { type MessageKey, t } from '../../i18n/messages.ts';
import { isLtvMetric, latestMatureWindow } from '../../metrics/cohort-window.ts';
import { loadCatalog } from '../../metrics/load-catalog.ts';
import { PARTIAL, queryMetric } from '../../metrics/query-metric.ts';
import { recordObservations } from '../../metrics/record-observations.ts';
import { valueNotes } from '../../metrics/value-notes.ts';
import { breachText, findValueBreach } from '../../observations/check-values.ts';
import type { Segment } from '../../ports/catalog.ts';
import { knownChannel, segmentKeyFor } from '../../segments/channel-aliases.ts';
import { resolveSegment, segmentName } from '../../segments/resolve-segment.ts';
import { cleanName } from '../../text/clean-text.ts';
import { closestNames } from '../../text/closest-names.ts';
import { readNumber } from '../../text/numbers.ts';
import { CommandUsageError } from '../../text/usage-error.ts';
import { addDays, daysBetween } from '../../time/day-math.ts';
import { dayInZone } from '../../time/zoned-today.ts';
import { bold, code } from '../../views/rich-text.ts';
import type { View } from '../../views/view.ts';
import { addChannelAction, type PendingLog } from '../add-channel-action.ts';
import type { CommandContext } from '../command-context.ts';
import { chatBaseMetric, chatMetric, chatPeriod, chatSegment, refuseLongName } from '../resolve-words.ts';
import { usageView } from '../usage-view.ts';
import { periodText } from './period-text.ts';

interface LogInput {
  metric: string;
  value: string;
  segment?: string;
  day?: string;
  /** The "add channel and record" button: a channel nobody has is created, not offered. */
  createChannel?: boolean;
}

/** `kpiLog` as a button runs it: a mistake (the value no longer valid, say) is the usage answer, not a failure. */
export async function kpiLogCommand(ctx: CommandContext, input: LogInput): Promise<View> {
  try {
    return await kpiLog(ctx, input);
  } catch (error) {
    if (error instanceof CommandUsageError) return usageView(error, ctx.workspace.locale);
    throw error;
  }
}

/**
 * `/kpi log <metric> <value> [channel] [day]`: one value through the same path as the API (default day:
 * yesterday). A well-known channel (抖音, douyin, 小红书 …) is created on first use and the answer says so; any
 * other unknown name is not created silently: the answer offers the closest channels and a button that adds it
 * and records the value in one step.
 */
export async function kpiLog(ctx: CommandContext, input: LogInput): Promise<View> {
  const { workspace: ws } = ctx;
  const locale = ws.locale;
  const today = dayInZone(ctx.now, ws.timezone);
  const catalog = await loadCatalog(ctx.store.metrics, ws);
  const metric = chatBaseMetric('kpi', catalog, input.metric, locale);
  const reading = readNumber(input.value);
  if (!('value' in reading))
    throw new CommandUsageError('kpi', reading.problem === 'out_of_range' ? 'error.valueOutOfRange' : 'error.needValue', {
      text: input.value,
    });
  const { value } = reading;
  const fmtValue = (v: number) => formatValue(v, metric.unit, locale, ws.currency);
  const period = chatPeriod('kpi', input.day, 'yesterday', today);
  if (period.from !== period.to) throw new CommandUsageError('kpi', 'error.badDay', { text: input.day ?? '' });
  const segments = await ctx.store.segments.list(ws.id);
  const day = period.from;
  const typed = input.segment === undefined ? undefined : cleanName(input.segment);
  const found = typed === undefined ? undefined : resolveSegment(segments, typed);
  if (typed !== undefined && !found && !input.createChannel && !knownChannel(segmentKeyFor(typed)))
    return unknownChannelView(
      ctx,
      segments,
      { metric: metric.key, value: input.value, segment: typed, day },
      metric.names[locale],
      fmtValue(value),
    );
  // A new channel (well known, or added by the button) is created by the write below, under this key.
  const segment =
    found ??
    (typed === undefined ? undefined : { key: segmentKeyFor(typed), name: knownChannel(segmentKeyFor(typed))?.zh ?? typed, aliases: [] });
  // A value its metric cannot have is refused in the reader's language, with the rule it breaks.
  const breach = await findValueBreach(ctx.store.observations, ws.id, [{ metric: metric.key, segment: segment?.key ?? '', day, value }]);
  if (breach)
    throw new CommandUsageError('kpi', 'error.valueRule', {
      rule: breachText(breach, locale, breach.metric === metric.key ? metric.names[locale] : breach.metric),
    });
  const before = await ctx.store.observations.query(ws.id, { metrics: [metric.key], segments: [segment?.key ?? ''], from: day, to: day });
  const summary = await recordObservations(
    ctx.store,
    ws.id,
    [{ metric: metric.key, segment: found ? found.key : typed, day, value }],
    { source: 'chat', actor: ctx.member.id },
    { allowNewSegments: Boolean(input.createChannel), fieldPrefix: 'kpi', now: ctx.now },
  );
  const fmt = fmtValue;
  const params = {
    metric: metric.names[locale],
    segment: segment ? ` · ${segmentName(segment, locale)}` : '',
    day,
    value: fmt(value),
    old: before[0] ? fmt(before[0].value) : '',
  };
  // What /kpi undo takes back: the value before (null: there was none) and after, under the row's key.
  if (summary.inserted + summary.updated > 0)
    await ctx.store.audit.append({
      workspaceId: ws.id,
      actor: ctx.member.id,
      action: 'kpi.log',
      target: `${metric.key}/${segment?.key ?? ''}/${day}`,
      before: { value: before[0]?.value ?? null },
      after: { value },
      at: ctx.now,
    });
  const key: MessageKey = summary.inserted ? 'kpi.logged' : summary.updated ? 'kpi.updated' : 'kpi.unchanged';
  const created = segment && !found ? t(locale, 'kpi.channelCreated', { channel: segmentName(segment, locale) }) : '';
  const text = `${t(locale, key, params)}${created}`;
  return { fallback: text, elements: [{ type: 'text', text: `✅ ${text}` }], severity: 'ok' };
}

/** The answer to a channel nobody has: the closest ones, and a button that adds it and records the value. */
function unknownChannelView(
  ctx: CommandContext,
  segments: readonly Segment[],
  pending: PendingLog,
  metricName: string,
  shown: string,
): View {
  const locale = ctx.workspace.locale;
  refuseLongName('kpi', pending.segment);
  const names = segments.map((s) => segmentName(s, locale));
  const close = closestNames(pending.segment, [...names, ...segments.flatMap((s) => s.aliases)], 3).map((n) =>
    segmentName(resolveSegment(segments, n) ?? n, locale),
  );
  const suggest = close.length
    ? t(locale, 'kpi.closestChannels', { names: [...new Set(close)].join(', ') })
    : names.length
      ? t(locale, 'kpi.knownChannels', { names: names.slice(0, 12).join(locale === 'zh-CN' ? '、' : ', ') })
      : '';
  const text = t(locale, 'kpi.unknownChannel', { name: pending.segment, suggest, metric: metricName, day: pending.day, value: shown });
  return {
    fallback: text,
    ephemeral: true,
    severity: 'warning',
    elements: [
      { type: 'text', text },
      { type: 'actions', actions: [addChannelAction(pending, locale)] },
    ],
  };
}

/** `/kpi show <metric> [channel] [period]`: the value, its change, its definition and a day or week series. */
export async function kpiShow(ctx: CommandContext, input: { metric: string; segment?: string; period?: string }): Promise<View> {
  const { workspace: ws } = ctx;
  const locale = ws.locale;
  const today = dayInZone(ctx.now, ws.timezone);
  const catalog = await loadCatalog(ctx.store.metrics, ws);
  const metric = chatMetric('kpi', catalog, input.metric, locale);
  // LTV and LTV/CAC without a period: the latest 30 cohorts old enough, as the digest and the playbook read them.
  const period =
    input.period === undefined && isLtvMetric(catalog, metric.key)
      ? latestMatureWindow(catalog, metric.key, today)
      : chatPeriod('kpi', input.period, '30d', today);
  const segments = await ctx.store.segments.list(ws.id);
  const segment = input.segment ? chatSegment('kpi', segments, input.segment, locale) : undefined;
  const grain = daysBetween(period.from, period.to) <= 31 ? 'day' : 'week';
  const report = await queryMetric(
    ctx.store.observations,
    ws.id,
    catalog,
    { metric, period, segments: segment ? [segment.key] : 'total', compare: { previous: true }, grain },
    today,
  );
  const fmt = (v: number | null) => formatValue(v, metric.unit, locale, ws.currency);
  const title = t(locale, 'kpi.showHeader', {
    metric: metric.names[locale],
    segment: segment ? ` · ${segmentName(segment, locale)}` : '',
    period: periodText(period, locale),
  });
  const definition = metric.kind === 'derived' ? `${code(metric.formula)} · ${metric.description[locale]}` : metric.description[locale];
  const series = (report.series ?? []).filter((s) => s.bucket.from <= addDays(today, -1));
  const notes = [
    ...valueNotes(catalog, metric.key, report.total.current, locale),
    ...(series.some((s) => s.partial) ? [t(locale, 'series.partial')] : []),
  ];
  return {
    fallback: `${title}: ${fmt(report.total.current.value)}`,
    elements: [
      { type: 'header', text: title },
      {
        type: 'fields',
        fields: [
          { label: t(locale, 'field.value'), value: bold(fmt(report.total.current.value)) },
          { label: t(locale, 'field.previous'), value: fmt(report.total.previous?.value ?? null) },
          { label: t(locale, 'field.change'), value: formatChange(report.total.change ?? null, metric.unit, locale, ws.currency) },
          { label: t(locale, 'field.formula'), value: definition },
        ],
      },
      {
        type: 'table',
        columns: [{ label: t(locale, 'col.day') }, { label: metric.names[locale], align: 'right' }],
        rows: series.map((s) => [s.bucket.label, `${fmt(s.value.value)}${s.partial ? PARTIAL : ''}`]),
      },
      ...(notes.length ? [{ type: 'context' as const, text: notes.join('\n') }] : []),
    ],
  };
}

/** `/kpi list`: the definitions by team. */
export async function kpiList(ctx: CommandContext): Promise<View> {
  const locale = ctx.workspace.locale;
  const catalog = await loadCatalog(ctx.store.metrics, ctx.workspace);
  const title = t(locale, 'kpi.listHeader');
  const teams = ['marketing', 'operations', 'business'] as const;
  return {
    fallback: title,
    elements: [
      { type: 'header', text: title },
      ...teams.map((team) => ({
        type: 'table' as const,
        caption: t(locale, `team.${team}`),
        columns: [{ label: t(locale, 'col.metric') }, { label: t(locale, 'col.definition') }],
        rows: catalog
          .list()
          .filter((m) => m.team === team)
          .map((m) => [`${m.names[locale]} (${m.key})`, m.kind === 'derived' ? m.formula : m.description[locale]]),
      })),
      { type: 'context', text: t(locale, 'kpi.listContext') },
    ],
  };
}
