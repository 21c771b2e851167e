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
  /** Cohort counts (retained_dN) are keyed by the cohort's day. */
  cohortDay?: number;
}

export interface DerivedMetric extends CommonDefinition {
  kind: 'derived';
  formula: string;
  /** Dn retention: only cohorts at least N days old at the as-of day count (immature ones are left out). */
  maturityDays?: number;
}

export type MetricDefinition = BaseMetric | DerivedMetric;
