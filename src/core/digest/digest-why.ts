// The digest headline's "why it moved": the first headline ratio (paid ROI, else blended ROI, else CAC) whose
// week moved, split into the channels' rate and mix parts.
import { whyText } from '../format/why-text.ts';
import type { Locale } from '../i18n/locale.ts';
import type { MetricCatalog } from '../metrics/metric-catalog.ts';
import type { MetricDefinition, WhyMoved } from '../metrics/metric-definition.ts';
import type { ComputeContext } from '../metrics/metric-scope.ts';
import { whyMoved } from '../metrics/why-moved.ts';
import type { Segment } from '../ports/catalog.ts';
import { segmentName } from '../segments/resolve-segment.ts';
import type { Period } from '../time/period.ts';

/** The metrics the headline explains, first that moved wins. */
export const WHY_METRICS = ['roi', 'roi_blended', 'cac'];

type Names = Record<Locale, string>;

export interface DigestWhy {
  metric: MetricDefinition;
  why: WhyMoved;
  /** The display names of the segments the parts name. */
  names: Record<string, Names>;
}

export function headlineWhy(
  ctx: ComputeContext,
  catalog: MetricCatalog,
  segments: Segment[],
  week: Period,
  previous: Period,
): DigestWhy | undefined {
  for (const key of WHY_METRICS) {
    const metric = catalog.get(key);
    if (!metric) continue;
    const result = whyMoved(ctx, key, week, previous);
    if (result.kind !== 'ok' || result.why.change === 0) continue;
    const names: Record<string, Names> = {};
    for (const p of result.why.parts) {
      const s = segments.find((x) => x.key === p.segment) ?? p.segment;
      names[p.segment] = { 'zh-CN': segmentName(s, 'zh-CN'), en: segmentName(s, 'en') };
    }
    return { metric, why: result.why, names };
  }
  return undefined;
}

/** The block under the headline, in the reader's language. */
export function digestWhyText(d: DigestWhy, locale: Locale, currency: string): string {
  return whyText(d.why, d.metric, locale, currency, (s) => d.names[s]?.[locale] ?? s);
}
