import type { BaseMetric, DerivedMetric, MetricDefinition } from './metric-definition.ts';

type BaseSpec = Omit<BaseMetric, 'kind' | 'builtIn' | 'acrossSegments' | 'description'> & {
  acrossSegments?: 'sum' | 'average';
  zh: string;
  en: string;
};
type DerivedSpec = Omit<DerivedMetric, 'kind' | 'builtIn' | 'description'> & { zh: string; en: string };

export const base = ({ zh, en, acrossSegments = 'sum', ...m }: BaseSpec): BaseMetric => ({
  ...m,
  kind: 'base',
  builtIn: true,
  acrossSegments,
  description: { 'zh-CN': zh, en },
});
export const derived = ({ zh, en, ...m }: DerivedSpec): DerivedMetric => ({
  ...m,
  kind: 'derived',
  builtIn: true,
  description: { 'zh-CN': zh, en },
});

const retention = (n: number, zhName: string, aliases: string[]): MetricDefinition[] => [
  base({
    key: `retained_d${n}`,
    names: { 'zh-CN': `${n === 1 ? '次日' : `${n}日`}留存人数`, en: `Retained users D${n}` },
    aliases: [`d${n}_retained`],
    unit: 'count',
    direction: 'up',
    team: 'operations',
    aggregation: 'sum',
    cohortDay: n,
    valueRule: 'count',
    zh: `当天新增用户中第 ${n} 天仍活跃的人数，记在新增当天`,
    en: `Users of a day's cohort active on day ${n}, recorded on the cohort's day`,
  }),
  derived({
    key: `retention_d${n}`,
    names: { 'zh-CN': zhName, en: `D${n} retention` },
    aliases: [`d${n}`, `day${n}`, `d${n}_retention`, ...aliases],
    unit: 'percent',
    direction: 'up',
    team: 'operations',
    formula: `retained_d${n} / new_users`,
    maturityDays: n,
    zh: `Σ第 ${n} 日留存人数 / Σ新增用户，只算满 ${n} 天的同期群`,
    en: `Σ retained on day ${n} / Σ new users, over cohorts at least ${n} days old`,
  }),
];

/** The horizons (days) cohort revenue and LTV exist for. */
export const COHORT_REVENUE_DAYS = [7, 30, 90, 180] as const;

const lifetimeValue = (n: number): MetricDefinition[] => [
  base({
    key: `cohort_revenue_d${n}`,
    names: { 'zh-CN': `同期群 ${n} 日收入`, en: `Cohort revenue D${n}` },
    aliases: [`revenue_d${n}`, `cohort_revenue${n}`, `${n}日同期群收入`],
    unit: 'currency',
    direction: 'up',
    team: 'business',
    aggregation: 'sum',
    cohortDay: n,
    // Net of refunds: a cohort whose refunds outweigh its purchases (cancelling what it bought before the log) is negative.
    zh: `当天新增用户在 ${n} 天内（含新增当天）带来的收入，扣除退款，记在新增当天`,
    en: `Revenue, net of refunds, from a day's new users within ${n} days (the acquisition day included), recorded on the cohort's day`,
  }),
  derived({
    key: `ltv_d${n}`,
    names: { 'zh-CN': `${n}日 LTV`, en: `LTV D${n}` },
    aliases: [`ltv${n}`, `${n}日ltv`],
    unit: 'currency',
    direction: 'up',
    team: 'business',
    formula: `cohort_revenue_d${n} / new_users`,
    maturityDays: n,
    zh: `Σ同期群 ${n} 日收入 / Σ新增用户，只算满 ${n} 天的同期群`,
    en: `Σ cohort revenue within ${n} days / Σ new users, over cohorts at least ${n} days old`,
  }),
];

/** Dn retention and cohort LTV: cohort series by acquisition day and the ratios over mature cohorts. */
export const COHORT_METRICS: readonly MetricDefinition[] = [
  ...retention(1, '次日留存', ['次留', '次日留存率', '1日留存']),
  ...retention(7, '7日留存', ['7留', '七留', '七日留存', '7日留存率']),
  ...retention(30, '30日留存', ['30留', '月留', '三十日留存', '30日留存率']),
  ...COHORT_REVENUE_DAYS.flatMap(lifetimeValue),
];

/** LTV at the workspace's horizon, and LTV/CAC over paid channels' mature cohorts. */
export function ltvMetrics(horizon: number): MetricDefinition[] {
  return [
    derived({
      key: 'ltv',
      names: { 'zh-CN': 'LTV', en: 'LTV' },
      aliases: ['lifetime_value', '生命周期价值', '用户终身价值'],
      unit: 'currency',
      direction: 'up',
      team: 'business',
      formula: `ltv_d${horizon}`,
      zh: `${horizon} 日同期群 LTV：Σ同期群 ${horizon} 日收入 / Σ新增用户，只算满 ${horizon} 天的同期群（不是 ARPU）`,
      en: `Cohort LTV at ${horizon} days: Σ cohort revenue within ${horizon} days / Σ new users, over cohorts at least ${horizon} days old (not ARPU)`,
    }),
    derived({
      key: 'ltv_cac',
      names: { 'zh-CN': 'LTV/CAC', en: 'LTV/CAC' },
      aliases: ['ltv/cac', 'ltvcac', '获客回报比'],
      unit: 'ratio',
      direction: 'up',
      team: 'business',
      formula: 'ltv / cac',
      channels: 'paid',
      zh: `付费渠道同期群的 ${horizon} 日 LTV / 同一批同期群的付费获客成本`,
      en: `LTV at ${horizon} days of paid channels' cohorts / paid CAC of the same cohorts`,
    }),
  ];
}
