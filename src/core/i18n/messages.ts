import { markup } from '../views/rich-text.ts';
import { ALERT_MESSAGES } from './alert-messages.ts';
import { CHANNEL_MESSAGES } from './channel-messages.ts';
import { CHECKIN_MESSAGES } from './checkin-messages.ts';
import { DELIVERY_MESSAGES } from './delivery-messages.ts';
import { DIGEST_MESSAGES } from './digest-messages.ts';
import { ERROR_MESSAGES } from './error-messages.ts';
import { FEISHU_MESSAGES } from './feishu-messages.ts';
import type { Locale } from './locale.ts';
import { MEETING_MESSAGES } from './meeting-messages.ts';
import { MEMBER_MESSAGES } from './member-messages.ts';
import { METRIC_MESSAGES } from './metric-messages.ts';
import { SOURCE_MESSAGES } from './source-messages.ts';
import { WHY_MESSAGES } from './why-messages.ts';

// Every user-facing sentence of the command layer, in Simplified Chinese and English.
export const COMMAND_MESSAGES = {
  'usage.title': { 'zh-CN': '用法', en: 'Usage' },
  'usage.example': { 'zh-CN': '例如', en: 'Example' },
  'usage.roi': { 'zh-CN': '/roi [渠道|all] [周期]', en: '/roi [channel|all] [period]' },
  'usage.roi.example': { 'zh-CN': '/roi 抖音 上周', en: '/roi douyin last-week' },
  'usage.retention': { 'zh-CN': '/retention [d1|d7|d30|cohorts] [渠道] [周期]', en: '/retention [d1|d7|d30|cohorts] [channel] [period]' },
  'usage.retention.example': { 'zh-CN': '/retention d7 小红书 近30天', en: '/retention d7 xiaohongshu 30d' },
  'usage.kpi': {
    'zh-CN':
      '/kpi log <指标> <数值> [渠道] [日期] · /kpi show <指标> [渠道] [周期] · /kpi why <指标> [周期] · /kpi list · /kpi undo · /kpi delete <指标> [渠道] <日期|周期>',
    en: '/kpi log <metric> <value> [channel] [date] · /kpi show <metric> [channel] [period] · /kpi why <metric> [period] · /kpi list · /kpi undo · /kpi delete <metric> [channel] <day|period>',
  },
  'usage.kpi.example': { 'zh-CN': '/kpi log 花费 12000 抖音 2026-11-20', en: '/kpi log spend 12000 douyin 2026-11-20' },
  'usage.alerts': {
    'zh-CN':
      '/alerts · /alerts playbook on|off · /alerts rules · /alerts rule add <指标> [渠道|每个渠道] <条件> [选项] · /alerts rule edit|remove|on|off <编号> · /alerts channel here · /alerts target <指标> <=|>= <数值> · /alerts reaction <表情名> ack|snooze|resolve|off',
    en: '/alerts · /alerts playbook on|off · /alerts rules · /alerts rule add <metric> [channel|each] <condition> [options] · /alerts rule edit|remove|on|off <#> · /alerts channel here · /alerts target <metric> <=|>= <value> · /alerts reaction <emoji name> ack|snooze|resolve|off',
  },
  'usage.alerts.example': {
    'zh-CN': '/alerts rule add roi 每个渠道 连降 2天 15% 负责人 @小王 备注 策略复盘',
    en: '/alerts rule add roi each falls 2d 15% owner @alice note review the channel',
  },
  'usage.growth': {
    'zh-CN':
      '/growth help · /growth settings [language zh|en · timezone <时区> · currency <币种> · ltv 30|90|180 · movers 5% · admin <#频道>|here] · /growth channels [add|rename|alias|remove …] · /growth channel [<渠道> organic|paid] · /growth owners [<指标> @负责人] · /growth members · /growth digest [preview|send|schedule|channel|managers] · /growth sources [run <名称>] · /growth note <指标或渠道> <说明> · /growth action add <内容> owner @负责人 [due <日期>] [on <指标> [<渠道>]] · /growth actions · /growth action done|drop|edit <编号> · /growth decision <内容> · /growth checkin [schedule <周二 16:00>|off|send|threshold <15%>]',
    en: '/growth help · /growth settings [language zh|en · timezone <zone> · currency <code> · ltv 30|90|180 · movers 5% · admin <#channel>|here] · /growth channels [add|rename|alias|remove …] · /growth channel [<channel> organic|paid] · /growth owners [<metric> @owner] · /growth members · /growth digest [preview|send|schedule|channel|managers] · /growth sources [run <name>] · /growth note <metric or channel> <text> · /growth action add <text> owner @someone [due <day>] [on <metric> [<channel>]] · /growth actions · /growth action done|drop|edit <#> · /growth decision <text> · /growth checkin [schedule <tue 16:00>|off|send|threshold <15%>]',
  },
  'usage.growth.example': { 'zh-CN': '/growth owners roi @小王', en: '/growth owners roi @alice' },
  'periods.hint': {
    'zh-CN': '周期可写：7d、近30天、上周、本月、2026-W47、2026-11、2026-11-01..2026-11-15',
    en: 'Periods: 7d, 30d, last-week, this-month, 2026-W47, 2026-11, 2026-11-01..2026-11-15',
  },
  'error.title': { 'zh-CN': '没看懂这条命令', en: 'I could not read that command' },
  'error.unknownCommand': {
    'zh-CN': '没有命令 {name}。可用：/roi、/retention、/kpi、/alerts、/growth',
    en: 'There is no command {name}. Try /roi, /retention, /kpi, /alerts or /growth',
  },
  'error.unexpected': { 'zh-CN': '多余的“{word}”', en: 'Unexpected "{word}"' },
  'error.tooLong': { 'zh-CN': '命令太长（最多 {max} 个字符）', en: 'The command is too long (at most {max} characters)' },
  'error.kpiLogNeeds': { 'zh-CN': 'kpi log 需要指标和数值', en: 'kpi log needs a metric and a value' },
  'error.kpiShowNeeds': { 'zh-CN': 'kpi show 需要指标名', en: 'kpi show needs a metric' },
  'error.unknownAction': { 'zh-CN': '没有“{action}”这个操作', en: 'There is no action "{action}"' },
  'error.kpiAction': { 'zh-CN': '请写 log、show、why、list、undo 或 delete', en: 'Say log, show, why, list, undo or delete' },
  'error.settingsTakes': {
    'zh-CN': 'settings 后面写 language、timezone、currency、ltv（30|90|180 天）或 movers（最低花费占比），再写一个值',
    en: 'settings takes language, timezone, currency, ltv (30|90|180 days) or movers (minimum share of spend) and one value',
  },
  'error.ownersNeedMention': { 'zh-CN': '请 @ 一位成员作为负责人', en: 'Mention a member (@someone) as the owner' },
  'error.notMention': { 'zh-CN': '“{word}”不是 @成员', en: '"{word}" is not an @mention' },
  'error.unknownMetric': { 'zh-CN': '没有指标“{name}”{suggest}', en: 'There is no metric "{name}"{suggest}' },
  'error.didYouMean': { 'zh-CN': '，是不是：{names}？', en: '; did you mean {names}?' },
  'error.derivedMetric': {
    'zh-CN': '{metric} 由 {inputs} 计算得出，请记录这些基础指标',
    en: '{metric} is computed from {inputs}; log those instead',
  },
  'error.badPeriod': { 'zh-CN': '“{text}”不是周期', en: '"{text}" is not a period' },
  'error.badDay': { 'zh-CN': '“{text}”不是某一天（例如 2026-11-20、昨天）', en: '"{text}" is not a day (e.g. 2026-11-20, yesterday)' },
  'error.nameTooLong': {
    'zh-CN': '名称“{start}…”超过 {max} 个字符；指标名和渠道名最多 {max} 个字符',
    en: 'The name "{start}…" is longer than {max} characters; metric and channel names have at most {max}',
  },
  'error.unknownSegment': { 'zh-CN': '没有渠道“{name}”。已有渠道：{known}', en: 'There is no channel "{name}". Known channels: {known}' },
  'error.needValue': { 'zh-CN': '“{text}”不是数值', en: '"{text}" is not a number' },
  'error.valueOutOfRange': {
    'zh-CN': '“{text}”超出范围：数值的绝对值最大为 1000 万亿（10^15）',
    en: '"{text}" is out of range: a value can be at most 10^15 (a million billion) either side of zero',
  },
  'error.notAdmin': { 'zh-CN': '只有工作区管理员可以修改设置', en: 'Only a workspace admin can change settings' },
  'roi.header': { 'zh-CN': '渠道 ROI · {period}', en: 'Channel ROI · {period}' },
  'roi.channelHeader': { 'zh-CN': '{channel} · ROI · {period}', en: '{channel} · ROI · {period}' },
  'roi.context': {
    'zh-CN': 'ROI = (收入 − 花费) / 花费，按周期合计计算 · 环比：{previous} · 数据截至 {asOf}',
    en: 'ROI = (revenue − spend) / spend, from period sums · compared with {previous} · data as of {asOf}',
  },
  'roi.empty': {
    'zh-CN': '{period} 没有花费或收入数据。用 /kpi log 记录，或导入 CSV。',
    en: 'No spend or revenue for {period}. Log values with /kpi log or import a CSV.',
  },
  'col.channel': { 'zh-CN': '渠道', en: 'Channel' },
  'col.change': { 'zh-CN': '环比', en: 'vs prev.' },
  'col.total': { 'zh-CN': '合计', en: 'Total' },
  'col.cohort': { 'zh-CN': '同期群', en: 'Cohort' },
  'col.day': { 'zh-CN': '日期', en: 'Day' },
  'col.metric': { 'zh-CN': '指标', en: 'Metric' },
  'col.definition': { 'zh-CN': '口径', en: 'Definition' },
  'col.owner': { 'zh-CN': '负责人', en: 'Owner' },
  incomplete: { 'zh-CN': '（未结束）', en: ' (in progress)' },
  'retention.header': { 'zh-CN': '留存 · {segment} · {period}', en: 'Retention · {segment} · {period}' },
  'retention.context': {
    'zh-CN': 'Dn 留存 = Σ第 n 日留存 / Σ新增，只算满 n 天的同期群；未满的显示 n/a · 数据截至 {asOf}',
    en: 'Dn retention = Σ retained on day n / Σ new users, cohorts at least n days old only (younger ones show n/a) · data as of {asOf}',
  },
  'retention.empty': {
    'zh-CN': '{period} 没有新增与留存数据（new_users、retained_d1/d7/d30）。',
    en: 'No new-user or retention data (new_users, retained_d1/d7/d30) for {period}.',
  },
  'cohorts.header': { 'zh-CN': '同期群留存矩阵（按月）', en: 'Cohort retention matrix (monthly)' },
  'cohorts.context': {
    'zh-CN': '每行：该月首次活跃的用户在之后第 k 个月仍活跃的比例 · 截至 {asOf}',
    en: 'Each row: the share of the month’s new users active k months later · as of {asOf}',
  },
  'kpi.logged': { 'zh-CN': '已记录 {metric}{segment} {day}：{value}', en: 'Recorded {metric}{segment} on {day}: {value}' },
  'kpi.unchanged': {
    'zh-CN': '{metric}{segment} {day} 已经是 {value}，未改动',
    en: '{metric}{segment} on {day} was already {value}; nothing changed',
  },
  'kpi.updated': { 'zh-CN': '已更新 {metric}{segment} {day}：{old} → {value}', en: 'Updated {metric}{segment} on {day}: {old} → {value}' },
  'kpi.showHeader': { 'zh-CN': '{metric}{segment} · {period}', en: '{metric}{segment} · {period}' },
  'kpi.listHeader': { 'zh-CN': '指标口径', en: 'Metric definitions' },
  'kpi.listContext': {
    'zh-CN': '派生指标都由周期内各项合计计算，不取日比率的平均。用 growthbeat metrics add 定义自己的指标。',
    en: 'Derived metrics are computed from period sums, never averages of daily ratios. Add your own with growthbeat metrics add.',
  },
  'field.value': { 'zh-CN': '本期', en: 'This period' },
  'field.previous': { 'zh-CN': '上期', en: 'Previous' },
  'field.change': { 'zh-CN': '环比', en: 'Change' },
  'field.formula': { 'zh-CN': '口径', en: 'Definition' },
  'team.marketing': { 'zh-CN': '市场', en: 'Marketing' },
  'team.operations': { 'zh-CN': '运营', en: 'Operations' },
  'team.business': { 'zh-CN': '商务', en: 'Business' },
  'action.refresh': { 'zh-CN': '刷新', en: 'Refresh' },
  'action.expired': { 'zh-CN': '这个按钮已失效。', en: 'This button is no longer active.' },
  working: { 'zh-CN': '正在计算，马上就好…', en: 'Working on it…' },
  'sandbox.title': { 'zh-CN': 'Growthbeat · 本地沙盒', en: 'Growthbeat · local sandbox' },
  'sandbox.badge': {
    'zh-CN': '本地沙盒 · 未连接 Slack 或飞书 · 仅本机可访问',
    en: 'Local sandbox · not connected to Slack or Feishu · this machine only',
  },
  'sandbox.demo': { 'zh-CN': '加载演示数据', en: 'Load demo data' },
  'sandbox.placeholder': { 'zh-CN': '输入命令，例如 /roi 抖音 上周', en: 'Type a command, e.g. /roi douyin last-week' },
  'sandbox.send': { 'zh-CN': '发送', en: 'Send' },
  'sandbox.you': { 'zh-CN': '你', en: 'You' },
  'sandbox.ephemeral': { 'zh-CN': '仅你可见', en: 'Only visible to you' },
  'sandbox.welcome': {
    'zh-CN':
      '这是 Growthbeat 的本地沙盒：和在 Slack 或飞书里一样输入命令，答案来自同一套核心和你本机的数据库。还没有数据？点右上角 **加载演示数据**，然后试试 `/roi`。',
    en: 'This is Growthbeat’s local sandbox: type commands as you would in Slack or Feishu; the answers come from the same core and this machine’s database. No data yet? Press **Load demo data** at the top right, then try `/roi`.',
  },
  'sandbox.demoLoaded': {
    'zh-CN': '已加载演示数据：{from} … {to}，{observations} 条，渠道 {channels}。试试 /roi、/retention d1、/kpi show 获客成本。',
    en: 'Demo data loaded: {from} … {to}, {observations} observations, channels {channels}. Try /roi, /retention d1, /kpi show cac.',
  },
  'sandbox.demoMeeting': {
    'zh-CN':
      '会前流程：你负责 抖音 和 次日留存。/alerts playbook on 打开预警，/growth checkin send 发出会前确认（私信显示在这里，点“回答”填写），/growth digest preview 看周报里的说明和行动。',
    en: 'The meeting loop: you own Douyin and D1 retention. /alerts playbook on turns the alerts on, /growth checkin send sends the check-in (its direct message shows here; press Answer), /growth digest preview shows the notes and actions in the digest.',
  },
  'help.header': { 'zh-CN': 'Growthbeat 命令', en: 'Growthbeat commands' },
  'settings.header': { 'zh-CN': '工作区设置', en: 'Workspace settings' },
  'settings.language': { 'zh-CN': '语言', en: 'Language' },
  'settings.timezone': { 'zh-CN': '时区', en: 'Time zone' },
  'settings.currency': { 'zh-CN': '币种', en: 'Currency' },
  'settings.saved': { 'zh-CN': '已保存：{what} = {value}', en: 'Saved: {what} = {value}' },
  'settings.badValue': { 'zh-CN': '“{value}”不是有效的{what}', en: '"{value}" is not a valid value for {what}' },
  'owners.header': { 'zh-CN': '指标负责人', en: 'Metric owners' },
  'owners.none': {
    'zh-CN': '还没有指定负责人。用 /growth owners <指标> @某人 指定。',
    en: 'No owners yet. Set one with /growth owners <metric> @someone.',
  },
  'owners.saved': { 'zh-CN': '{metric} 的负责人：{owner}', en: '{metric} is owned by {owner}' },
} as const satisfies Record<string, Record<Locale, string>>;

// Each area keeps its sentences in its own file (alerts, digest, Feishu …); they merge here (no key may
// be defined twice: test/core/messages.test.ts).
const MESSAGES = {
  ...COMMAND_MESSAGES,
  ...ALERT_MESSAGES,
  ...DIGEST_MESSAGES,
  ...FEISHU_MESSAGES,
  ...DELIVERY_MESSAGES,
  ...ERROR_MESSAGES,
  ...MEMBER_MESSAGES,
  ...CHANNEL_MESSAGES,
  ...MEETING_MESSAGES,
  ...METRIC_MESSAGES,
  ...WHY_MESSAGES,
  ...SOURCE_MESSAGES,
  ...CHECKIN_MESSAGES,
} as const;

export type MessageKey = keyof typeof MESSAGES;

/** A sentence in the workspace's language, with {placeholders} filled in. */
export function t(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  // The template's own **bold** and `code` become marks before data goes in: data never formats.
  return markup(MESSAGES[key][locale]).replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}
