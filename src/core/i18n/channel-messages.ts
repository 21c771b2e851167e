import type { Locale } from './locale.ts';

// The sentences about managing channels from chat (/growth channels …) and taking values back (/kpi undo, /kpi delete).
export const CHANNEL_MESSAGES = {
  'error.channelsUsage': {
    'zh-CN':
      '写 /growth channels add <渠道> [paid|organic] [别名…]、rename <渠道> <新名字>、alias <渠道> <别名…> 或 remove <渠道> [into <另一个渠道>]',
    en: 'Write /growth channels add <name> [paid|organic] [alias …], rename <name> <new name>, alias <name> <alias …> or remove <name> [into <channel>]',
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
  'action.addChannel': { 'zh-CN': '新增渠道“{name}”并记录', en: 'Add channel «{name}» and record' },
} as const satisfies Record<string, Record<Locale, string>>;
