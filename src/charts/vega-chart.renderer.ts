// LineChart → vega-lite → vega View → SVG → PNG with resvg and the shipped CJK font. No browser, no
// system fonts (loadSystemFonts: false), so a chart is the same on every machine.
import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { ChartRenderer, LineChart } from '../core/ports/chart-renderer.ts';
import { CHART_FONT_FAMILY, chartFontFiles } from './chart-font.ts';
import { lineChartSpec } from './line-chart.spec.ts';
import { estimateTextWidth } from './text-width.ts';

/** Retina: PNGs are drawn at twice the SVG's size. */
export const CHART_SCALE = 2;

let metricsInstalled = false;
function installTextMetrics(): void {
  if (metricsInstalled) return;
  // vega-scenegraph's textMetrics is a mutable singleton; its width decides legend and axis layout.
  // (vega exports it at run time; its typings do not declare it.)
  const metrics = (vega as unknown as { textMetrics: { width: (item: { fontSize?: number }, text: string) => number } }).textMetrics;
  metrics.width = (item, text) => estimateTextWidth(String(text ?? ''), item.fontSize ?? 11);
  metricsInstalled = true;
}

/** The SVG of a chart (what the PNG is drawn from; also what a golden test may compare). */
export async function chartToSvg(chart: LineChart): Promise<string> {
  installTextMetrics();
  const spec = compile(lineChartSpec(chart) as unknown as TopLevelSpec).spec;
  const view = new vega.View(vega.parse(spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** An SVG drawn to PNG with only the shipped font. */
export function svgToPng(svg: string, scale = CHART_SCALE): Uint8Array {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: '#ffffff',
    font: {
      fontFiles: chartFontFiles(),
      loadSystemFonts: false,
      defaultFontFamily: CHART_FONT_FAMILY,
      sansSerifFamily: CHART_FONT_FAMILY,
    },
  });
  return resvg.render().asPng();
}

export function createChartRenderer(): ChartRenderer {
  return {
    async renderPng(chart) {
      return svgToPng(await chartToSvg(chart));
    },
  };
}
