import { loadMeetingItems } from '../meeting/load-meeting-items.ts';
import { changeFor } from '../metrics/change.ts';
import { isLtvMetric, latestMatureWindow } from '../metrics/cohort-window.ts';
import { type ComputeContext, computeMetric, type SegmentScope } from '../metrics/compute-metric.ts';
import { loadCatalog } from '../metrics/load-catalog.ts';
import type { MetricCatalog } from '../metrics/metric-catalog.ts';
import { metricSettings } from '../metrics/metric-settings.ts';
import { buildReport, loadIndex, type MetricReport } from '../metrics/query-metric.ts';
import { valueNotes } from '../metrics/value-notes.ts';
import type { Segment } from '../ports/catalog.ts';
import type { Store } from '../ports/store.ts';
import type { Workspace } from '../ports/workspace.ts';
import { segmentName } from '../segments/resolve-segment.ts';
import { staleSources } from '../sources/source-health.ts';
import { addDays } from '../time/day-math.ts';
import { customPeriod, type Period, previousPeriod, splitPeriod, weekPeriod, yearAgoPeriod } from '../time/period.ts';
import { dayInZone, startOfDayInZone } from '../time/zoned-today.ts';
import type {
  DigestChannel,
  DigestCohort,
  DigestData,
  DigestLine,
  DigestOffTarget,
  DigestSources,
  DigestStale,
  Names,
} from './digest-data.ts';
import { workspaceTargets } from './digest-settings.ts';
import { headlineWhy } from './digest-why.ts';

const HEADLINE = ['new_users', 'spend', 'revenue', 'roi', 'cac', 'ltv_cac', 'retention_d7'];
const OPERATIONS = ['dau', 'mau', 'stickiness', 'nps'];
const BUSINESS = ['paying_users', 'arpu', 'ltv', 'roas'];
const CHANNEL = ['spend', 'new_users', 'cac', 'revenue', 'roi'];
const BLENDED = ['roi_blended', 'cac_blended'];

const RETENTION = ['retention_d1', 'retention_d7', 'retention_d30'];
/** Base metrics watched for data that stopped arriving. */
const WATCHED = ['spend', 'new_users', 'revenue', 'paying_users', 'dau', 'mau', 'nps', 'retained_d1', 'retained_d7', 'retained_d30'];

export const ROI_WEEKS = 8;
export const COHORT_WEEKS = 6;
export const MAX_CHART_CHANNELS = 8;
/** A target missed by at least this much (relative to the target) goes on the agenda. */
export const FAR_OFF_TARGET = 0.1;
/** Days with data in the 4 weeks before the digest's week for a metric to count as arriving daily. */
const DAILY_DAYS = 20;

/** The last complete ISO week in the workspace's timezone on `now`'s day. */
export function lastCompleteWeek(now: Date, timezone: string): Period {
  const today = dayInZone(now, timezone);
  return weekPeriod(addDays(today, -7), today);
}

function names(catalog: MetricCatalog, key: string): Names {
  const m = catalog.get(key);
  return { 'zh-CN': m?.names['zh-CN'] ?? key, en: m?.names.en ?? key };
}

function line(catalog: MetricCatalog, report: MetricReport, window?: Period): DigestLine {
  const m = report.metric;
  const total = report.total;
  const current = total.current.value;
  return {
    ...(window ? { window: { from: window.from, to: window.to } } : {}),
    key: m.key,
    names: { 'zh-CN': m.names['zh-CN'], en: m.names.en },
    unit: m.unit,
    direction: m.direction,
    current,
    previous: total.previous?.value ?? null,
    yearAgo: total.yearAgo?.value ?? null,
    change: total.change ?? null,
    yoy: total.yoy ?? null,
    partial: !window && current !== null && total.current.to < report.period.to && catalog.get(m.key)?.kind === 'derived',
  };
}

const PAID_TOTAL: Names = { 'zh-CN': '付费渠道合计', en: 'Paid channels' };

function segmentNames(segments: Segment[], key: string): Names {
  const s = segments.find((x) => x.key === key) ?? key;
  return { 'zh-CN': segmentName(s, 'zh-CN'), en: segmentName(s, 'en') };
}

/**
 * Reads what the weekly digest shows for `week` (default: the last complete ISO week in the workspace's
 * timezone), with ONE read of the observations; alerts and rule agenda items come from `sources`.
 */
