// The meeting loop's words under /growth: note, action(s), decision (and 备注/说明, 行动, 决定). Free text —
// a note, an action, a decision — is kept as typed (its commas, its spacing), so these read the raw command
// text instead of the folded words the rest of the grammar uses; only the structure words are folded.
import { toHalfWidth } from '../text/numbers.ts';
import { type PersonRef, personWord } from '../text/person-word.ts';
import { CommandUsageError } from '../text/usage-error.ts';

/** Where an action is measured: a metric, and optionally a channel (names as typed; the use case resolves them). */
export interface ActionTarget {
  metric: string;
  segment?: string;
}

export type MeetingCommand =
  /** `next`/`afterNext`: the word after the subject and the text after it, in case the subject is a metric and `next` a channel. */
  | { kind: 'note'; subject: string; text: string; next?: string; afterNext?: string }
  | { kind: 'action-add'; text: string; owner: PersonRef; due?: string; on?: ActionTarget }
  | { kind: 'actions' }
  | { kind: 'action-close'; number: number; status: 'done' | 'dropped' }
  /** `due: null` / `on: null` clear them (`due none`, `on none`). */
  | { kind: 'action-edit'; number: number; text?: string; owner?: PersonRef; due?: string | null; on?: ActionTarget | null }
  /** `metrics`: the words after a last `on`/`指标`, if they all turn out to be metrics (the use case decides). */
  | { kind: 'decision'; text: string; tail?: { text: string; metrics: string[] } };

interface RawWord {
  word: string;
  start: number;
  end: number;
}

const NOTE_WORDS = new Set(['note', 'explain', '备注', '说明', '解释']);
const ACTION_WORDS = new Set(['action', '行动', '待办']);
const ACTIONS_WORDS = new Set(['actions', '行动列表', '待办列表']);
const DECISION_WORDS = new Set(['decision', 'decide', '决定', '决策']);
const ADD = new Set(['add', 'new', '新增', '添加', '新建']);
const LIST = new Set(['list', '列表', '查看']);
const DONE = new Set(['done', 'complete', 'close', '完成', '已完成']);
const DROP = new Set(['drop', 'cancel', '放弃', '取消']);
const EDIT = new Set(['edit', 'change', '修改', '编辑']);
const OWNER = new Set(['owner', '负责人']);
const DUE = new Set(['due', 'by', '截止', '到期']);
const ON = new Set(['on', 'metric', '指标', '关于']);
const NONE = new Set(['none', '-', '无', '不限']);

const fold = (word: string) => toHalfWidth(word.normalize('NFKC')).toLowerCase();

