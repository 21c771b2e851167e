import { parseSchedule } from '../digest/schedule-text.ts';
import { isTotalWord } from '../segments/channel-aliases.ts';
import { channelId } from '../text/mentions.ts';
import { toHalfWidth } from '../text/numbers.ts';
import { type PersonRef, personWord, uniquePeople } from '../text/person-word.ts';
import { COMMAND_NAMES, type CommandName, CommandUsageError } from '../text/usage-error.ts';
import { isPeriodWord, looksLikeDate } from '../time/period-word.ts';
import { CHECKIN_WORDS, type CheckinCommand, parseCheckin } from './checkin-grammar.ts';
import { type MeetingCommand, parseMeetingCommand } from './meeting-grammar.ts';

/**
 * The grammar's vocabulary, re-exported where callers look for it: the adapters register these names (Slack's
 * manifest, Feishu's panel) and tests expect the grammar's usage error (defined low in core/text so every floor can throw it).
 */
export { COMMAND_NAMES, type CommandName, CommandUsageError };

export type ParsedCommand =
  | { name: 'roi'; segment?: string; period?: string }
  | { name: 'retention'; mode: 'overview' | 'd1' | 'd7' | 'd30' | 'cohorts'; segment?: string; period?: string }
  | { name: 'kpi'; action: 'log'; metric: string; value: string; segment?: string; day?: string }
  | { name: 'kpi'; action: 'show'; metric: string; segment?: string; period?: string }
  | { name: 'kpi'; action: 'list' }
  | { name: 'kpi'; action: 'why'; metric: string; period?: string }
  | { name: 'kpi'; action: 'undo' }
  | { name: 'kpi'; action: 'delete'; metric: string; segment?: string; period: string }
  | { name: 'alerts'; args: string[] }
  | { name: 'growth'; action: 'help' }
  | { name: 'growth'; action: 'settings'; key?: SettingKey; value?: string }
  | { name: 'growth'; action: 'channel'; channel?: string; kind?: 'paid' | 'organic' }
  | { name: 'growth'; action: 'channels'; sub: 'add'; channel: string; kind?: 'paid' | 'organic'; aliases: string[] }
  | { name: 'growth'; action: 'channels'; sub: 'rename'; channel: string; newName: string }
  | { name: 'growth'; action: 'channels'; sub: 'alias'; channel: string; aliases: string[] }
  | { name: 'growth'; action: 'channels'; sub: 'remove'; channel: string; into?: string }
  | { name: 'growth'; action: 'owners'; metric?: string; owner?: PersonRef }
  | { name: 'growth'; action: 'members' }
  | { name: 'growth'; action: 'sources'; run?: string }
  | { name: 'growth'; action: 'digest'; sub: 'show' | 'preview' | 'send' }
  | { name: 'growth'; action: 'digest'; sub: 'schedule'; cron: string; text: string }
  | { name: 'growth'; action: 'digest'; sub: 'channel'; channel: string }
  | { name: 'growth'; action: 'digest'; sub: 'managers'; managers: PersonRef[] }
  | { name: 'growth'; action: 'meeting'; meeting: MeetingCommand }
  | { name: 'growth'; action: 'checkin'; checkin: CheckinCommand };

export const MAX_COMMAND_TEXT = 500;

export type SettingKey = 'language' | 'timezone' | 'currency' | 'ltv' | 'movers' | 'admin';

const SETTING_WORDS: Record<string, SettingKey> = {
  language: 'language',
  lang: 'language',
  语言: 'language',
  timezone: 'timezone',
  tz: 'timezone',
  时区: 'timezone',
  currency: 'currency',
  币种: 'currency',
  ltv: 'ltv',
  movers: 'movers',
  涨跌榜: 'movers',
  admin: 'admin',
  'admin-channel': 'admin',
  管理频道: 'admin',
  管理员频道: 'admin',
};

