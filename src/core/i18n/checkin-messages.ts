import type { Locale } from './locale.ts';

// The pre-meeting check-in: the direct message to each owner, its reminder, and /growth checkin's answers.
export const CHECKIN_MESSAGES = {
  'checkin.title': { 'zh-CN': '会前确认 · {week}', en: 'Before the meeting · {week}' },
  'checkin.intro': {
    'zh-CN': '{who}，周报发出前，这些你负责的数字需要你说一句：',
    en: '{who}, before the digest goes out, these numbers you own need a word from you:',
  },
  'checkin.introChannel': {
    'zh-CN': '还没有指定负责人，所以会前确认发在这里：这些数字需要有人说一句（用 /growth owners 指定负责人后，会私信问他们）。',
    en: 'No owners are set, so the check-in comes here: these numbers need a word from someone (set owners with /growth owners and they will be asked directly).',
  },
  'checkin.reminderTitle': { 'zh-CN': '提醒：周报 2 小时后发出 · {week}', en: 'Reminder: the digest goes out in 2 hours · {week}' },
  'checkin.reminderIntro': { 'zh-CN': '{who}，这些数字还没有你的说明：', en: '{who}, these numbers still have no word from you:' },
  'checkin.item': { 'zh-CN': '• **{subject}** {value}{change} · {reasons}', en: '• **{subject}** {value}{change} · {reasons}' },
  'checkin.reason.alert': { 'zh-CN': '本周有告警', en: 'alerted this week' },
  'checkin.reason.target': { 'zh-CN': '离目标差 10% 以上', en: '10% or more off target' },
  'checkin.reason.move': { 'zh-CN': '环比变化大', en: 'a large week-over-week move' },
  'checkin.ask': {
    'zh-CN': '发生了什么？你打算怎么做？回复：{command}',
    en: 'What happened, and what will you do? Answer with {command}',
  },
  'checkin.answerButton': { 'zh-CN': '回答', en: 'Answer' },
  'checkin.formTitle': { 'zh-CN': '会前确认', en: 'Before the meeting' },
  'checkin.formSubmit': { 'zh-CN': '保存说明', en: 'Save note' },
  'checkin.formLabel': { 'zh-CN': '发生了什么？你打算怎么做？', en: 'What happened, and what will you do?' },
  'checkin.formIntro': {
    'zh-CN': '**{subject}**（{week}）：你的回答会作为说明记下，显示在周报里这个数字旁边。',
    en: '**{subject}** ({week}): your answer is kept as the note beside this number in the digest.',
  },
  'checkin.formNeedsText': {
    'zh-CN': '说明不能为空：发生了什么，打算怎么做？',
    en: 'The note is empty: what happened, and what will you do?',
  },
  'checkin.placeholder': { 'zh-CN': '<发生了什么，打算怎么做>', en: '<what happened, what you will do>' },

  'checkin.settingsHeader': { 'zh-CN': '会前确认', en: 'Pre-meeting check-in' },
  'checkin.setting.schedule': { 'zh-CN': '时间', en: 'Schedule' },
  'checkin.setting.reminder': { 'zh-CN': '提醒', en: 'Reminder' },
  'checkin.setting.threshold': { 'zh-CN': '环比变化阈值', en: 'Week-over-week move threshold' },
  'checkin.defaultSchedule': { 'zh-CN': '（默认：周报前一天 16:00）', en: ' (default: the day before the digest, 16:00)' },
  'checkin.reminderDefault': {
    'zh-CN': '周报前 2 小时，提醒还没说明的负责人',
    en: '2 hours before the digest, to owners who have not answered',
  },
  'checkin.offState': {
    'zh-CN': '已关闭（/growth checkin schedule <时间> 重新开启）',
    en: 'off (turn it on with /growth checkin schedule <time>)',
  },
  'checkin.noDigest': {
    'zh-CN': '未安排：先用 /growth digest channel #频道 设置周报频道',
    en: 'not scheduled: set the digest channel first with /growth digest channel #channel',
  },
  'checkin.unreadableDigest': {
    'zh-CN': '无法从周报的 cron 推算，请用 /growth checkin schedule 设置',
    en: 'cannot be derived from the digest’s cron; set one with /growth checkin schedule',
  },
  'checkin.noWeekly': {
    'zh-CN':
      '没有默认时间：周报（{cron}）{reason}，不是每周固定的星期几，所以没有“周报前一天”。请用 /growth checkin schedule <星期> <时间> 设置，例如 /growth checkin schedule 周二 16:00，也可以写 cron',
    en: 'none by default: the digest ({cron}) runs {reason}, not on the same weekdays every week, so there is no “day before the digest”. Set one with /growth checkin schedule <day> <time>, e.g. /growth checkin schedule tue 16:00, or a cron',
  },
  'checkin.noWeekly.monthDays': { 'zh-CN': '按每月的日期发送', en: 'on days of the month' },
  'checkin.noWeekly.months': { 'zh-CN': '只在部分月份发送', en: 'only in some months' },
  'checkin.noWeekly.nthWeekday': {
    'zh-CN': '按每月第几个星期几发送（例如第一个周一、最后一个周五）',
    en: 'on a weekday of the month (such as the first Monday or the last Friday)',
  },
  'checkin.noReminder': {
    'zh-CN': '无：周报前 2 小时已是前一天，而周报按每月的日期安排，无法换算',
    en: 'none: 2 hours before the digest is the day before, which its schedule by days of the month cannot name',
  },
  'checkin.savedSchedule': {
    'zh-CN': '会前确认时间已设为 {schedule}（{timezone}）',
    en: 'The check-in is now {schedule} ({timezone})',
  },
  'checkin.savedOff': {
    'zh-CN': '已关闭会前确认和提醒。用 /growth checkin schedule <时间> 重新开启。',
    en: 'The check-in and its reminder are off. Turn them on with /growth checkin schedule <time>.',
  },
  'checkin.savedThreshold': { 'zh-CN': '环比变化 ≥ {value} 的数字会问负责人', en: 'Owners are asked about moves of {value} or more' },
  'checkin.notAllowedSend': {
    'zh-CN': '只有管理员或周报的管理者可以立即发送会前确认',
    en: 'Only admins and the digest’s managers can send the check-in now',
  },
  'checkin.notAdmin': { 'zh-CN': '只有管理员可以修改会前确认的设置', en: 'Only admins can change the check-in settings' },
  'checkin.sent': {
    'zh-CN': '已发出会前确认：{recipients} 位负责人，共 {items} 项',
    en: 'Check-in sent (owners: {recipients}, items: {items})',
  },
  'checkin.sentChannel': {
    'zh-CN': '没有负责人：会前确认（{items} 项）已发到周报频道',
    en: 'No owners: the check-in ({items} items) went to the digest channel',
  },
  'checkin.nothing': { 'zh-CN': '没有需要说明的数字，没有发出会前确认', en: 'Nothing needs a word: no check-in was sent' },
  'checkin.nowhere': {
    'zh-CN': '没有负责人，也没有周报频道：用 /growth owners 指定负责人，或用 /growth digest channel 设置频道',
    en: 'No owners and no digest channel: set owners with /growth owners, or a channel with /growth digest channel',
  },
  'checkin.alreadySent': { 'zh-CN': '这一分钟已经发过会前确认了', en: 'The check-in was already sent this minute' },
  'checkin.error.sub': {
    'zh-CN': 'checkin 后面是 schedule、off、send 或 threshold，不是“{word}”',
    en: 'After checkin comes schedule, off, send or threshold, not "{word}"',
  },
  'checkin.error.badThreshold': {
    'zh-CN': '“{text}”不是有效的阈值：写 1% 到 100% 之间的百分比，例如 15%',
    en: '"{text}" is not a threshold: give a percentage from 1% to 100%, e.g. 15%',
  },
  'usage.checkin': {
    'zh-CN':
      '/growth checkin · /growth checkin schedule <周二 16:00|cron> · /growth checkin off · /growth checkin send · /growth checkin threshold <15%>',
    en: '/growth checkin · /growth checkin schedule <tue 16:00|cron> · /growth checkin off · /growth checkin send · /growth checkin threshold <15%>',
  },
  'usage.checkin.example': { 'zh-CN': '/growth 会前确认 时间 周二 16:00', en: '/growth checkin schedule tue 16:00' },
} as const satisfies Record<string, Record<Locale, string>>;
