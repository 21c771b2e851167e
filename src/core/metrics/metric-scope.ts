import type { MetricCatalog } from './metric-catalog.ts';
import type { ObservationIndex } from './observation-index.ts';

/**
 * `total`: the whole product (explicit "" rows on a day, else the sum of all segments); `paid`: the paid
 * channels only (never "" rows, which cannot tell paid from organic); or named segments combined.
 */
export type SegmentScope = { kind: 'total' } | { kind: 'paid' } | { kind: 'segments'; segments: string[] };

export interface ComputeContext {
  catalog: MetricCatalog;
  index: ObservationIndex;
  /** The last complete day: cohorts are mature relative to it. */
  asOf: string;
}

/** Whether a segment belongs to a scope ("" belongs to none: the total takes it whole, before any segment). */
export function inScope(catalog: MetricCatalog, scope: SegmentScope, segment: string): boolean {
  if (segment === '') return false;
  if (scope.kind === 'total') return true;
  if (scope.kind === 'paid') return catalog.kindOf(segment) === 'paid';
  return scope.segments.includes(segment);
}

/** The one segment a scope names, when it names exactly one: read with one lookup instead of a pass over every segment. */
export function singleSegment(scope: SegmentScope): string | undefined {
  return scope.kind === 'segments' && scope.segments.length === 1 && scope.segments[0] !== '' ? scope.segments[0] : undefined;
}