// Slack escapes &, < and > in what people type; free text shows them as typed.
const unescapeEntities = (text: string) =>
  text.replace(/&(lt|gt|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', amp: '&' })[e] as string).trim();

/** The raw command text split at spaces and Chinese separators, a platform mention kept whole, with positions. */
function rawWords(text: string): RawWord[] {
  return [...text.matchAll(/<[@#!][^<>]*>|[^\s，、；;]+/g)].map((m) => ({ word: m[0], start: m.index, end: m.index + m[0].length }));
}

/** The text from word `from` to before word `to` (or the end), as typed. */
function between(text: string, words: RawWord[], from: number, to = words.length): string {
  const first = words[from];
  if (!first || to <= from) return '';
  return unescapeEntities(text.slice(first.start, (words[to - 1] as RawWord).end));
}

function actionNumber(word: string | undefined): number {
  const n = word === undefined ? Number.NaN : Number(fold(word).replace(/^#/, ''));
  if (!Number.isInteger(n) || n < 1) throw new CommandUsageError('growth', 'meeting.error.actionNumber', { word: word ?? '' });
  return n;
}

/** Reads `owner @x`, `due <day>`, `on <metric> [<channel>]` from word `i` on; `edit` allows `none` and no owner. */
function readOptions(words: RawWord[], i: number, edit: boolean) {
  const out: { owner?: PersonRef; due?: string | null; on?: ActionTarget | null } = {};
  while (i < words.length) {
    const key = fold((words[i] as RawWord).word);
    const value = words[i + 1]?.word;
    if (OWNER.has(key) && out.owner === undefined) {
      const person = value === undefined ? undefined : personWord(value);
      if (!person) throw new CommandUsageError('growth', 'meeting.error.ownerNeedsMention', { word: value ?? '' });
      out.owner = person;
      i += 2;
    } else if (DUE.has(key) && out.due === undefined && value !== undefined) {
      out.due = edit && NONE.has(fold(value)) ? null : value;
      i += 2;
    } else if (ON.has(key) && out.on === undefined && value !== undefined) {
      if (edit && NONE.has(fold(value))) {
        out.on = null;
        i += 2;
        continue;
      }
      const channel = words[i + 2]?.word;
      const isKeyword = channel !== undefined && [OWNER, DUE, ON].some((set) => set.has(fold(channel)));
      out.on = channel !== undefined && !isKeyword ? { metric: value, segment: channel } : { metric: value };
      i += out.on.segment ? 3 : 2;
    } else throw new CommandUsageError('growth', 'error.unexpected', { word: (words[i] as RawWord).word });
  }
  return out;
}

/** Where `owner @x` starts the options, or -1. */
function ownerIndex(words: RawWord[]): number {
  // The last `owner @x`: an action's text may say "owner" itself ("ask the owner of 抖音 …").
  for (let i = words.length - 2; i >= 0; i--)
    if (OWNER.has(fold((words[i] as RawWord).word)) && personWord((words[i + 1] as RawWord).word)) return i;
  return -1;
}

function parseAction(text: string, words: RawWord[]): MeetingCommand {
  const sub = words[1] === undefined ? 'list' : fold(words[1].word);
  if (LIST.has(sub)) {
    if (words.length > 2) throw new CommandUsageError('growth', 'error.unexpected', { word: (words[2] as RawWord).word });
    return { kind: 'actions' };
  }
  if (ADD.has(sub)) {
    const at = ownerIndex(words);
    if (at < 0) throw new CommandUsageError('growth', 'meeting.error.actionNeedsOwner');
    const body = between(text, words, 2, at);
    if (!body) throw new CommandUsageError('growth', 'meeting.error.actionNeedsText');
    const { owner, due, on } = readOptions(words, at, false);
    return { kind: 'action-add', text: body, owner: owner as PersonRef, ...(due ? { due } : {}), ...(on ? { on } : {}) };
  }
  if (DONE.has(sub) || DROP.has(sub)) {
    const number = actionNumber(words[2]?.word);
    if (words.length > 3) throw new CommandUsageError('growth', 'error.unexpected', { word: (words[3] as RawWord).word });
    return { kind: 'action-close', number, status: DONE.has(sub) ? 'done' : 'dropped' };
  }
  if (EDIT.has(sub)) {
    const number = actionNumber(words[2]?.word);
    // New text runs up to the first option keyword that is followed by a value.
    let at = 3;
    while (at < words.length && !isOptionStart(words, at)) at++;
    const body = between(text, words, 3, at);
    const options = readOptions(words, at, true);
    if (!body && options.owner === undefined && options.due === undefined && options.on === undefined)
      throw new CommandUsageError('growth', 'meeting.error.editNeedsChange');
    return { kind: 'action-edit', number, ...(body ? { text: body } : {}), ...options };
  }
  throw new CommandUsageError('growth', 'meeting.error.actionSub', { word: (words[1] as RawWord).word });
}

function isOptionStart(words: RawWord[], i: number): boolean {
  const key = fold((words[i] as RawWord).word);
  const value = words[i + 1]?.word;
  if (value === undefined) return false;
  if (OWNER.has(key)) return personWord(value) !== undefined;
  return DUE.has(key) || ON.has(key);
}

/**
 * The meeting words of `/growth <text>`: the command, or undefined when the first word is none of them.
 * Mistakes throw CommandUsageError with a message that shows the subcommand's usage.
 */
export function parseMeetingCommand(text: string): MeetingCommand | undefined {
  const words = rawWords(text);
  const first = words[0] === undefined ? '' : fold(words[0].word);
  if (NOTE_WORDS.has(first)) {
    const subject = words[1]?.word;
    const body = between(text, words, 2);
    if (subject === undefined || !body) throw new CommandUsageError('growth', 'meeting.error.noteNeeds');
    const afterNext = between(text, words, 3);
    return {
      kind: 'note',
      subject: unescapeEntities(subject),
      text: body,
      ...(afterNext ? { next: unescapeEntities(words[2]?.word ?? ''), afterNext } : {}),
    };
  }
  if (ACTIONS_WORDS.has(first)) {
    if (words.length > 1) throw new CommandUsageError('growth', 'error.unexpected', { word: (words[1] as RawWord).word });
    return { kind: 'actions' };
  }
  if (ACTION_WORDS.has(first)) return parseAction(text, words);
  if (DECISION_WORDS.has(first)) {
    const body = between(text, words, 1);
    if (!body) throw new CommandUsageError('growth', 'meeting.error.decisionNeedsText');
    let on = -1;
    for (let i = words.length - 2; i >= 2 && on < 0; i--) if (ON.has(fold((words[i] as RawWord).word))) on = i;
    if (on < 0) return { kind: 'decision', text: body };
    const metrics = words.slice(on + 1).map((w) => unescapeEntities(w.word));
    return { kind: 'decision', text: body, tail: { text: between(text, words, 1, on), metrics } };
  }
  return undefined;
}
