import { formatChange, formatValue } from '../format/format-value.ts';
import { t } from '../i18n/messages.ts';
import type { Change } from '../metrics/change.ts';
import type { Direction } from '../metrics/metric-definition.ts';
import { PARTIAL } from '../metrics/query-metric.ts';
import type { Locale } from '../ports/workspace.ts';
import { formatMoment } from '../time/zoned-today.ts';
import { mention } from '../views/mention.ts';
import { bold } from '../views/rich-text.ts';
import type { View, ViewElement } from '../views/view.ts';
import { digestChartTitles } from './digest-charts.ts';
import type { DigestAlertItem, DigestChannel, DigestData, DigestLine } from './digest-data.ts';
import { actionButtons, meetingSection } from './digest-meeting.ts';
import { digestWhyText } from './digest-why.ts';

export { PARTIAL };

/** At most this many alerts and agenda items are listed; the rest are counted. */
export const MAX_LISTED = 12;

const SEVERITY_ICON: Record<DigestAlertItem['severity'], string> = { info: 'ℹ️', warning: '⚠️', critical: '🚨' };

/** ▲/▼ with a colour that says whether that direction is good for the metric (neutral metrics: grey). */
export function changeMark(change: Change, direction: Direction): string {
  if (change === null || change.value === 0) return '';
  const up = change.value > 0;
  const arrow = up ? '▲' : '▼';
  if (direction === 'neutral') return `${arrow}⚪`;
  return `${arrow}${up === (direction === 'up') ? '🟢' : '🔴'}`;
}

/**
 * The weekly digest as a neutral view: headline, marketing, operations, business, alerts, agenda and data
 * notes, each section left out when it has nothing to show. Pure: the same data, `now` and locale give
 * the same view. Charts are `chart` elements keyed `channel-roi` and `retention`; delivery attaches images.
 */
