import type { Locale } from './locale.ts';

// "Why did it move" (per-channel rate and mix) and the anomaly rule's sentences.
export const WHY_MESSAGES = {
  'why.header': {
    'zh-CN': '**为什么变化**：{metric} 从 {previous} 到 {current}（{change}，{from}…{to} 对比 {prevFrom}…{prevTo}）',
    en: '**Why it moved**: {metric} from {previous} to {current} ({change}, {from}…{to} against {prevFrom}…{prevTo})',
  },
  'why.part': {
    'zh-CN': '{segment} {contribution}（自身{metric} {rate} · 占比变化 {mix}）',
    en: '{segment} {contribution} (own {metric} {rate} · share {mix})',
  },
  'why.rest': { 'zh-CN': '其余 {n} 个渠道合计 {contribution}', en: 'the other {n} channels {contribution} together' },
  'why.named': { 'zh-CN': '主要来自 {names}（占变化的 {share}）', en: 'Mostly {names} ({share} of the change)' },
  'why.flat': { 'zh-CN': '{metric} 与上期持平。', en: '{metric} did not change.' },
  'why.whole': { 'zh-CN': '未分渠道（整体数据）', en: 'not by channel (whole-product rows)' },
  'why.unsupported': {
    'zh-CN': '{metric} 不是渠道数据之和的比值（如 DAU/MAU、NPS 平均分），无法按渠道拆分。',
    en: '{metric} is not a ratio of sums over channels (like DAU/MAU or an NPS average): it cannot be split by channel.',
  },
  'why.na': {
    'zh-CN': '{metric} 在 {period} 或上一期没有数值（n/a），无法解释变化。',
    en: '{metric} has no value (n/a) in {period} or the period before: there is no change to explain.',
  },
  'rule.anomaly': {
    'zh-CN': '出现异常（对比同星期几、节假日对比去年同期；灵敏度{sensitivity}，{direction}{min}）',
    en: 'is unusual for the day (against the same weekday; holidays against last year; {sensitivity} sensitivity, {direction}{min})',
  },
  'anomaly.sensitivity.low': { 'zh-CN': '低', en: 'low' },
  'anomaly.sensitivity.medium': { 'zh-CN': '中', en: 'medium' },
  'anomaly.sensitivity.high': { 'zh-CN': '高', en: 'high' },
  'anomaly.direction.bad': { 'zh-CN': '只看变差方向', en: 'the bad direction only' },
  'anomaly.direction.any': { 'zh-CN': '双向', en: 'either direction' },
  'anomaly.min': { 'zh-CN': '，至少偏离 {min}', en: ', at least {min} off' },
  'anomaly.expected': {
    'zh-CN': '预期 {expected}（正常范围 {low} … {high}），{reason}',
    en: 'Expected {expected} (normal range {low} … {high}), {reason}',
  },
  'backtest.none': {
    'zh-CN': '回测：过去 {days} 天这条规则一次也不会触发。',
    en: 'Backtest: over the last {days} days this rule would not have fired.',
  },
  'backtest.fired': {
    'zh-CN': '回测：过去 {days} 天会触发 {n} 次：{list}',
    en: 'Backtest: over the last {days} days it would have fired {n} times: {list}',
  },
  'backtest.firedOnce': {
    'zh-CN': '回测：过去 {days} 天会触发 1 次：{list}',
    en: 'Backtest: over the last {days} days it would have fired once: {list}',
  },
  'backtest.more': { 'zh-CN': '等', en: '…' },
  'backtest.history': {
    'zh-CN': '（{subjects} 的历史不足 4 周，暂不判断）',
    en: '({subjects}: less than 4 weeks of history, not judged yet)',
  },
  'error.kpiWhyNeeds': { 'zh-CN': '请写出指标，例如 /kpi why roi 上周', en: 'Name a metric, e.g. /kpi why roi last-week' },
} as const satisfies Record<string, Record<Locale, string>>;
