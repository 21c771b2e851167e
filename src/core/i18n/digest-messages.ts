import type { Locale } from './locale.ts';

// Every user-facing sentence of the weekly digest and /growth digest, in Simplified Chinese and English.
export const DIGEST_MESSAGES = {
  'digest.title': { 'zh-CN': '增长周报 · {week}', en: 'Weekly growth digest · {week}' },
  'digest.context': {
    'zh-CN': '{workspace} · {from} … {to}（{timezone}）· 对比上周 {previous}{yearAgo} · 数据截至 {asOf}',
    en: '{workspace} · {from} … {to} ({timezone}) · vs the week before {previous}{yearAgo} · data as of {asOf}',
  },
  'digest.contextYearAgo': { 'zh-CN': ' 和去年同周 {week}', en: ' and the same week last year {week}' },
  'digest.headline': { 'zh-CN': '核心指标', en: 'Headline' },
  'digest.marketing': { 'zh-CN': '市场 · 渠道', en: 'Marketing · channels' },
  'digest.operations': { 'zh-CN': '运营 · 留存与活跃', en: 'Operations · retention and activity' },
  'digest.business': { 'zh-CN': '商务', en: 'Business' },
  'digest.alerts': { 'zh-CN': '本周预警', en: 'Alerts of the week' },
  'digest.agenda': { 'zh-CN': '会议议程建议', en: 'Suggested agenda' },
  'digest.dataNotes': { 'zh-CN': '数据提醒', en: 'Data notes' },
  'digest.wow': { 'zh-CN': '环比', en: 'WoW' },
  'digest.yoy': { 'zh-CN': '同比', en: 'YoY' },
  'digest.lastWeek': { 'zh-CN': '上周', en: 'last week' },
  'digest.partialMark': {
    'zh-CN': '† 只算已满 n 天的同期群（本周较晚的新用户还未到第 n 天）',
    en: '† cohorts at least n days old only (the week’s later cohorts have not reached day n yet)',
  },
  'digest.col.roiChange': { 'zh-CN': 'ROI 环比', en: 'ROI vs prev.' },
  'digest.col.newUsers': { 'zh-CN': '新增', en: 'New users' },
  'digest.col.cohortWeek': { 'zh-CN': '同期群（周）', en: 'Cohort week' },
  'digest.bestMover': {
    'zh-CN': '进步最大：{channel} ROI {change}（{from} → {to}）',
    en: 'Best mover: {channel} ROI {change} ({from} → {to})',
  },
  'digest.worstMover': {
    'zh-CN': '下滑最多：{channel} ROI {change}（{from} → {to}）',
    en: 'Worst mover: {channel} ROI {change} ({from} → {to})',
  },
  'digest.largestFall': {
    'zh-CN': '下滑最多（所有渠道都在下滑）：{channel} ROI {change}（{from} → {to}）',
    en: 'Largest fall (every channel fell): {channel} ROI {change} ({from} → {to})',
  },
  'digest.largestRise': {
    'zh-CN': '进步最大（所有渠道都在上升）：{channel} ROI {change}（{from} → {to}）',
    en: 'Largest rise (every channel rose): {channel} ROI {change} ({from} → {to})',
  },
  'digest.smallChannels': {
    'zh-CN': '花费占比不足 {share} 的渠道不计入涨跌榜，也不画在图上：{channels}',
    en: 'Channels under {share} of paid spend are not movers and not on the chart: {channels}',
  },
  'digest.chart.leftOut': {
    'zh-CN': '未画出（花费占比不足 {share}）：{channels}',
    en: 'not shown (under {share} of paid spend): {channels}',
  },
  'digest.cohortWindow': { 'zh-CN': '{from} … {to} 的同期群', en: 'cohorts of {from} … {to}' },
  'digest.chart.roi': { 'zh-CN': '渠道 ROI · 近 {weeks} 周', en: 'Channel ROI · last {weeks} weeks' },
  'digest.chart.roiAlt': {
    'zh-CN': '折线图：{channels} 近 {weeks} 周每周的 ROI',
    en: 'Line chart: weekly ROI of {channels} over the last {weeks} weeks',
  },
  'digest.chart.retention': { 'zh-CN': '同期群留存曲线 · D1 / D7 / D30', en: 'Cohort retention curves · D1 / D7 / D30' },
  'digest.chart.retentionAlt': {
    'zh-CN': '折线图：最近 {cohorts} 个周同期群的 D1、D7、D30 留存',
    en: 'Line chart: D1, D7 and D30 retention of the last {cohorts} weekly cohorts',
  },
  'digest.chart.week': { 'zh-CN': 'ISO 周', en: 'ISO week' },
  'digest.chart.channel': { 'zh-CN': '渠道', en: 'Channel' },
  'digest.chart.day': { 'zh-CN': '新增后第 n 天', en: 'Days after sign-up' },
  'digest.chart.retentionAxis': { 'zh-CN': '留存率', en: 'Retention' },
  'digest.chart.cohort': { 'zh-CN': '同期群', en: 'Cohort' },
  'digest.chart.roiSubtitle': {
    'zh-CN': 'ROI = (收入 − 花费) / 花费，按周合计 · 0% 以上即回本',
    en: 'ROI = (revenue − spend) / spend from weekly sums · above 0% pays back',
  },
  'digest.chart.retentionSubtitle': {
    'zh-CN': 'Σ第 n 日留存 / Σ新增，只算满 n 天的同期群',
    en: 'Σ retained on day n / Σ new users, mature cohorts only',
  },
  'digest.chartsInThread': { 'zh-CN': '📈 图表在本条消息的回复中：{charts}', en: '📈 Charts are in this message’s thread: {charts}' },
  'digest.chartsInChannel': {
    'zh-CN': '📈 图表在 {channel} 的周报消息回复中：{charts}',
    en: '📈 Charts are in the digest’s thread in {channel}: {charts}',
  },
  'digest.alertsSummary': {
    'zh-CN': '本周触发 {fired} · 已确认 {acknowledged} · 已暂停提醒 {snoozed} · 已解决 {resolved} · 仍未解决 {open}',
    en: 'Fired this week {fired} · acknowledged {acknowledged} · snoozed {snoozed} · resolved {resolved} · still open {open}',
  },
  'digest.alertLine': {
    'zh-CN': '{icon} {rule} · {metric}{segment} · {state} · 负责人 {owners}',
    en: '{icon} {rule} · {metric}{segment} · {state} · owner {owners}',
  },
  'digest.noOwner': { 'zh-CN': '未指定', en: 'none' },
  'digest.more': { 'zh-CN': '… 另有 {count} 条', en: '… and {count} more' },
  'digest.state.firing': { 'zh-CN': '未处理', en: 'open' },
  'digest.state.acknowledged': { 'zh-CN': '已确认', en: 'acknowledged' },
  'digest.state.snoozed': { 'zh-CN': '已暂停提醒', en: 'snoozed' },
  'digest.state.resolved': { 'zh-CN': '已解决', en: 'resolved' },
  'digest.agendaRule': {
    'zh-CN': '{note}：{metric}{segment} {value}（阈值 {threshold}）',
    en: '{note}: {metric}{segment} {value} (threshold {threshold})',
  },
  'digest.agendaTarget': {
    'zh-CN': '{metric} 偏离目标：{value}，目标 {op} {target}（差 {gap}）',
    en: '{metric} is far off target: {value} against {op} {target} ({gap} off)',
  },
  'digest.stale': { 'zh-CN': '⚠️ {metric} 的数据自 {day} 之后没有再到达', en: '⚠️ {metric}: no data has arrived since {day}' },
  'digest.staleNone': { 'zh-CN': '⚠️ {metric} 本周没有数据', en: '⚠️ {metric}: no data this week' },
  'digest.empty': {
    'zh-CN': '{week} 没有可汇报的数据。导入 CSV 或用 /kpi log 记录后再试。',
    en: 'There is no data to report for {week}. Import a CSV or log values with /kpi log, then try again.',
  },
  'digest.footer': {
    'zh-CN': '口径：派生指标都由周内合计计算，不取日比率平均；分母为 0 显示 n/a；基数为负或为 0 时环比显示绝对变化。',
    en: 'Definitions: derived metrics come from weekly sums, never averages of daily ratios; a zero denominator is n/a; from a zero or negative base the change is absolute.',
  },
  'digest.preview': { 'zh-CN': '预览（仅你可见，未发送）', en: 'Preview (only you see this; nothing was sent)' },
  'digest.previewShared': {
    'zh-CN': '预览（本会话的成员都能看到，未发送）',
    en: 'Preview (everyone in this chat sees it; nothing was sent)',
  },
  'digest.sent': { 'zh-CN': '周报 {week} 已排入发送：{channel}{managers}', en: 'Digest {week} is on its way to {channel}{managers}' },
  'digest.sentManagers': { 'zh-CN': '，并私信 {count} 位管理者', en: ', and by direct message to {count} manager(s)' },
  'digest.alreadySent': {
    'zh-CN': '周报 {week} 这一次已经排入发送，不会重复发送。',
    en: 'Digest {week} was already queued this time; it will not be sent twice.',
  },
  'digest.noChannel': {
    'zh-CN': '还没有设置周报频道：先用 /growth digest channel #频道 设置。',
    en: 'No digest channel yet: set one with /growth digest channel #channel first.',
  },
  'digest.settingsHeader': { 'zh-CN': '周报设置', en: 'Digest settings' },
  'digest.setting.schedule': { 'zh-CN': '发送时间', en: 'Schedule' },
  'digest.setting.channel': { 'zh-CN': '频道', en: 'Channel' },
  'digest.setting.managers': { 'zh-CN': '私信管理者', en: 'Managers (by DM)' },
  'digest.notSet': { 'zh-CN': '未设置', en: 'not set' },
  'digest.notScheduled': { 'zh-CN': '设置频道后开始定时发送', en: 'starts once a channel is set' },
  'digest.savedSchedule': { 'zh-CN': '周报发送时间：{schedule}（{timezone}）', en: 'Digest schedule: {schedule} ({timezone})' },
  'digest.savedChannel': { 'zh-CN': '周报将发到 {channel}', en: 'The digest will go to {channel}' },
  'digest.savedManagers': { 'zh-CN': '周报也会私信给：{managers}', en: 'The digest also goes by direct message to: {managers}' },
  'digest.cronHuman': { 'zh-CN': '每{day} {time}', en: 'every {day} at {time}' },
  'digest.defaultSchedule': { 'zh-CN': '（默认）', en: ' (default)' },
  'digest.notAllowedSend': {
    'zh-CN': '只有管理员或管理者可以立即发送周报',
    en: 'Only an admin or a manager can send the digest now',
  },
  'usage.digest': {
    'zh-CN':
      '/growth digest [preview|send] · /growth digest schedule <周三 14:00 | cron> · /growth digest channel <#频道> · /growth digest managers @a @b',
    en: '/growth digest [preview|send] · /growth digest schedule <wed 14:00 | cron> · /growth digest channel <#channel> · /growth digest managers @a @b',
  },
  'usage.digest.example': { 'zh-CN': '/growth digest schedule 周三 14:00', en: '/growth digest schedule wed 14:00' },
  'error.digestAction': {
    'zh-CN': 'digest 后面写 preview、send、schedule、channel 或 managers',
    en: 'digest takes preview, send, schedule, channel or managers',
  },
  'error.badSchedule': {
    'zh-CN': '“{text}”不是发送时间：写“周三 14:00”“wed 14:00”或 cron 表达式（如 0 14 * * 3）',
    en: '"{text}" is not a schedule: write "wed 14:00", "周三 14:00" or a cron expression (e.g. 0 14 * * 3)',
  },
  'error.badChannel': { 'zh-CN': '“{text}”不是频道：写 #频道 或频道 ID', en: '"{text}" is not a channel: write #channel or a channel id' },
  'error.managersNeedMention': { 'zh-CN': '请 @ 至少一位管理者', en: 'Mention at least one manager (@someone)' },
  'error.notAdminDigest': { 'zh-CN': '只有工作区管理员可以修改周报设置', en: 'Only a workspace admin can change the digest settings' },
  'error.badWeek': { 'zh-CN': '“{text}”不是 ISO 周（例如 2026-W47）', en: '"{text}" is not an ISO week (e.g. 2026-W47)' },
} as const satisfies Record<string, Record<Locale, string>>;