export function buildDigest(data: DigestData, _now: Date, locale: Locale): View {
  const currency = data.workspace.currency;
  const fmt = (v: number | null, unit: DigestLine['unit']) => formatValue(v, unit, locale, currency);
  const chg = (c: Change, unit: DigestLine['unit']) => formatChange(c, unit, locale, currency);
  const colon = locale === 'zh-CN' ? '：' : ': ';
  const title = t(locale, 'digest.title', { week: data.week.label });
  const elements: ViewElement[] = [{ type: 'header', text: title }];
  elements.push({
    type: 'context',
    text: t(locale, 'digest.context', {
      workspace: data.workspace.name,
      from: data.week.from,
      to: data.week.to,
      timezone: data.workspace.timezone,
      previous: data.previous.label,
      yearAgo: data.yearAgo ? t(locale, 'digest.contextYearAgo', { week: data.yearAgo.label }) : '',
      asOf: data.asOf,
    }),
  });
  const shown = (l: DigestLine) => l.current !== null || l.previous !== null;
  let partial = false;
  const lineValue = (l: DigestLine) => {
    if (l.partial) partial = true;
    const mark = changeMark(l.change, l.direction);
    const parts = [
      `${bold(fmt(l.current, l.unit))}${l.partial ? PARTIAL : ''}`,
      `${t(locale, 'digest.wow')} ${chg(l.change, l.unit)}${mark ? ` ${mark}` : ''}`,
    ];
    if (l.previous !== null) parts.push(`${t(locale, 'digest.lastWeek')} ${fmt(l.previous, l.unit)}`);
    if (data.yearAgo && l.yearAgo !== null) parts.push(`${t(locale, 'digest.yoy')} ${chg(l.yoy, l.unit)}`);
    if (l.window) parts.push(t(locale, 'digest.cohortWindow', l.window));
    return parts.join(' · ');
  };
  const fields = (lines: DigestLine[]): ViewElement | undefined => {
    const visible = lines.filter(shown);
    return visible.length ? { type: 'fields', fields: visible.map((l) => ({ label: l.names[locale], value: lineValue(l) })) } : undefined;
  };
  const section = (key: Parameters<typeof t>[1], body: (ViewElement | undefined)[]) => {
    const present = body.filter((e): e is ViewElement => e !== undefined);
    if (present.length === 0) return;
    elements.push({ type: 'divider' }, { type: 'text', text: bold(t(locale, key)) }, ...present);
  };

  const headline = fields(data.headline);
  const hasData =
    headline !== undefined || data.channels.length > 0 || data.operations.some(shown) || data.cohorts.some((c) => c.newUsers !== null);
  if (!hasData) {
    const text = t(locale, 'digest.empty', { week: data.week.label });
    elements.push({ type: 'text', text });
    notes(data, locale, elements);
    return { fallback: `${title}: ${text}`, elements };
  }
  section('digest.headline', [
    headline,
    data.why ? { type: 'context', text: digestWhyText(data.why, locale, data.workspace.currency) } : undefined,
  ]);

  const charts = digestChartTitles(data, locale);
  const roiChart = charts.find((c) => c.key === 'channel-roi');
  const retentionChart = charts.find((c) => c.key === 'retention');
  if (data.channels.length) {
    const organic = ` (${t(locale, 'channel.kind.organic')})`;
    const row = (c: DigestChannel, name: string) => [
      `${name}${c.kind === 'organic' ? organic : ''}`,
      fmt(c.spend, 'currency'),
      fmt(c.newUsers, 'count'),
      fmt(c.cac, 'currency'),
      fmt(c.revenue, 'currency'),
      fmt(c.roi, 'percent'),
      c.roiChange === null
        ? 'n/a'
        : `${chg(c.roiChange, 'percent')}${changeMark(c.roiChange, 'up') ? ` ${changeMark(c.roiChange, 'up')}` : ''}`,
    ];
    const table: ViewElement = {
      type: 'table',
      columns: [
        { label: t(locale, 'col.channel') },
        { label: nameOf(data, 'spend', locale), align: 'right' },
        { label: t(locale, 'digest.col.newUsers'), align: 'right' },
        { label: nameOf(data, 'cac', locale), align: 'right' },
        { label: nameOf(data, 'revenue', locale), align: 'right' },
        { label: 'ROI', align: 'right' },
        { label: t(locale, 'digest.col.roiChange'), align: 'right' },
      ],
      rows: data.channels.map((c) => row(c, c.names[locale])),
      ...(data.channelTotal ? { total: row(data.channelTotal, data.channelTotal.names[locale]) } : {}),
    };
    const blended: ViewElement | undefined = data.blended && {
      type: 'text',
      text: t(locale, 'roi.blended', {
        revenue: fmt(data.blended.revenue, 'currency'),
        roi: fmt(data.blended.roi, 'percent'),
        cac: fmt(data.blended.cac, 'currency'),
      }),
    };
    section('digest.marketing', [
      table,
      blended,
      movers(data, locale),
      roiChart && { type: 'chart', title: roiChart.title, imageKey: roiChart.key, altText: roiChart.altText },
    ]);
  }

  // A cohort row needs a retention value: new users alone are in the headline already.
  const cohortRows = data.cohorts.filter((c) => c.newUsers !== null && Object.values(c.retention).some((v) => v !== null));
  const cohortTable: ViewElement | undefined = cohortRows.length
    ? {
        type: 'table',
        columns: [
          { label: t(locale, 'digest.col.cohortWeek') },
          { label: t(locale, 'digest.col.newUsers'), align: 'right' },
          { label: 'D1', align: 'right' },
          { label: 'D7', align: 'right' },
          { label: 'D30', align: 'right' },
        ],
        rows: cohortRows.map((c) => {
          const cell = (n: 'd1' | 'd7' | 'd30') => {
            if (c.partial[n]) partial = true;
            return `${fmt(c.retention[n], 'percent')}${c.partial[n] ? PARTIAL : ''}`;
          };
          return [c.label, fmt(c.newUsers, 'count'), cell('d1'), cell('d7'), cell('d30')];
        }),
      }
    : undefined;
  section('digest.operations', [
    cohortTable,
    retentionChart && { type: 'chart', title: retentionChart.title, imageKey: retentionChart.key, altText: retentionChart.altText },
    fields(data.operations),
  ]);
  if (data.headline.some((l) => l.key === 'revenue' && l.current !== null)) section('digest.business', [fields(data.business)]);

  if (data.alerts.length) section('digest.alerts', [{ type: 'text', text: alertLines(data, locale) }]);
  const agenda = agendaLines(data, locale);
  if (agenda.length) section('digest.agenda', [{ type: 'text', text: agenda.join('\n') }]);
  section('digest.meeting', [meetingSection(data, locale), actionButtons(data, locale)]);
  notes(data, locale, elements);
  const footer = [partial ? t(locale, 'digest.partialMark') : '', t(locale, 'digest.footer')].filter(Boolean).join('\n');
  elements.push({ type: 'context', text: footer });

  const summary = data.headline
    .filter((l) => l.current !== null && ['revenue', 'roi', 'new_users'].includes(l.key))
    .map((l) => `${l.names[locale]}${colon}${fmt(l.current, l.unit)} (${chg(l.change, l.unit)})`)
    .join(' · ');
  return { fallback: summary ? `${title} — ${summary}` : title, elements };
}

