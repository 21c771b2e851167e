import { formatValue } from '../format/format-value.ts';
import { t } from '../i18n/messages.ts';
import type { LineChart } from '../ports/chart-renderer.ts';
import type { Locale } from '../ports/workspace.ts';
import type { DigestData } from './digest-data.ts';
import { ROI_WEEKS } from './load-digest-data.ts';

export interface ChartTitle {
  key: 'channel-roi' | 'retention';
  title: string;
  altText: string;
}

const roiWeeks = (data: DigestData) => [...new Set(data.roiSeries.map((p) => p.week))];
const cohortsWithRetention = (data: DigestData) => data.cohorts.filter((c) => c.retention.d1 !== null);

/** The charts a digest has data for, with their titles and alt texts in the reader's language. */
export function digestChartTitles(data: DigestData, locale: Locale): ChartTitle[] {
  const out: ChartTitle[] = [];
  if (data.roiSeries.length) {
    const channels = [...new Map(data.roiSeries.map((p) => [p.segment, p.names[locale]])).values()];
    const weeks = Math.min(ROI_WEEKS, roiWeeks(data).length);
    out.push({
      key: 'channel-roi',
      title: t(locale, 'digest.chart.roi', { weeks }),
      altText: t(locale, 'digest.chart.roiAlt', { channels: channels.join(locale === 'zh-CN' ? '、' : ', '), weeks }),
    });
  }
  const cohorts = cohortsWithRetention(data);
  if (cohorts.length)
    out.push({
      key: 'retention',
      title: t(locale, 'digest.chart.retention'),
      altText: t(locale, 'digest.chart.retentionAlt', { cohorts: cohorts.length }),
    });
  return out;
}

/** The channels left off the axis for their small spend, named under the chart. */
function smallChannels(data: DigestData, locale: Locale): string {
  const names = data.channels.filter((c) => data.smallChannels.includes(c.segment)).map((c) => c.names[locale]);
  return names.length
    ? t(locale, 'digest.chart.leftOut', {
        share: formatValue(data.minSpendShare, 'percent', locale),
        channels: names.join(locale === 'zh-CN' ? '、' : ', '),
      })
    : '';
}

/** `2026-W47` → `W47` (the year is in the title), unless the weeks span two years. */
function weekLabel(label: string, years: number): string {
  return years > 1 ? label.replace(/^\d\d/, '') : label.slice(5);
}

/** The digest's charts as line charts: channel ROI over the last 8 weeks, and retention curves of recent weekly cohorts. */
export function digestCharts(data: DigestData, locale: Locale): LineChart[] {
  const titles = digestChartTitles(data, locale);
  const charts: LineChart[] = [];
  for (const title of titles) {
    if (title.key === 'channel-roi') {
      const weeks = roiWeeks(data).sort();
      const years = new Set(weeks.map((w) => w.slice(0, 4))).size;
      // The legend follows the lines from top to bottom in the last week, so a reader matches them at a glance.
      const last = new Map<string, number>();
      for (const p of [...data.roiSeries].sort((a, b) => a.week.localeCompare(b.week))) last.set(p.names[locale], p.roi);
      const series = [...last.keys()].sort((a, b) => (last.get(b) as number) - (last.get(a) as number) || a.localeCompare(b));
      const total = data.roiSeries.find((p) => p.segment === '')?.names[locale];
      charts.push({
        key: title.key,
        title: title.title,
        subtitle: [t(locale, 'digest.chart.roiSubtitle'), smallChannels(data, locale)].filter(Boolean).join(' · '),
        locale,
        xTitle: t(locale, 'digest.chart.week'),
        yTitle: 'ROI',
        seriesTitle: t(locale, 'digest.chart.channel'),
        xOrder: weeks.map((w) => weekLabel(w, years)),
        seriesOrder: series,
        points: data.roiSeries.map((p) => ({ x: weekLabel(p.week, years), series: p.names[locale], y: p.roi })),
        yFormat: 'percent',
        ...(total ? { highlight: total } : {}),
        rule: 0,
      });
    } else {
      const cohorts = cohortsWithRetention(data);
      const points: LineChart['points'] = [];
      for (const c of cohorts)
        for (const n of ['d1', 'd7', 'd30'] as const) {
          const v = c.retention[n];
          if (v !== null) points.push({ x: n.toUpperCase(), series: c.label, y: v });
        }
      charts.push({
        key: title.key,
        title: title.title,
        subtitle: t(locale, 'digest.chart.retentionSubtitle'),
        locale,
        xTitle: t(locale, 'digest.chart.day'),
        yTitle: t(locale, 'digest.chart.retentionAxis'),
        seriesTitle: t(locale, 'digest.chart.cohort'),
        xOrder: ['D1', 'D7', 'D30'],
        seriesOrder: cohorts.map((c) => c.label),
        points,
        yFormat: 'percent',
      });
    }
  }
  return charts;
}
