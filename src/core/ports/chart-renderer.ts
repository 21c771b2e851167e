import type { Locale } from '../i18n/locale.ts';

/** A line chart as the core describes it: labelled points per series, in the reader's language. */
export interface LineChart {
  /** Stable name, used in file names and image keys: `channel-roi`, `retention`. */
  key: string;
  title: string;
  subtitle?: string;
  locale: Locale;
  xTitle: string;
  yTitle: string;
  seriesTitle: string;
  /** The x labels in order (weeks `W47`, or `D1`, `D7`, `D30`). */
  xOrder: string[];
  /** The series in legend order. */
  seriesOrder: string[];
  /** Values in the unit of `yFormat`: 0.25 is 25% for `percent`. */
  points: { x: string; series: string; y: number }[];
  yFormat: 'percent' | 'number';
  /** A series drawn dark and dashed (the total among channels). */
  highlight?: string;
  /** A reference line (0% for ROI: above it the channel pays back). */
  rule?: number;
}

/** Turns a chart into a PNG (the edge implements it with vega-lite and resvg and a shipped CJK font). */
export interface ChartRenderer {
  renderPng(chart: LineChart): Promise<Uint8Array>;
}