function nameOf(data: DigestData, key: string, locale: Locale): string {
  const l = data.headline.find((x) => x.key === key);
  return l?.names[locale] ?? key;
}

/**
 * The channels whose ROI moved most, in percentage points, among paid channels with at least the minimum
 * share of paid spend: "best" and "worst" when some rose and some fell, "largest fall" when every one fell
 * (no fall is called the best), and the small channels left out, named.
 */
function movers(data: DigestData, locale: Locale): ViewElement | undefined {
  const small = new Set(data.smallChannels);
  const moved = data.channels
    .filter((c) => c.roi !== null && c.roiPrevious !== null && !small.has(c.segment))
    .map((c) => ({ c, delta: (c.roi as number) - (c.roiPrevious as number) }))
    .sort((a, b) => b.delta - a.delta || a.c.segment.localeCompare(b.c.segment));
  const text = (key: 'digest.bestMover' | 'digest.worstMover' | 'digest.largestFall' | 'digest.largestRise', m: (typeof moved)[number]) =>
    `${m.delta >= 0 ? '📈' : '📉'} ${t(locale, key, {
      channel: m.c.names[locale],
      change: formatChange({ kind: 'absolute', value: m.delta }, 'percent', locale),
      from: formatValue(m.c.roiPrevious, 'percent', locale),
      to: formatValue(m.c.roi, 'percent', locale),
    })}`;
  const lines: string[] = [];
  const best = moved[0];
  const worst = moved[moved.length - 1];
  if (moved.length >= 2 && best && worst) {
    if (best.delta > 0 && worst.delta < 0) lines.push(text('digest.bestMover', best), text('digest.worstMover', worst));
    else if (worst.delta < 0) lines.push(text('digest.largestFall', worst));
    else if (best.delta > 0) lines.push(text('digest.largestRise', best));
  }
  if (small.size)
    lines.push(
      t(locale, 'digest.smallChannels', {
        share: formatValue(data.minSpendShare, 'percent', locale),
        channels: data.channels
          .filter((c) => small.has(c.segment))
          .map((c) => c.names[locale])
          .join(locale === 'zh-CN' ? '、' : ', '),
      }),
    );
  return lines.length ? { type: 'text', text: lines.join('\n') } : undefined;
}

function segmentSuffix(segment: string, data: DigestData, locale: Locale): string {
  if (!segment) return '';
  const known = data.channels.find((c) => c.segment === segment);
  return ` · ${known?.names[locale] ?? segment}`;
}

