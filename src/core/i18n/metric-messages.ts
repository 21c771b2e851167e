import type { Locale } from './locale.ts';

// Sentences about the definitions themselves: value checks, left-out days, LTV without cohort revenue,
// paid and blended figures, channel kinds and the settings that belong to the definitions.
export const METRIC_MESSAGES = {
  'alert.summaryRecovering': {
    'zh-CN': '**{subject}** 在 {day} 为 **{value}**：已不再{condition} · 正在恢复（{n}/{m} 天正常）。',
    en: '**{subject}** was **{value}** on {day}: no longer {condition} · recovering {n} of {m} days.',
  },
  'alert.noLonger': { 'zh-CN': '已不再{condition}（正在恢复）', en: 'no longer {condition} (recovering)' },
  'error.valueRule': { 'zh-CN': '没有记录：{rule}', en: 'Not recorded: {rule}' },
  'value.retained': {
    'zh-CN': '{metric}（{retained}）不能多于当天同期群的新增用户（{newUsers}）',
    en: '{metric} ({retained}) cannot exceed the new users of its cohort ({newUsers})',
  },
  'note.leftOut': { 'zh-CN': '{days} 天缺少{metric}，未计入', en: '{days} days without {metric} left out' },
  'note.leftOutOne': { 'zh-CN': '1 天缺少{metric}，未计入', en: '1 day without {metric} left out' },
  'note.noCohortRevenue': {
    'zh-CN':
      '还没有同期群收入（{metric}），所以 LTV 为 n/a（不会用 ARPU 代替）：导入带收入的事件日志（growthbeat import-events --revenue …），或按渠道和日期上报 {metric}',
    en: 'No cohort revenue ({metric}) yet, so LTV is n/a (never ARPU): import an event log with revenue (growthbeat import-events --revenue …) or send {metric} by channel and day',
  },
  'note.noMatureCohort': {
    'zh-CN': '这段时间还没有满 {days} 天的同期群（LTV 只算满 {days} 天的同期群）',
    en: 'No cohort in this period is {days} days old yet (LTV counts cohorts at least {days} days old)',
  },
  'note.paid': {
    'zh-CN': 'ROI、获客成本只算付费渠道；混合值含自然流量',
    en: 'ROI and CAC count paid channels only; blended figures include organic',
  },
  'roi.paidTotal': { 'zh-CN': '付费渠道合计', en: 'Paid channels' },
  'roi.blended': {
    'zh-CN': '全部渠道（混合，含自然流量）：收入 {revenue} · 混合 ROI {roi} · 混合获客成本 {cac}',
    en: 'All channels (blended, organic included): revenue {revenue} · blended ROI {roi} · blended CAC {cac}',
  },
  'channel.kind.paid': { 'zh-CN': '付费', en: 'paid' },
  'channel.kind.organic': { 'zh-CN': '自然', en: 'organic' },
  'channel.saved': {
    'zh-CN': '{channel} 现在是{kind}渠道：获客成本、ROI、ROAS {effect}',
    en: '{channel} is now a {kind} channel: CAC, ROI and ROAS {effect}',
  },
  'channel.effect.paid': { 'zh-CN': '会计入它', en: 'count it' },
  'channel.effect.organic': { 'zh-CN': '不再计入它（混合值仍计入）', en: 'leave it out (blended figures keep it)' },
  'channel.header': { 'zh-CN': '渠道类型', en: 'Channel kinds' },
  'channel.kindColumn': { 'zh-CN': '类型', en: 'Kind' },
  'error.channelKind': { 'zh-CN': '请写 organic（自然）或 paid（付费）', en: 'Say organic or paid' },
  'error.channelKindNeeds': {
    'zh-CN': '请写渠道和类型，例如 /growth channel 自然流量 organic',
    en: 'Name a channel and a kind, e.g. /growth channel organic organic',
  },
  'settings.ltv': { 'zh-CN': 'LTV 周期（天）', en: 'LTV horizon (days)' },
  'settings.movers': { 'zh-CN': '涨跌榜最低花费占比', en: 'Movers: minimum share of spend' },
  'settings.admin': { 'zh-CN': '管理频道（发送失败、数据源停止等通知）', en: 'Admin channel (failed deliveries, stopped data sources …)' },
  'settings.badLtv': { 'zh-CN': 'LTV 周期只能是 30、90 或 180 天', en: 'The LTV horizon is 30, 90 or 180 days' },
  'settings.badMovers': { 'zh-CN': '请写 0% 到 50% 之间的占比，例如 5%', en: 'Give a share between 0% and 50%, e.g. 5%' },
  'series.partial': {
    'zh-CN': '† 只覆盖部分周期（周期被截断，或只算已满期的同期群）',
    en: '† covers part of its period (cut by the range, or only its mature cohorts count)',
  },
  'cohorts.partial': {
    'zh-CN': '† 该期只有部分天数的数据（数据截至 {asOf}）',
    en: '† part of the period only (data up to {asOf})',
  },
  'cohorts.trimmed': {
    'zh-CN': '显示最近 {shown}/{total} 个同期群、前 {periods}/{allPeriods} 期；完整矩阵：growthbeat cohorts --json',
    en: 'Showing the latest {shown} of {total} cohorts and {periods} of {allPeriods} periods; the whole matrix: growthbeat cohorts --json',
  },
} as const satisfies Record<string, Record<Locale, string>>;
