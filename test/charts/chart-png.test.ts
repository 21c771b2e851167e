// The charts as images: the PNG against a committed fingerprint (coarse ink grid, tolerant of
// anti-aliasing), retina size, render time, and Chinese glyphs that are real glyphs, not missing-glyph boxes.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHART_FONT_FAMILY } from '../../src/charts/chart-font.ts';
import { CHART_SCALE, chartToSvg, createChartRenderer, svgToPng } from '../../src/charts/vega-chart.renderer.ts';
import type { LineChart } from '../../src/core/ports/chart-renderer.ts';
import { decodePng, inkGrid } from '../helpers/png-decode.ts';

const GOLDEN = join(import.meta.dirname, '../fixtures/charts');
const RESULTS = join(import.meta.dirname, '../../test-results');

const weeks = ['W40', 'W41', 'W42', 'W43', 'W44', 'W45', 'W46', 'W47'];
const roi = (base: number, slope: number) => weeks.map((_, i) => Math.round((base + slope * i) * 1000) / 1000);
const SERIES: [string, number[]][] = [
  ['应用商店', roi(0.6, 0.005)],
  ['小红书', roi(0.45, -0.01)],
  ['整体', roi(0.3, -0.004)],
  ['抖音', roi(0.3, -0.02)],
  ['KOL', roi(-0.1, 0.01)],
];
const chart = (locale: 'zh-CN' | 'en'): LineChart => ({
  key: 'channel-roi',
  title: locale === 'zh-CN' ? '渠道 ROI · 近 8 周' : 'Channel ROI · last 8 weeks',
  subtitle: locale === 'zh-CN' ? 'ROI = (收入 − 花费) / 花费，按周合计' : 'ROI = (revenue − spend) / spend from weekly sums',
  locale,
  xTitle: locale === 'zh-CN' ? 'ISO 周' : 'ISO week',
  yTitle: 'ROI',
  seriesTitle: locale === 'zh-CN' ? '渠道' : 'Channel',
  xOrder: weeks,
  seriesOrder: SERIES.map(([s]) => s),
  points: SERIES.flatMap(([series, ys]) => ys.map((y, i) => ({ x: weeks[i] as string, series, y }))),
  yFormat: 'percent',
  highlight: '整体',
  rule: 0,
});

/** Mean and largest difference of two fingerprints. */
function distance(a: number[], b: number[]): { mean: number; max: number } {
  const d = a.map((v, i) => Math.abs(v - (b[i] ?? 0)));
  return { mean: d.reduce((s, v) => s + v, 0) / d.length, max: Math.max(...d) };
}

const textPng = (text: string) =>
  decodePng(
    svgToPng(
      `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><text x="4" y="52" font-family="${CHART_FONT_FAMILY}" font-size="56">${text}</text></svg>`,
      1,
    ),
  );

describe('chart images', () => {
  for (const locale of ['zh-CN', 'en'] as const) {
    it(`draws the ${locale} channel ROI chart at retina size, matching its golden fingerprint`, async () => {
      const started = performance.now();
      const png = await createChartRenderer().renderPng(chart(locale));
      const ms = performance.now() - started;
      const svg = await chartToSvg(chart(locale));
      const svgWidth = Number(svg.match(/width="(\d+)"/)?.[1]);
      const img = decodePng(png);
      expect(img.width).toBe(svgWidth * CHART_SCALE);
      mkdirSync(RESULTS, { recursive: true });
      writeFileSync(join(RESULTS, `chart-golden-${locale}.png`), png);
      console.log(`[charts] ${locale} channel ROI: ${img.width}x${img.height}, ${png.byteLength} bytes, ${Math.round(ms)} ms`);

      const grid = inkGrid(img, 24, 12);
      const file = join(GOLDEN, `channel-roi.${locale}.ink.json`);
      if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file))
        writeFileSync(file, `${JSON.stringify({ width: img.width, height: img.height, grid })}\n`);
      const golden = JSON.parse(readFileSync(file, 'utf8')) as { width: number; height: number; grid: number[] };
      expect([img.width, img.height]).toEqual([golden.width, golden.height]);
      const d = distance(grid, golden.grid);
      expect(d.mean).toBeLessThan(0.004);
      expect(d.max).toBeLessThan(0.03);
      // Not blank: lines, labels and the legend put ink on the page.
      expect(grid.filter((v) => v > 0.01).length).toBeGreaterThan(grid.length / 4);
    });
  }

  it('draws Chinese with the shipped font: real glyphs, not the missing-glyph box', () => {
    const glyphs = ['渠', '道', '留', '存'].map(textPng);
    const missing = textPng('\uE000'); // private use: no font has it, so this is what a missing glyph looks like
    const ink = (img: ReturnType<typeof textPng>) => inkGrid(img, 1, 1)[0] as number;
    for (const g of glyphs) {
      expect(ink(g)).toBeGreaterThan(0.05);
      expect(distance(inkGrid(g, 8, 8), inkGrid(missing, 8, 8)).mean).toBeGreaterThan(0.02);
    }
    // Boxes would all look alike; real glyphs differ from one another.
    for (let i = 1; i < glyphs.length; i++)
      expect(distance(inkGrid(glyphs[0]!, 8, 8), inkGrid(glyphs[i]!, 8, 8)).mean).toBeGreaterThan(0.02);
  });
});
