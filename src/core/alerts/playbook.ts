// The seeds' default playbook (PRODUCT.md "Warning rules from the seeds"): ordinary rules, each editable
// or removable afterwards, written in the workspace's language.

import type { Locale } from '../i18n/locale.ts';
import type { NewAlertRule } from '../ports/alerts.ts';
import type { TargetSetting } from './evaluate-rule.ts';

type PlaybookRule = Omit<
  NewAlertRule,
  'workspaceId' | 'createdBy' | 'enabled' | 'owners' | 'segmentOwners' | 'escalateTo' | 'name' | 'note'
> & {
  names: Record<Locale, string>;
  notes: Record<Locale, string>;
};

const common = { repeatMinutes: 24 * 60, escalateAfter: 2, recoveryEvaluations: 2 };

export const PLAYBOOK: readonly PlaybookRule[] = [
  {
    playbookKey: 'roi-slide',
    names: { 'zh-CN': '渠道 ROI 连降', en: 'Channel ROI sliding' },
    metric: 'roi',
    scope: 'each',
    params: { type: 'consecutive', direction: 'fall', days: 3, by: 0.1, unit: 'percent' },
    severity: 'warning',
    notes: { 'zh-CN': '策略复盘', en: 'review the channel strategy (策略复盘)' },
    ...common,
  },
  {
    playbookKey: 'd1-low',
    names: { 'zh-CN': '次日留存过低', en: 'D1 retention low' },
    metric: 'retention_d1',
    scope: 'total',
    params: { type: 'threshold', op: 'below', value: 0.25, window: { kind: 'cohort' } },
    severity: 'warning',
    notes: { 'zh-CN': '体验优化', en: 'improve the first-day experience (体验优化)' },
    ...common,
  },
  {
    playbookKey: 'nps-low',
    names: { 'zh-CN': 'NPS 过低', en: 'NPS low' },
    metric: 'nps',
    scope: 'total',
    params: { type: 'threshold', op: 'below', value: 40, window: { kind: 'rolling', days: 7 } },
    severity: 'warning',
    notes: { 'zh-CN': '用户体验', en: 'look at the user experience (用户体验)' },
    ...common,
  },
  {
    playbookKey: 'ltv-cac-low',
    names: { 'zh-CN': 'LTV/CAC 过低', en: 'LTV/CAC low' },
    metric: 'ltv_cac',
    scope: 'total',
    params: { type: 'threshold', op: 'below', value: 1.5, window: { kind: 'rolling', days: 30 }, agenda: true },
    severity: 'critical',
    notes: { 'zh-CN': '召开市场运营联席会议', en: 'call a joint marketing–operations meeting (市场运营联席会议)' },
    ...common,
  },
  {
    playbookKey: 'cac-target',
    names: { 'zh-CN': '获客成本目标', en: 'CAC target' },
    metric: 'cac',
    scope: 'total',
    params: { type: 'target', window: { kind: 'rolling', days: 7 } },
    severity: 'warning',
    notes: { 'zh-CN': '检查投放效率', en: 'check the efficiency of paid channels' },
    ...common,
  },
  {
    playbookKey: 'd7-target',
    names: { 'zh-CN': '7日留存目标', en: 'D7 retention target' },
    metric: 'retention_d7',
    scope: 'total',
    params: { type: 'target', window: { kind: 'rolling', days: 7 } },
    severity: 'warning',
    notes: { 'zh-CN': '体验优化', en: 'improve onboarding and the first week (体验优化)' },
    ...common,
  },
  {
    playbookKey: 'quiet',
    names: { 'zh-CN': '数据断更', en: 'Data gone quiet' },
    metric: '*',
    scope: 'total',
    params: { type: 'freshness', days: 2 },
    severity: 'info',
    notes: { 'zh-CN': '检查数据同步任务', en: 'check the data sync job' },
    repeatMinutes: 24 * 60,
    recoveryEvaluations: 1,
  },
];

/** The targets the playbook sets where the workspace has none: new-user CAC ≤ 80, D7 retention ≥ 35%. */
export const PLAYBOOK_TARGETS: Record<string, TargetSetting> = {
  cac: { op: '<=', value: 80 },
  retention_d7: { op: '>=', value: 0.35 },
};

export function playbookRules(workspaceId: string, locale: Locale, createdBy: string): NewAlertRule[] {
  return PLAYBOOK.map(({ names, notes, ...rule }) => ({
    ...rule,
    workspaceId,
    name: names[locale],
    note: notes[locale],
    owners: [],
    segmentOwners: {},
    escalateTo: [],
    enabled: true,
    createdBy,
  }));
}