const KIND_WORDS: Record<string, 'paid' | 'organic'> = { paid: 'paid', 付费: 'paid', organic: 'organic', 自然: 'organic', 免费: 'organic' };

const CHANNEL_SUBS: Record<string, 'add' | 'rename' | 'alias' | 'remove'> = {
  add: 'add',
  new: 'add',
  新增: 'add',
  添加: 'add',
  rename: 'rename',
  改名: 'rename',
  重命名: 'rename',
  alias: 'alias',
  aliases: 'alias',
  别名: 'alias',
  remove: 'remove',
  delete: 'remove',
  删除: 'remove',
};
const INTO_WORDS = new Set(['into', 'to', 'merge', '合并到', '并入', '到']);

/** `/growth channels [add <name> [paid|organic] [alias …] | rename <name> <new name> | alias <name> <alias …> | remove <name> [into <channel>] | <name> paid|organic]`. */
function parseChannels(words: string[]): ParsedCommand {
  if (words.length === 0) return { name: 'growth', action: 'channel' };
  const sub = CHANNEL_SUBS[(words[0] as string).toLowerCase()];
  if (sub) {
    const [, channel, ...rest] = words;
    if (!channel) throw new CommandUsageError('growth', 'error.channelsUsage');
    if (sub === 'add') {
      const kind = rest[0] === undefined ? undefined : KIND_WORDS[rest[0].toLowerCase()];
      return { name: 'growth', action: 'channels', sub, channel, kind, aliases: kind ? rest.slice(1) : rest };
    }
    if (sub === 'rename') {
      if (rest.length === 0) throw new CommandUsageError('growth', 'error.channelsUsage');
      return { name: 'growth', action: 'channels', sub, channel, newName: rest.join(' ') };
    }
    if (sub === 'alias') {
      if (rest.length === 0) throw new CommandUsageError('growth', 'error.channelsUsage');
      return { name: 'growth', action: 'channels', sub, channel, aliases: rest };
    }
    const [into, target, ...more] = rest;
    if (into === undefined) return { name: 'growth', action: 'channels', sub, channel };
    if (!INTO_WORDS.has(into.toLowerCase()) || target === undefined) throw new CommandUsageError('growth', 'error.channelsUsage');
    if (more.length) throw new CommandUsageError('growth', 'error.unexpected', { word: more[0] as string });
    return { name: 'growth', action: 'channels', sub, channel, into: target };
  }
  const kind = KIND_WORDS[(words[words.length - 1] as string).toLowerCase()];
  if (words.length < 2) throw new CommandUsageError('growth', 'error.channelKindNeeds');
  if (!kind) throw new CommandUsageError('growth', 'error.channelKind');
  return { name: 'growth', action: 'channel', channel: words.slice(0, -1).join(' '), kind };
}

const RETENTION_MODES: Record<string, 'd1' | 'd7' | 'd30' | 'cohorts'> = {
  d1: 'd1',
  次留: 'd1',
  次日: 'd1',
  次日留存: 'd1',
  d7: 'd7',
  '7留': 'd7',
  七留: 'd7',
  '7日留存': 'd7',
  d30: 'd30',
  '30留': 'd30',
  '30日留存': 'd30',
  cohorts: 'cohorts',
  cohort: 'cohorts',
  同期群: 'cohorts',
  矩阵: 'cohorts',
};

// Slack escapes &, < and > in everything a user types (`<=` arrives as `&lt;=`); its own mentions and
// channel links are the only raw <…> in the text. The entities are held as private-use marks while the
// text is split, so a typed "&lt;@U1&gt;" becomes the word "<@U1>", never a mention, and ";" stays theirs.
const HELD: Record<string, string> = { '&lt;': '\uF8F0', '&gt;': '\uF8F1', '&amp;': '\uF8F2' };
const RELEASED: Record<string, string> = { '\uF8F0': '<', '\uF8F1': '>', '\uF8F2': '&' };

