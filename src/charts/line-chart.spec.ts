import type { LineChart } from '../core/ports/chart-renderer.ts';
import { CHART_FONT_FAMILY } from './chart-font.ts';

// One palette for every chart: Tableau 10, readable on white and for most colour-blind readers.
const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

const HIGHLIGHT = '#1d2b28';

/** One colour per series in legend order; the highlighted series (the total) dark. */
function colours(chart: LineChart): string[] {
  let next = 0;
  return chart.seriesOrder.map((s) => (s === chart.highlight ? HIGHLIGHT : (PALETTE[next++ % PALETTE.length] as string)));
}

/** A LineChart as a vega-lite spec: one line per series with points, a legend, percent axis, title and subtitle. */
export function lineChartSpec(chart: LineChart): Record<string, unknown> {
  const format = chart.yFormat === 'percent' ? '.0%' : '~s';
  const line = {
    mark: { type: 'line', point: { size: 45, filled: true }, strokeWidth: 2.5, interpolate: 'linear' },
    encoding: {
      x: { field: 'x', type: 'ordinal', sort: chart.xOrder, title: chart.xTitle, axis: { labelAngle: 0, labelPadding: 6 } },
      y: {
        field: 'y',
        type: 'quantitative',
        title: chart.yTitle,
        axis: { format, tickCount: 6 },
        scale: { zero: chart.yFormat === 'percent' },
      },
      color: {
        field: 'series',
        type: 'nominal',
        sort: chart.seriesOrder,
        scale: { domain: chart.seriesOrder, range: colours(chart) },
        legend: { title: chart.seriesTitle, orient: 'right', symbolType: 'stroke', symbolStrokeWidth: 3, labelLimit: 220 },
      },
      ...(chart.highlight
        ? { strokeDash: { condition: { test: `datum.series === ${JSON.stringify(chart.highlight)}`, value: [6, 4] }, value: [1, 0] } }
        : {}),
    },
  };
  const layers: Record<string, unknown>[] = [line];
  if (chart.rule !== undefined)
    layers.unshift({
      data: { values: [{ y: chart.rule }] },
      mark: { type: 'rule', color: '#888', strokeDash: [4, 4], strokeWidth: 1 },
      encoding: { y: { field: 'y', type: 'quantitative' } },
    });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 560,
    height: 300,
    padding: 16,
    background: '#ffffff',
    title: { text: chart.title, ...(chart.subtitle ? { subtitle: chart.subtitle } : {}), anchor: 'start', offset: 12 },
    data: { values: chart.points },
    layer: layers,
    config: {
      font: CHART_FONT_FAMILY,
      title: { fontSize: 18, fontWeight: 'bold', color: '#1d2b28', subtitleFontSize: 12, subtitleColor: '#5f6f6b', subtitlePadding: 6 },
      axis: {
        labelFontSize: 12,
        titleFontSize: 12,
        titleFontWeight: 'normal',
        titleColor: '#5f6f6b',
        labelColor: '#1d2b28',
        gridColor: '#e8edec',
        domainColor: '#9aa7a4',
        tickColor: '#9aa7a4',
      },
      legend: { labelFontSize: 12, titleFontSize: 12, titleFontWeight: 'normal', titleColor: '#5f6f6b' },
      view: { stroke: null },
    },
  };
}