export async function loadDigestData(
  store: Pick<Store, 'observations' | 'metrics' | 'segments'> & Partial<Pick<Store, 'sources' | 'meeting' | 'members'>>,
  workspace: Workspace,
  now: Date,
  options: { week?: Period; sources?: DigestSources } = {},
): Promise<DigestData> {
  const today = dayInZone(now, workspace.timezone);
  const week = options.week ?? lastCompleteWeek(now, workspace.timezone);
  const previous = previousPeriod(week, today);
  const yearAgo = yearAgoPeriod(week, today);
  const catalog = await loadCatalog(store.metrics, workspace);
  const segments = await store.segments.list(workspace.id);
  const targets = workspaceTargets(workspace);
  const window = customPeriod(addDays(week.from, -7 * (ROI_WEEKS - 1)), week.to, today);
  const keys = [
    ...new Set([...HEADLINE, ...OPERATIONS, ...BUSINESS, ...CHANNEL, ...BLENDED, ...RETENTION, ...WATCHED, ...Object.keys(targets)]),
  ].filter((k) => catalog.get(k));
  const asOf = addDays(today, -1);
  // The latest mature cohorts of the LTV family (and the window before them, for the change).
  const cohortWindows = new Map(keys.filter((k) => isLtvMetric(catalog, k)).map((k) => [k, latestMatureWindow(catalog, k, today)]));
  const earliest = [...cohortWindows.values()].map((w) => previousPeriod(w, today));
  const index = await loadIndex(store.observations, workspace.id, catalog, keys, [yearAgo, window, ...earliest]);
  const ctx: ComputeContext = { catalog, index, asOf };
  const report = (key: string, segmentsWanted: 'total' | 'each' = 'total', period = week) =>
    buildReport(
      catalog,
      index,
      { metric: catalog.get(key)!, period, segments: segmentsWanted, compare: { previous: true, yearAgo: period === week } },
      today,
    );
  const notes: DigestData['notes'] = { 'zh-CN': [], en: [] };
  const lines = (list: string[]) =>
    list
      .filter((k) => catalog.get(k))
      .map((k) => {
        const r = report(k, 'total', cohortWindows.get(k) ?? week);
        for (const locale of ['zh-CN', 'en'] as const) notes[locale].push(...valueNotes(catalog, k, r.total.current, locale));
        return line(catalog, r, cohortWindows.get(k));
      });

  const headline = lines(HEADLINE);
  const operations = lines(OPERATIONS);
  const customBusiness = catalog
    .list()
    .filter((m) => !m.builtIn && m.team === 'business')
    .map((m) => m.key);
  const business = lines([...BUSINESS, ...customBusiness]);

  // Channels: one report per column, joined by segment; the total row from sums, never from the rows.
  const channelReports = Object.fromEntries(CHANNEL.map((k) => [k, report(k, 'each')])) as Record<string, MetricReport>;
  const bySegment = (k: string, s: string) => channelReports[k]!.rows.find((r) => r.segment === s);
  const paidSpend = computeMetric(ctx, 'spend', { kind: 'paid' }, week.from, week.to).value;
  const channelOf = (s: string): DigestChannel => {
    const roi = bySegment('roi', s);
    const spend = bySegment('spend', s)?.current.value ?? null;
    return {
      segment: s,
      names: segmentNames(segments, s),
      kind: catalog.kindOf(s),
      spendShare: spend !== null && paidSpend ? spend / paidSpend : null,
      spend: bySegment('spend', s)?.current.value ?? null,
      newUsers: bySegment('new_users', s)?.current.value ?? null,
      cac: bySegment('cac', s)?.current.value ?? null,
      revenue: bySegment('revenue', s)?.current.value ?? null,
      roi: roi?.current.value ?? null,
      roiPrevious: roi?.previous?.value ?? null,
      roiChange: roi?.change ?? null,
    };
  };
  // Every channel with data in the week, organic ones too (their ROI and CAC are n/a: they are not paid).
  const channelKeys = index.segments(['spend', 'new_users', 'revenue']);
  const order = new Map(channelReports.roi!.rows.map((r, i) => [r.segment, i]));
  const channels = channelKeys
    .sort((a, b) => (order.get(a) ?? 1e9) - (order.get(b) ?? 1e9) || a.localeCompare(b))
    .map((s) => channelOf(s))
    .filter((c) => c.spend !== null || c.newUsers !== null || c.revenue !== null);
  const total = (k: string) => channelReports[k]!.total;
  const paid = (k: string) => computeMetric(ctx, k, { kind: 'paid' }, week.from, week.to).value;
  const channelTotal: DigestChannel | undefined = channels.length
    ? {
        segment: '',
        names: PAID_TOTAL,
        spendShare: null,
        spend: paidSpend,
        newUsers: paid('new_users'),
        cac: total('cac').current.value,
        revenue: paid('revenue'),
        roi: total('roi').current.value,
        roiPrevious: total('roi').previous?.value ?? null,
        roiChange: total('roi').change ?? null,
      }
    : undefined;

  // ROI per channel per week: the paid channels that spent the most in the digest's week (at most 8, none
  // under the minimum share of paid spend: a ¥0.06 channel would stretch the axis), and the paid total.
  const { minSpendShare } = metricSettings(workspace);
  const small = (c: DigestChannel) => c.kind === 'paid' && c.spend !== null && c.spend > 0 && (c.spendShare ?? 0) < minSpendShare;
  const charted = channels
    .filter((c) => c.kind === 'paid' && c.spend !== null && c.spend > 0 && !small(c))
    .sort((a, b) => (b.spend as number) - (a.spend as number))
    .slice(0, MAX_CHART_CHANNELS);
  const weeks = splitPeriod(window, 'week', today);
  const roiSeries: DigestData['roiSeries'] = [];
  const series: { segment: string; names: Names; scope: SegmentScope }[] = [
    ...charted.map((c) => ({ segment: c.segment, names: c.names, scope: { kind: 'segments', segments: [c.segment] } as SegmentScope })),
    { segment: '', names: PAID_TOTAL, scope: { kind: 'total' } },
  ];
  for (const l of series)
    for (const w of weeks) {
      const v = computeMetric(ctx, 'roi', l.scope, w.from, w.to).value;
      if (v !== null) roiSeries.push({ week: w.label, segment: l.segment, names: l.names, roi: v });
    }

  const cohorts: DigestCohort[] = weeks.slice(-COHORT_WEEKS).map((w) => {
    const whole: SegmentScope = { kind: 'total' };
    const dn = (n: 1 | 7 | 30) => computeMetric(ctx, `retention_d${n}`, whole, w.from, w.to);
    const [d1, d7, d30] = [dn(1), dn(7), dn(30)];
    const partial = (v: typeof d1) => v.value !== null && v.to < w.to;
    return {
      label: w.label,
      from: w.from,
      to: w.to,
      newUsers: computeMetric(ctx, 'new_users', whole, w.from, w.to).value,
      retention: { d1: d1.value, d7: d7.value, d30: d30.value },
      partial: { d1: partial(d1), d7: partial(d7), d30: partial(d30) },
    };
  });

  // D1 retention of the week's cohorts against the week before's, read off the cohort table (not computed again):
  // the number the meeting asks about beside the headline's D7.
  const cohortOf = (from: string) => cohorts.find((c) => c.from === from);
  const d1 = catalog.get('retention_d1');
  const [d1Now, d1Before] = [cohortOf(week.from), cohortOf(previous.from)];
  const retention: DigestLine[] = d1
    ? [
        {
          key: d1.key,
          names: names(catalog, d1.key),
          unit: d1.unit,
          direction: d1.direction,
          current: d1Now?.retention.d1 ?? null,
          previous: d1Before?.retention.d1 ?? null,
          yearAgo: null,
          change: changeFor(d1.unit, d1Now?.retention.d1 ?? null, d1Before?.retention.d1 ?? null),
          yoy: null,
          partial: d1Now?.partial.d1 ?? false,
        },
      ]
    : [];

  const stale = staleMetrics(catalog, index, week, ctx.asOf);
  const offTarget: DigestOffTarget[] = [];
  for (const [key, target] of Object.entries(targets)) {
    const m = catalog.get(key);
    if (!m) continue;
    const value = computeMetric(ctx, key, { kind: 'total' }, week.from, week.to).value;
    if (value === null) continue;
    const missed = target.op === '>=' ? value < target.value : value > target.value;
    const gap = target.value === 0 ? Math.abs(value) : Math.abs(value - target.value) / Math.abs(target.value);
    if (missed && gap >= FAR_OFF_TARGET) offTarget.push({ key, names: names(catalog, key), unit: m.unit, value, target, gap });
  }
  offTarget.sort((a, b) => b.gap - a.gap);

  // The week's instants in the workspace's timezone: Monday 00:00 there until the next Monday 00:00.
  const from = startOfDayInZone(week.from, workspace.timezone);
  const to = startOfDayInZone(addDays(week.to, 1), workspace.timezone);
  const [everyAlert, agenda] = await Promise.all([
    options.sources?.alertsOfWeek?.(workspace.id, from, to) ?? [],
    options.sources?.agenda?.(workspace.id, from, to) ?? [],
  ]);
  // The week's alerts are those opened in it (in the workspace's timezone), whatever they became since.
  const alerts = everyAlert.filter((a) => a.firedAt >= from && a.firedAt < to);
  const openSince = everyAlert.filter((a) => a.firedAt >= to && a.firedAt <= now && a.state !== 'resolved');
  const hasYearAgo = headline.some((l) => l.yearAgo !== null);
  const sourceList = store.sources ? await store.sources.statuses(workspace.id) : [];
  const stoppedSources = staleSources(sourceList, now).map(({ name, since }) => ({ name, since }));
  const { meeting, members, segments: segmentStore, observations } = store;
  const meetingItems =
    meeting && members
      ? await loadMeetingItems({ meeting, members, segments: segmentStore, observations }, workspace, catalog, week, today)
      : undefined;
  const why = headlineWhy(ctx, catalog, segments, week, previous);
  return {
    workspace: { id: workspace.id, name: workspace.name, timezone: workspace.timezone, currency: workspace.currency },
    week,
    previous,
    ...(hasYearAgo ? { yearAgo } : {}),
    asOf: ctx.asOf,
    headline,
    ...(why ? { why } : {}),
    channels,
    channelTotal,
    roiSeries,
    blended: channels.length
      ? {
          revenue: total('revenue').current.value,
          roi: computeMetric(ctx, 'roi_blended', { kind: 'total' }, week.from, week.to).value,
          cac: computeMetric(ctx, 'cac_blended', { kind: 'total' }, week.from, week.to).value,
        }
      : undefined,
    minSpendShare,
    smallChannels: channels.filter(small).map((c) => c.segment),
    notes: { 'zh-CN': [...new Set(notes['zh-CN'])], en: [...new Set(notes.en)] },
    cohorts,
    operations,
    business,
    retention,
    stale,
    ...(stoppedSources.length ? { staleSources: stoppedSources } : {}),
    alerts,
    openSince,
    agenda,
    offTarget,
    metrics: Object.fromEntries(catalog.list().map((m) => [m.key, { names: names(catalog, m.key), unit: m.unit }])),
    ...(meetingItems ? { meeting: meetingItems } : {}),
  };
}

