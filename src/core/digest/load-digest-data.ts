import { type ComputeContext, computeMetric, type SegmentScope } from '../metrics/compute-metric.ts';
import { loadCatalog } from '../metrics/load-catalog.ts';
import type { MetricCatalog } from '../metrics/metric-catalog.ts';
import { buildReport, loadIndex, type MetricReport } from '../metrics/query-metric.ts';
import type { Segment } from '../ports/catalog.ts';
import type { Store } from '../ports/store.ts';
import type { Workspace } from '../ports/workspace.ts';
import { segmentName } from '../segments/resolve-segment.ts';
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

const HEADLINE = ['new_users', 'spend', 'revenue', 'roi', 'cac', 'ltv_cac', 'retention_d7'];
const OPERATIONS = ['dau', 'mau', 'stickiness', 'nps'];
const BUSINESS = ['paying_users', 'arpu', 'ltv', 'roas'];
const CHANNEL = ['spend', 'new_users', 'cac', 'revenue', 'roi'];
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

function line(catalog: MetricCatalog, report: MetricReport): DigestLine {
  const m = report.metric;
  const total = report.total;
  const current = total.current.value;
  return {
    key: m.key,
    names: { 'zh-CN': m.names['zh-CN'], en: m.names.en },
    unit: m.unit,
    direction: m.direction,
    current,
    previous: total.previous?.value ?? null,
    yearAgo: total.yearAgo?.value ?? null,
    change: total.change ?? null,
    yoy: total.yoy ?? null,
    partial: current !== null && total.current.to < report.period.to && catalog.get(m.key)?.kind === 'derived',
  };
}

function segmentNames(segments: Segment[], key: string): Names {
  const s = segments.find((x) => x.key === key) ?? key;
  return { 'zh-CN': segmentName(s, 'zh-CN'), en: segmentName(s, 'en') };
}

/**
 * Reads what the weekly digest shows for `week` (default: the last complete ISO week in the workspace's
 * timezone), with ONE read of the observations; alerts and rule agenda items come from `sources`.
 */
export async function loadDigestData(
  store: Pick<Store, 'observations' | 'metrics' | 'segments'>,
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
    ...new Set([...HEADLINE, ...OPERATIONS, ...BUSINESS, ...CHANNEL, ...RETENTION, ...WATCHED, ...Object.keys(targets)]),
  ].filter((k) => catalog.get(k));
  const index = await loadIndex(store.observations, workspace.id, catalog, keys, [yearAgo, window]);
  const ctx: ComputeContext = { catalog, index, asOf: addDays(today, -1) };
  const report = (key: string, segmentsWanted: 'total' | 'each' = 'total') =>
    buildReport(
      catalog,
      index,
      { metric: catalog.get(key)!, period: week, segments: segmentsWanted, compare: { previous: true, yearAgo: true } },
      today,
    );
  const lines = (list: string[]) => list.filter((k) => catalog.get(k)).map((k) => line(catalog, report(k)));

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
  const channelOf = (s: string): DigestChannel => {
    const roi = bySegment('roi', s);
    return {
      segment: s,
      names: segmentNames(segments, s),
      spend: bySegment('spend', s)?.current.value ?? null,
      newUsers: bySegment('new_users', s)?.current.value ?? null,
      cac: bySegment('cac', s)?.current.value ?? null,
      revenue: bySegment('revenue', s)?.current.value ?? null,
      roi: roi?.current.value ?? null,
      roiPrevious: roi?.previous?.value ?? null,
      roiChange: roi?.change ?? null,
    };
  };
  const channels = channelReports
    .roi!.rows.map((r) => channelOf(r.segment))
    .filter((c) => c.spend !== null || c.newUsers !== null || c.revenue !== null);
  const total = (k: string) => channelReports[k]!.total;
  const channelTotal: DigestChannel | undefined = channels.length
    ? {
        segment: '',
        names: segmentNames(segments, ''),
        spend: total('spend').current.value,
        newUsers: total('new_users').current.value,
        cac: total('cac').current.value,
        revenue: total('revenue').current.value,
        roi: total('roi').current.value,
        roiPrevious: total('roi').previous?.value ?? null,
        roiChange: total('roi').change ?? null,
      }
    : undefined;

  // ROI per channel per week: the channels that spent the most in the digest's week (at most 8), and the total.
  const charted = channels
    .filter((c) => c.spend !== null && c.spend > 0)
    .sort((a, b) => (b.spend as number) - (a.spend as number))
    .slice(0, MAX_CHART_CHANNELS);
  const weeks = splitPeriod(window, 'week', today);
  const roiSeries: DigestData['roiSeries'] = [];
  // Every channel's line, then the whole product's (blended ROI: the only one when revenue is not attributed).
  const series: { segment: string; names: Names; scope: SegmentScope }[] = [
    ...charted.map((c) => ({ segment: c.segment, names: c.names, scope: { kind: 'segments', segments: [c.segment] } as SegmentScope })),
    { segment: '', names: segmentNames(segments, ''), scope: { kind: 'total' } },
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
  const [alerts, agenda] = await Promise.all([
    options.sources?.alertsOfWeek?.(workspace.id, from, to) ?? [],
    options.sources?.agenda?.(workspace.id, from, to) ?? [],
  ]);
  const hasYearAgo = headline.some((l) => l.yearAgo !== null);
  return {
    workspace: { id: workspace.id, name: workspace.name, timezone: workspace.timezone, currency: workspace.currency },
    week,
    previous,
    ...(hasYearAgo ? { yearAgo } : {}),
    asOf: ctx.asOf,
    headline,
    channels,
    channelTotal,
    roiSeries,
    cohorts,
    operations,
    business,
    stale,
    alerts,
    agenda,
    offTarget,
    metrics: Object.fromEntries(catalog.list().map((m) => [m.key, { names: names(catalog, m.key), unit: m.unit }])),
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