/**
 * Splits command text into words: full-width forms folded, Chinese commas as spaces, "quoted words" kept,
 * phrases joined; a platform mention or channel link (`<@U1|Alice Smith>`, `<#C1|general>`) stays one word.
 */
export function tokenize(text: string): string[] {
  // Chinese commas separate words, except between digits in groups of three (１２，０００ is a number); an
  // ASCII comma stays (12,000).
  const held = text.replace(/[\uF8F0-\uF8F2]/g, '').replace(/&(?:lt|gt|amp);/g, (e) => HELD[e] as string);
  const grouped = held.replace(/([0-9０-９])，(?=[0-9０-９]{3}(?![0-9０-９]))/g, '$1,');
  const folded = toHalfWidth(grouped.replace(/[，、；;]/g, ' ').normalize('NFKC')).trim();
  const words: string[] = [];
  for (const m of folded.matchAll(/(<[@#!][^<>\s][^<>]*>)|"([^"]*)"|“([^”]*)”|(\S+)/g)) {
    if (m[1]) words.push(m[1]);
    else {
      const word = (m[2] ?? m[3] ?? m[4] ?? '').replace(/[\uF8F0-\uF8F2]/g, (c) => RELEASED[c] as string);
      words.push(/^<[@#!]/.test(word) ? word.replace(/[<>&]/g, (c) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp' }[c]};`) : word);
    }
  }
  // "last week", "this month", "last 7 days", "近 7 天" → one period word.
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = (words[i] as string).toLowerCase();
    const next = words[i + 1]?.toLowerCase();
    const after = words[i + 2]?.toLowerCase();
    if ((w === 'last' || w === 'this') && (next === 'week' || next === 'month')) {
      out.push(`${w}-${next}`);
      i++;
    } else if ((w === 'last' || w === 'past') && next && /^\d+$/.test(next) && after && /^days?$/.test(after)) {
      out.push(`${next}d`);
      i += 2;
    } else if ((w === '近' || w === '最近' || w === '过去') && next && /^\d+天?$/.test(next)) {
      out.push(`近${next.replace(/天$/, '')}天`);
      i += next.endsWith('天') ? 1 : after === '天' ? 2 : 1;
    } else out.push(words[i] as string);
  }
  return out;
}

function optionalPair(command: CommandName, words: string[], allowAll: boolean): { segment?: string; period?: string } {
  let segment: string | undefined;
  let period: string | undefined;
  for (const w of words) {
    if (looksLikeDate(w)) throw new CommandUsageError(command, 'error.notADate', { text: w });
    if (isPeriodWord(w) && period === undefined) period = w;
    else if (allowAll && isTotalWord(w) && segment === undefined) segment = undefined;
    else if (segment === undefined) segment = w;
    else throw new CommandUsageError(command, 'error.unexpected', { word: w });
  }
  return { segment, period };
}

const DIGEST_SUBS: Record<string, 'preview' | 'send' | 'schedule' | 'channel' | 'managers'> = {
  preview: 'preview',
  预览: 'preview',
  send: 'send',
  发送: 'send',
  schedule: 'schedule',
  时间: 'schedule',
  定时: 'schedule',
  channel: 'channel',
  频道: 'channel',
  managers: 'managers',
  manager: 'managers',
  管理者: 'managers',
  经理: 'managers',
};

/** `/growth digest [preview|send|schedule <周三 14:00|cron>|channel <#channel>|managers @a @b]`. */
function parseDigest(words: string[]): ParsedCommand {
  const [first, ...rest] = words;
  if (first === undefined) return { name: 'growth', action: 'digest', sub: 'show' };
  const sub = DIGEST_SUBS[first.toLowerCase()];
  if (!sub) throw new CommandUsageError('growth', 'error.digestAction');
  if (sub === 'preview' || sub === 'send') {
    if (rest.length) throw new CommandUsageError('growth', 'error.unexpected', { word: rest[0] as string });
    return { name: 'growth', action: 'digest', sub };
  }
  if (sub === 'schedule') {
    const text = rest.join(' ');
    const cron = parseSchedule(text);
    if (!cron) throw new CommandUsageError('growth', 'error.badSchedule', { text });
    return { name: 'growth', action: 'digest', sub, cron, text };
  }
  if (sub === 'channel') {
    const [word, ...more] = rest;
    if (more.length) throw new CommandUsageError('growth', 'error.unexpected', { word: more[0] as string });
    const channel = word === undefined ? undefined : channelId(word);
    if (!channel) throw new CommandUsageError('growth', 'error.badChannel', { text: word ?? '' });
    return { name: 'growth', action: 'digest', sub, channel };
  }
  if (rest.length === 0) throw new CommandUsageError('growth', 'error.managersNeedMention');
  const managers = rest.map((w) => {
    const person = personWord(w);
    if (!person) throw new CommandUsageError('growth', 'error.notMention', { word: w });
    return person;
  });
  return { name: 'growth', action: 'digest', sub, managers: uniquePeople(managers) };
}

/** Reads `/roi 抖音 上周`, `/kpi log spend 12000 douyin 2026-11-20` … into a command; throws CommandUsageError. */
export function parseCommand(command: string, text: string): ParsedCommand {
  const name = command.replace(/^\//, '').toLowerCase() as CommandName;
  if (!COMMAND_NAMES.includes(name)) throw new CommandUsageError(undefined, 'error.unknownCommand', { name: command });
  if (text.length > MAX_COMMAND_TEXT) throw new CommandUsageError(name, 'error.tooLong', { max: MAX_COMMAND_TEXT });
  const words = tokenize(text);
  switch (name) {
    case 'roi':
      return { name, ...optionalPair(name, words, true) };
    case 'retention': {
      const modeIndex = words.findIndex((w) => RETENTION_MODES[w.toLowerCase()] !== undefined);
      const mode =
        modeIndex >= 0 ? (RETENTION_MODES[(words[modeIndex] as string).toLowerCase()] as 'd1' | 'd7' | 'd30' | 'cohorts') : 'overview';
      const rest = words.filter((_, i) => i !== modeIndex);
      // "d14", "14留", "14日留存": a retention day we do not track is not a channel name.
      const otherDay = rest.find((w) => /^(d\d+|\d+留|\d+日留存)$/i.test(w));
      if (otherDay) throw new CommandUsageError(name, 'error.unsupportedRetentionDay', { text: otherDay, supported: 'd1, d7, d30' });
      return { name, mode, ...optionalPair(name, rest, true) };
    }
    case 'kpi': {
      const [action, ...rest] = words;
      const a = action?.toLowerCase();
      if (a === 'list' || a === '列表') {
        if (rest.length) throw new CommandUsageError(name, 'error.unexpected', { word: rest[0] as string });
        return { name, action: 'list' };
      }
      if (a === 'log' || a === '记录') {
        const [metric, value, ...more] = rest;
        if (!metric || value === undefined) throw new CommandUsageError(name, 'error.kpiLogNeeds');
        let segment: string | undefined;
        let day: string | undefined;
        for (const w of more) {
          if (looksLikeDate(w)) throw new CommandUsageError(name, 'error.notADate', { text: w });
          if (isPeriodWord(w) && day === undefined) day = w;
          else if (segment === undefined) segment = w;
          else throw new CommandUsageError(name, 'error.unexpected', { word: w });
        }
        return { name, action: 'log', metric, value, segment, day };
      }
      if (a === 'why' || a === '为什么') {
        const [metric, period, ...more] = rest;
        if (!metric) throw new CommandUsageError(name, 'error.kpiWhyNeeds');
        if (period !== undefined && !isPeriodWord(period)) throw new CommandUsageError(name, 'error.badPeriod', { text: period });
        if (more.length) throw new CommandUsageError(name, 'error.unexpected', { word: more[0] as string });
        return { name, action: 'why', metric, period };
      }
      if (a === 'undo' || a === '撤销' || a === '撤回') {
        if (rest.length) throw new CommandUsageError(name, 'error.unexpected', { word: rest[0] as string });
        return { name, action: 'undo' };
      }
      if (a === 'delete' || a === 'del' || a === 'remove' || a === '删除') {
        const [metric, ...more] = rest;
        const { segment, period } = optionalPair(name, more, false);
        if (!metric || period === undefined) throw new CommandUsageError(name, 'error.kpiDeleteNeeds');
        return { name, action: 'delete', metric, segment, period };
      }
      if (a === 'show' || a === '查看' || a === '看') {
        const [metric, ...more] = rest;
        if (!metric) throw new CommandUsageError(name, 'error.kpiShowNeeds');
        return { name, action: 'show', metric, ...optionalPair(name, more, true) };
      }
      throw action ? new CommandUsageError(name, 'error.unknownAction', { action }) : new CommandUsageError(name, 'error.kpiAction');
    }
    case 'alerts':
      return { name, args: words };
    case 'growth': {
      const [action, ...rest] = words;
      const a = (action ?? 'help').toLowerCase();
      if (a === 'help' || a === '帮助') return { name, action: 'help' };
      if (a === 'digest' || a === '周报') return parseDigest(rest);
      if (a === 'settings' || a === '设置') {
        const [key, ...words] = rest;
        if (!key) return { name, action: 'settings' };
        const k = SETTING_WORDS[key.toLowerCase()];
        // `ltv horizon 90` and `ltv 周期 90` read as `ltv 90`.
        const value = k === 'ltv' ? words.filter((w) => !/^(horizon|周期)$/i.test(w)) : words;
        if (!k || value.length !== 1) throw new CommandUsageError(name, 'error.settingsTakes');
        return { name, action: 'settings', key: k, value: value[0] };
      }
      if (a === 'channel' || a === 'channels' || a === '渠道') return parseChannels(rest);
      if (a === 'owners' || a === '负责人') {
        const [metric, owner, ...more] = rest;
        if (more.length) throw new CommandUsageError(name, 'error.unexpected', { word: more[0] as string });
        if (metric && !owner) throw new CommandUsageError(name, 'error.ownersNeedMention');
        const person = owner === undefined ? undefined : personWord(owner);
        if (owner !== undefined && !person) throw new CommandUsageError(name, 'error.notMention', { word: owner });
        return { name, action: 'owners', metric, owner: person };
      }
      if (a === 'members' || a === 'member' || a === '成员') {
        if (rest.length) throw new CommandUsageError(name, 'error.unexpected', { word: rest[0] as string });
        return { name, action: 'members' };
      }
      if (a === 'sources' || a === 'source' || a === '数据源') return parseSources(rest);
      if (CHECKIN_WORDS.has(a)) return { name, action: 'checkin', checkin: parseCheckin(rest) };
      const meeting = parseMeetingCommand(text);
      if (meeting) return { name, action: 'meeting', meeting };
      throw new CommandUsageError(name, 'error.unknownAction', { action: action as string });
    }
  }
}

/** `/growth sources` lists them; `/growth sources run <name>` (`数据源 运行 <名称>`) runs one now. */
function parseSources(words: string[]): ParsedCommand {
  const [verb, source, ...more] = words;
  if (verb === undefined) return { name: 'growth', action: 'sources' };
  if (!/^(run|运行)$/i.test(verb)) throw new CommandUsageError('growth', 'error.unexpected', { word: verb });
  if (!source) throw new CommandUsageError('growth', 'sources.runNeeds');
  if (more.length) throw new CommandUsageError('growth', 'error.unexpected', { word: more[0] as string });
  return { name: 'growth', action: 'sources', run: source };
}