function metricName(data: DigestData, key: string, locale: Locale): string {
  return data.metrics[key]?.names[locale] ?? key;
}

function alertLines(data: DigestData, locale: Locale): string {
  const count = (s: DigestAlertItem['state']) => data.alerts.filter((a) => a.state === s).length;
  const summary = t(locale, 'digest.alertsSummary', {
    fired: data.alerts.length,
    acknowledged: count('acknowledged'),
    snoozed: count('snoozed'),
    resolved: count('resolved'),
    open: data.alerts.length - count('resolved'),
  });
  // Open first (critical before warning before info), then resolved; oldest first within each.
  const rank = (a: DigestAlertItem) => (a.state === 'resolved' ? 10 : 0) + { critical: 0, warning: 1, info: 2 }[a.severity];
  const sorted = [...data.alerts].sort((a, b) => rank(a) - rank(b) || a.firedAt.getTime() - b.firedAt.getTime());
  const lines = sorted.slice(0, MAX_LISTED).map((a) =>
    t(locale, 'digest.alertLine', {
      icon: a.state === 'resolved' ? '✅' : SEVERITY_ICON[a.severity],
      rule: a.ruleName,
      metric: metricName(data, a.metricKey, locale),
      segment: segmentSuffix(a.segment, data, locale),
      state: t(locale, `digest.state.${a.state}`),
      owners: a.ownerUserIds.length ? a.ownerUserIds.map(mention).join(' ') : t(locale, 'digest.noOwner'),
    }),
  );
  if (sorted.length > MAX_LISTED) lines.push(t(locale, 'digest.more', { count: sorted.length - MAX_LISTED }));
  return [summary, ...lines].join('\n');
}

function agendaLines(data: DigestData, locale: Locale): string[] {
  const unitOf = (key: string) => data.metrics[key]?.unit ?? 'ratio';
  const fromRules = data.agenda.map(
    (a) =>
      `🗓️ ${t(locale, 'digest.agendaRule', {
        note: a.note,
        metric: metricName(data, a.metricKey, locale),
        segment: segmentSuffix(a.segment, data, locale),
        value: formatValue(a.value, unitOf(a.metricKey), locale, data.workspace.currency),
        threshold: formatValue(a.threshold, unitOf(a.metricKey), locale, data.workspace.currency),
      })}`,
  );
  const fromTargets = data.offTarget.map(
    (o) =>
      `🎯 ${t(locale, 'digest.agendaTarget', {
        metric: o.names[locale],
        value: formatValue(o.value, o.unit, locale, data.workspace.currency),
        op: o.target.op === '>=' ? '≥' : '≤',
        target: formatValue(o.target.value, o.unit, locale, data.workspace.currency),
        gap: formatValue(o.gap, 'percent', locale),
      })}`,
  );
  const all = [...fromRules, ...fromTargets];
  return all.length > MAX_LISTED ? [...all.slice(0, MAX_LISTED), t(locale, 'digest.more', { count: all.length - MAX_LISTED })] : all;
}

function notes(data: DigestData, locale: Locale, elements: ViewElement[]): void {
  const lines = [
    ...data.stale.map((s) =>
      s.lastDay
        ? t(locale, 'digest.stale', { metric: s.names[locale], day: s.lastDay })
        : t(locale, 'digest.staleNone', { metric: s.names[locale] }),
    ),
    ...(data.staleSources ?? []).map(
      (s) => `⚠️ ${t(locale, 'sources.stale', { source: s.name, since: formatMoment(s.since, data.workspace.timezone, locale) })}`,
    ),
    ...data.notes[locale],
  ];
  if (!lines.length) return;
  elements.push({ type: 'divider' }, { type: 'text', text: `${bold(t(locale, 'digest.dataNotes'))}\n${lines.join('\n')}` });
}
