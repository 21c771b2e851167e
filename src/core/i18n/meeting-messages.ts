import type { Locale } from './locale.ts';

// The meeting loop's sentences: notes on numbers, tracked actions, decisions, their lines in the digest
// and the meeting's minutes.
export const MEETING_MESSAGES = {
  'meeting.error.noteNeeds': {
    'zh-CN': '说明要写在指标或渠道后面：`/growth note <指标或渠道> [<渠道>] <说明>`，例如 `/growth note 抖音 素材疲劳，周四换新素材`',
    en: 'A note names a metric or channel, then says something: `/growth note <metric or channel> [<channel>] <text>`, e.g. `/growth note douyin creative fatigue, new creatives Thursday`',
  },
  'meeting.error.unknownSubject': {
    'zh-CN': '没有叫“{name}”的指标或渠道。渠道：{known}{suggest}',
    en: 'No metric or channel is called "{name}". Channels: {known}{suggest}',
  },
  'meeting.error.actionSub': {
    'zh-CN':
      'action 后面是 add、done、drop、edit 或 list，不是“{word}”：`/growth action add <内容> owner @负责人 [due <日期>] [on <指标> [<渠道>]]` · `/growth action done|drop <编号>` · `/growth action edit <编号> [<内容>] [owner @x] [due <日期>|none] [on <指标> [<渠道>]|none]`',
    en: 'After action comes add, done, drop, edit or list, not "{word}": `/growth action add <text> owner @someone [due <day>] [on <metric> [<channel>]]` · `/growth action done|drop <#>` · `/growth action edit <#> [<text>] [owner @x] [due <day>|none] [on <metric> [<channel>]|none]`',
  },
  'meeting.error.actionNeedsOwner': {
    'zh-CN':
      '每个行动都要有负责人：`/growth action add <内容> owner @负责人 [due <日期>] [on <指标> [<渠道>]]`，例如 `/growth action add 抖音出价降 10% owner @小王 due 周五 on roi 抖音`',
    en: 'Every action needs an owner: `/growth action add <text> owner @someone [due <day>] [on <metric> [<channel>]]`, e.g. `/growth action add cut douyin bids 10% owner @alice due friday on roi douyin`',
  },
  'meeting.error.actionNeedsText': { 'zh-CN': '行动要写内容：要做什么？', en: 'An action needs its text: what will be done?' },
  'meeting.error.ownerNeedsMention': { 'zh-CN': 'owner 后面要 @一个人，不是“{word}”', en: 'owner takes an @mention, not "{word}"' },
  'meeting.error.actionNumber': { 'zh-CN': '“{word}”不是行动编号（例如 3 或 #3）', en: '"{word}" is not an action number (e.g. 3 or #3)' },
  'meeting.error.editNeedsChange': {
    'zh-CN': '要改什么？写新的内容，或 owner、due、on',
    en: 'What should change? Give new text, or owner, due or on',
  },
  'meeting.error.badDue': {
    'zh-CN': '“{text}”不是日期：写 2026-12-04、12-04、周五、明天',
    en: '"{text}" is not a day: write 2026-12-04, 12-04, friday or tomorrow',
  },
  'meeting.error.pastDue': { 'zh-CN': '截止日 {day} 已经过去了', en: 'The due day {day} has passed' },
  'meeting.error.noAction': {
    'zh-CN': '没有编号为 #{number} 的行动。用 /growth actions 查看',
    en: 'There is no action #{number}. See /growth actions',
  },
  'meeting.error.decisionNeedsText': {
    'zh-CN': '决定要写内容：`/growth decision <内容> [on <指标> …]`，例如 `/growth decision 抖音预算转给小红书 on roi 花费`',
    en: 'A decision needs its text: `/growth decision <text> [on <metric> …]`, e.g. `/growth decision move douyin budget to xiaohongshu on roi spend`',
  },

  'meeting.noteSaved': { 'zh-CN': '已记下 {subject}（{week}{value}）的说明：{text}', en: 'Noted for {subject} ({week}{value}): {text}' },
  'meeting.noteReply': { 'zh-CN': '💬 {author} 的说明：{text}', en: '💬 {author} explains: {text}' },
  'meeting.actionSaved': {
    'zh-CN': '已创建行动 #{number}：{text}（{owner}{due}）{metric}',
    en: 'Action #{number} created: {text} ({owner}{due}){metric}',
  },
  'meeting.actionBase': { 'zh-CN': ' — {metric} {value}（截至 {day} 的 7 天）', en: ' — {metric} {value} (7 days to {day})' },
  'meeting.actionReply': {
    'zh-CN': '🔧 新建行动 #{number}：{text}（{owner}{due}）',
    en: '🔧 Action #{number} opened: {text} ({owner}{due})',
  },
  'meeting.actionEdited': { 'zh-CN': '已修改行动 #{number}', en: 'Action #{number} changed' },
  'meeting.actionClosed.done': { 'zh-CN': '行动 #{number} 已完成', en: 'Action #{number} done' },
  'meeting.actionClosed.dropped': { 'zh-CN': '行动 #{number} 已放弃', en: 'Action #{number} dropped' },
  'meeting.actionAlready': { 'zh-CN': '行动 #{number} 已经是“{status}”：{text}', en: 'Action #{number} is already {status}: {text}' },
  'meeting.notAllowed.owner': {
    'zh-CN': '只有负责人 {owner} 或管理员可以关闭或修改行动 #{number}',
    en: 'Only the owner {owner} or an admin can close or edit action #{number}',
  },
  'meeting.notAllowed.ownerCreator': {
    'zh-CN': '只有负责人 {owner}、创建人 {creator} 或管理员可以关闭或修改行动 #{number}',
    en: 'Only the owner {owner}, its creator {creator} or an admin can close or edit action #{number}',
  },
  'meeting.decisionSaved': { 'zh-CN': '已记录决定：{text}{metrics}', en: 'Decision recorded: {text}{metrics}' },
  'meeting.decisionMetrics': { 'zh-CN': '（指标：{metrics}）', en: ' (metrics: {metrics})' },
  'meeting.actionsHeader': { 'zh-CN': '进行中的行动（{n}）', en: 'Open actions ({n})' },
  'meeting.actionsNone': {
    'zh-CN': '没有进行中的行动。用 /growth action add <内容> owner @某人 创建一个。',
    en: 'No open actions. Create one with /growth action add <text> owner @someone.',
  },
  'meeting.actionButton': { 'zh-CN': '＋ 行动', en: '+ Action' },
  'meeting.actionButtonOn': { 'zh-CN': '＋ 行动：{subject}', en: '+ Action: {subject}' },
  'meeting.formTitle': { 'zh-CN': '新建行动', en: 'New action' },
  'meeting.formSubmit': { 'zh-CN': '创建行动', en: 'Create action' },
  'meeting.formIntro': {
    'zh-CN': '**{subject}**：行动会记下这个数字现在的值，之后每期周报都会对比它的变化，到期那天提醒负责人。',
    en: '**{subject}**: the action records this number as it is now; each digest then shows how it moved, and its owner is reminded on the due day.',
  },
  'meeting.formText': { 'zh-CN': '要做什么？', en: 'What will be done?' },
  'meeting.formOwner': { 'zh-CN': '负责人（@某人）', en: 'Owner (@someone)' },
  'meeting.textPlaceholder': { 'zh-CN': '<要做什么>', en: '<what will be done>' },
  'meeting.formDue': { 'zh-CN': '截止日（可选）', en: 'Due (optional)' },
  'meeting.formDuePlaceholder': { 'zh-CN': '周五、12-04、2026-12-04', en: 'friday, 12-04, 2026-12-04' },
  'meeting.formAsk': {
    'zh-CN': '为 {subject} 新建行动：{command}',
    en: 'A new action on {subject}: {command}',
  },
  'meeting.due': { 'zh-CN': '，截止 {day}', en: ', due {day}' },
  'meeting.dueToday': { 'zh-CN': '⏰ 行动 #{number} 今天到期：{text}', en: '⏰ Action #{number} is due today: {text}' },
  'meeting.dueTodayHow': {
    'zh-CN': '完成后发 `/growth action done {number}`；要改期发 `/growth action edit {number} due <日期>`。',
    en: 'When it is done, send `/growth action done {number}`; to move it, `/growth action edit {number} due <day>`.',
  },
  'meeting.overdue': { 'zh-CN': ' ⏰ 已逾期', en: ' ⏰ overdue' },
  'meeting.since': { 'zh-CN': ' — {metric} {before} → {now}（自 {day}）', en: ' — {metric} {before} → {now} since {day}' },
  'meeting.status.open': { 'zh-CN': '进行中', en: 'open' },
  'meeting.status.done': { 'zh-CN': '已完成', en: 'done' },
  'meeting.status.dropped': { 'zh-CN': '已放弃', en: 'dropped' },

  'digest.meeting': { 'zh-CN': '说明与行动', en: 'Notes and actions' },
  'digest.noteLine': { 'zh-CN': '💬 {subject} {number} — {author}：{text}', en: '💬 {subject} {number} — {author}: {text}' },
  'digest.unexplained': { 'zh-CN': '❓ 还没有说明：{items}', en: '❓ Not explained yet: {items}' },
  'digest.actionLine': {
    'zh-CN': '{icon} #{number} {text}（{owner}{due}）{metric}{overdue}',
    en: '{icon} #{number} {text} ({owner}{due}){metric}{overdue}',
  },

  'minutes.title': { 'zh-CN': '{week} 周会纪要', en: 'Meeting minutes, {week}' },
  'minutes.context': {
    'zh-CN': '{workspace} · 本周 {from} 至 {to}（{timezone}）· 数字为 {digestWeek} 的周报',
    en: '{workspace} · the week {from} to {to} ({timezone}) · numbers from the {digestWeek} digest',
  },
  'minutes.numbers': { 'zh-CN': '数字', en: 'Numbers' },
  'minutes.notes': { 'zh-CN': '负责人说明', en: 'Owners’ notes' },
  'minutes.decisions': { 'zh-CN': '决定', en: 'Decisions' },
  'minutes.opened': { 'zh-CN': '新开的行动', en: 'Actions opened' },
  'minutes.closed': { 'zh-CN': '关闭的行动', en: 'Actions closed' },
  'minutes.none': { 'zh-CN': '（无）', en: '(none)' },
  'minutes.decisionLine': { 'zh-CN': '✔️ {text}（{author}，{day}）{metrics}', en: '✔️ {text} ({author}, {day}){metrics}' },
} as const satisfies Record<string, Record<Locale, string>>;