/**
 * Metrics whose data stopped arriving: a metric that arrived daily in the 4 weeks before (≥ 20 days) and
 * whose last day is before the week's end (cohort counts lag by their n days), or any metric that had
 * data in those 4 weeks and none this week.
 */
function staleMetrics(catalog: MetricCatalog, index: ComputeContext['index'], week: Period, asOf: string): DigestStale[] {
  const out: DigestStale[] = [];
  const before = { from: addDays(week.from, -28), to: addDays(week.from, -1) };
  for (const key of WATCHED) {
    const def = catalog.get(key);
    if (def?.kind !== 'base') continue;
    const earlier = index.daysIn(key, before.from, before.to).length;
    if (earlier === 0) continue;
    const lag = def.cohortDay ?? 0;
    const expected = addDays(asOf, -lag) < week.to ? addDays(asOf, -lag) : week.to;
    const inWeek = index.daysIn(key, week.from, week.to);
    const last = index.daysIn(key, before.from, week.to).at(-1);
    const daily = earlier >= DAILY_DAYS;
    if ((daily && last !== undefined && last < expected) || (inWeek.length === 0 && expected >= week.from))
      out.push({ key, names: { 'zh-CN': def.names['zh-CN'], en: def.names.en }, lastDay: last });
  }
  return out;
}
