export type MetricUnit = 'currency' | 'percent' | 'count' | 'ratio' | 'score';
export type Direction = 'up' | 'down' | 'neutral';
export type Team = 'marketing' | 'operations' | 'business';
/** How a base metric's daily values become one value for a period. */
export type Aggregation = 'sum' | 'average' | 'last';

interface CommonDefinition {
  key: string;
  names: { 'zh-CN': string; en: string };
  aliases: string[];
  unit: MetricUnit;
  /** Which way is good: `up` for revenue, `down` for CAC, `neutral` for spend. */
  direction: Direction;
  team: Team;
  description: { 'zh-CN': string; en: string };
  builtIn: boolean;
}

export interface BaseMetric extends CommonDefinition {
  kind: 'base';
  aggregation: Aggregation;
  /** How segments combine on one day: counts add up; a score (NPS) is averaged. */
  acrossSegments: 'sum' | 'average';
  /** Cohort series (retained_dN, cohort_revenue_dN) are keyed by the cohort's day. */
  cohortDay?: number;
  /** What a value must satisfy to be stored (checked on every write path). */
  valueRule?: ValueRule;
  /** Only paid channels have it (spend, impressions, clicks): an organic channel's missing value is 0. */
  paidOnly?: boolean;
}

/** nonNegative: money (spend, revenue); count: a whole number ≥ 0; nps: a score within −100…100. */
export type ValueRule = 'nonNegative' | 'count' | 'nps';

export interface DerivedMetric extends CommonDefinition {
  kind: 'derived';
  formula: string;
  /** Dn retention: only cohorts at least N days old at the as-of day count (immature ones are left out). */
  maturityDays?: number;
  /**
   * `paid`: computed over paid channels only (a total sums the paid channels, an organic channel is n/a),
   * so organic users never lower CAC and organic revenue is never a return on spend.
   */
  channels?: 'paid';
}

export type MetricDefinition = BaseMetric | DerivedMetric;

/** One channel's part of a change ("why did it move"); `segment` "" is the whole-product rows no channel owns. */
export interface WhyPart {
  segment: string;
  /** The channel's own ratio moving, weighted by its average share. */
  rate: number;
  /** Its share of the denominator moving, valued at its average ratio (a channel that appears or leaves is all mix). */
  mix: number;
  /** rate + mix. */
  contribution: number;
  previous: { share: number | null; ratio: number | null };
  current: { share: number | null; ratio: number | null };
}

/** A metric's change between two periods, split into channel parts that add up to it exactly. */
export interface WhyMoved {
  metric: string;
  current: { from: string; to: string; value: number };
  previous: { from: string; to: string; value: number };
  /** current − previous, in the metric's own unit (points for a percentage); the parts add up to it. */
  change: number;
  /** Largest contribution first. */
  parts: WhyPart[];
  /** The few channels that explain most of the change (at least 80% of it, at most three). */
  named: string[];
}
