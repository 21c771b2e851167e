import type { Locale } from './locale.ts';

// The sentences about entering data from chat: managing channels (/growth channels …), dates, and taking
// values back (/kpi undo, /kpi delete).
export const CHANNEL_MESSAGES = {
  'error.channelsUsage': {
    'zh-CN':
      '写 /growth channels add <渠道> [paid|organic] [别名…]、rename <渠道> <新名字>、alias <渠道> <别名…> 或 remove <渠道> [into <另一个渠道>]',
    en: 'Write /growth channels add <name> [paid|organic] [alias …], rename <name> <new name>, alias <name> <alias …> or remove <name> [into <channel>]',
  },
  'error.noChannelsYet': {
    'zh-CN':
      '这个工作区还没有渠道，也就没有“{name}”的数据。先记录一个值（/kpi log 花费 12000 抖音 2026-11-20，常见渠道会自动创建）或导入文件（growthbeat import），再来看。',
    en: 'This workspace has no channels yet, so nothing for "{name}". Log a value first (/kpi log spend 12000 douyin 2026-11-20; well-known channels are created on first use) or import a file (growthbeat import), then ask again.',
  },
  'channels.aliasColumn': { 'zh-CN': '别名', en: 'Aliases' },
  'channels.listHint': {
    'zh-CN': '新增：/growth channels add <渠道> [paid|organic] [别名…] · 改名、别名、删除：rename、alias、remove（管理员）',
    en: 'Add one: /growth channels add <name> [paid|organic] [alias …] · rename, alias, remove (admins)',
  },
  'channels.none': {
    'zh-CN': '还没有渠道。记录第一个值时会自动识别常见渠道（抖音、小红书、微信……），或用 /growth channels add <渠道> 新增。',
    en: 'No channels yet. Well-known ones (douyin, xiaohongshu, wechat …) are recognised the first time you log a value; add others with /growth channels add <name>.',
  },
  'channels.exists': {
    'zh-CN': '已有渠道 {channel}（“{name}”指的就是它）',
    en: 'There is already a channel {channel} ("{name}" names it)',
  },
  'channels.added': { 'zh-CN': '已新增渠道 {channel}（{kind}）{aliases}', en: 'Added channel {channel} ({kind}){aliases}' },
  'channels.aliasList': { 'zh-CN': '，别名：{aliases}', en: ', aliases: {aliases}' },
  'channels.renamed': {
    'zh-CN': '渠道 {old} 已改名为 {channel}（已有数据不变）',
    en: 'Renamed channel {old} to {channel} (its values stay)',
  },
  'channels.aliased': { 'zh-CN': '{channel} 的别名：{aliases}', en: 'Aliases of {channel}: {aliases}' },
  'channels.nameTaken': { 'zh-CN': '“{name}”已经指渠道 {channel}', en: '"{name}" already names channel {channel}' },
  'channels.removed': { 'zh-CN': '已删除渠道 {channel}', en: 'Removed channel {channel}' },
  'channels.hasData': {
    'zh-CN':
      '渠道 {channel} 有 {n} 条数据，不能直接删除。要保留这些数据，把它合并到另一个渠道：/growth channels remove {typed} into <渠道>',
    en: 'Channel {channel} holds {n} values, so it is not removed. To keep them, merge it into another channel: /growth channels remove {typed} into <channel>',
  },
  'channels.overlap': {
    'zh-CN': '{channel} 和 {into} 在 {n} 个指标-日期上都有值（例如 {example}），合并会丢数据。先用 /kpi delete 删掉其中一边。',
    en: '{channel} and {into} both have values for {n} metric-days (e.g. {example}); merging would lose one. Delete one side first with /kpi delete.',
  },
  'channels.merged': {
    'zh-CN': '已把 {channel} 的 {n} 条数据并入 {into}，并删除了 {channel}',
    en: 'Moved {n} values of {channel} into {into} and removed {channel}',
  },
  'channels.sameChannel': { 'zh-CN': '不能把渠道合并到它自己', en: 'A channel cannot be merged into itself' },
  'kpi.channelCreated': { 'zh-CN': '（新渠道 {channel} 已创建）', en: ' (new channel {channel} created)' },
  'kpi.unknownChannel': {
    'zh-CN': '还没有渠道“{name}”。{suggest}要新增它并记录 {metric} {day}：{value} 吗？',
    en: 'There is no channel "{name}" yet. {suggest}Add it and record {metric} on {day}: {value}?',
  },
  'kpi.closestChannels': { 'zh-CN': '最接近的：{names}。', en: 'Closest: {names}. ' },
  'kpi.knownChannels': { 'zh-CN': '已有渠道：{names}。', en: 'Known channels: {names}. ' },
  'error.notADate': { 'zh-CN': '“{text}”不是日期（请写 2026-11-20）', en: '"{text}" is not a date (use 2026-11-20)' },
  'error.unsupportedRetentionDay': {
    'zh-CN': '不支持“{text}”：留存只看 {supported}（或 cohorts 看同期群矩阵）',
    en: '"{text}" is not supported: retention is tracked for {supported} (or cohorts for the matrix)',
  },
  'error.kpiDeleteNeeds': {
    'zh-CN': 'kpi delete 需要指标和日期或周期，例如 /kpi delete 花费 抖音 2026-11-20',
    en: 'kpi delete needs a metric and a day or period, e.g. /kpi delete spend douyin 2026-11-20',
  },
  'kpi.deleted': {
    'zh-CN': '已删除 {metric}{segment} {period} 的 {n} 个值{old}。用 /kpi undo 可以恢复。',
    en: 'Deleted {n} value(s) of {metric}{segment} for {period}{old}. /kpi undo brings them back.',
  },
  'kpi.deletedWas': { 'zh-CN': '（原为 {value}）', en: ' (was {value})' },
  'kpi.nothingToDelete': {
    'zh-CN': '{metric}{segment} 在 {period} 没有记录，什么都没删。',
    en: 'Nothing is stored for {metric}{segment} in {period}; nothing was deleted.',
  },
  'kpi.deleteNotAllowed': {
    'zh-CN': '只有管理员或指标 {metric} 的负责人可以删除它的值',
    en: 'Only an admin or the owner of {metric} may delete its values',
  },
  'kpi.undoNothing': {
    'zh-CN': '过去 24 小时里你没有可以撤销的改动（/kpi log 或 /kpi delete）',
    en: 'You have no change to undo from the last 24 hours (/kpi log or /kpi delete)',
  },
  'kpi.undoneLog': {
    'zh-CN': '已撤销：{metric}{segment} {day} 恢复为 {value}',
    en: 'Undone: {metric}{segment} on {day} is back to {value}',
  },
  'kpi.undoneNew': {
    'zh-CN': '已撤销：删除了 {metric}{segment} {day} 的 {value}',
    en: 'Undone: removed {metric}{segment} on {day} ({value})',
  },
  'kpi.undoneDelete': { 'zh-CN': '已撤销删除：恢复了 {n} 个值', en: 'Undone: restored {n} deleted value(s)' },
  'kpi.undoChanged': {
    'zh-CN': '没有撤销：{what} 之后又被改过（{by}），请直接用 /kpi log 写入正确的值',
    en: 'Not undone: {what} was changed again since ({by}); write the right value with /kpi log',
  },
  'kpi.undoTooLarge': {
    'zh-CN': '这次删除有 {n} 个值，太多了，不能从聊天里撤销；请重新导入',
    en: 'That delete removed {n} values, too many to undo from chat; import them again',
  },
  'action.addChannel': { 'zh-CN': '新增渠道“{name}”并记录', en: 'Add channel «{name}» and record' },
} as const satisfies Record<string, Record<Locale, string>>;
