// The words of `/alerts rule add|edit`, in English and Chinese: a condition and options, read into a
// rule spec. Mistakes throw CommandUsageError with a message key (the answer shows usage in the user's language).
import type { AlertSeverity, RuleParams, RuleWindow } from '../ports/alerts.ts';
import { isSaneNumber } from '../text/numbers.ts';
import { type PersonRef, personWord, uniquePeople } from '../text/person-word.ts';
import { CommandUsageError } from '../text/usage-error.ts';
import { isPeriodWord } from '../time/period-word.ts';

export interface RuleOptions {
  severity?: AlertSeverity;
  /** People as mentioned (resolved to members by the handler); with a segment name, that segment's owners. */
  owners?: PersonRef[];
  segmentOwners?: Record<string, PersonRef[]>;
  repeatMinutes?: number;
  escalateAfter?: number;
  escalateTo?: PersonRef[];
  recoveryEvaluations?: number;
  note?: string;
}

export interface RuleSpec {
  /** The metric as typed (resolved by the handler). */
  metric?: string;
  /** A segment as typed, `each`, or undefined for the total. */
  segment?: string;
  params?: RuleParams;
  options: RuleOptions;
}

const fail = (key: Parameters<typeof errorFor>[0], params: Record<string, string | number> = {}) => errorFor(key, params);
function errorFor(
  key: 'error.ruleCondition' | 'error.ruleNumber' | 'error.ruleOption' | 'error.ruleNeeds' | 'error.unexpected' | 'error.notMention',
  params: Record<string, string | number>,
): CommandUsageError {
  return new CommandUsageError('alerts', key, params);
}

const EACH = new Set(['each', 'every', 'per-channel', '每个渠道', '各渠道', '分渠道', '逐个渠道']);
const TOTAL = new Set(['total', 'all', '总体', '整体', '全部']);
const ABOVE = new Set(['above', '>', 'over', '高于', '大于', '超过']);
const BELOW = new Set(['below', '<', 'under', '低于', '小于']);
const FALLS = new Set(['falls', 'fall', 'drops', 'declines', '连降', '连续下降', '下降']);
const RISES = new Set(['rises', 'rise', 'grows', '连升', '连续上升', '上升']);
const WOW = new Set(['wow', 'week-over-week', '周环比']);
const MOM = new Set(['mom', 'month-over-month', '月环比']);
const TARGET = new Set(['target', '目标', '未达目标']);
const QUIET = new Set(['quiet', 'stale', 'silent', '断更', '无数据', '没数据']);
const ANOMALY = new Set(['anomaly', 'anomalies', 'unusual', '异常', '异常波动']);
const SENSITIVITY: Record<string, 'low' | 'medium' | 'high'> = {
  low: 'low',
  低: 'low',
  medium: 'medium',
  中: 'medium',
  high: 'high',
  高: 'high',
};
const DIRECTION: Record<string, 'bad' | 'any'> = { bad: 'bad', 变差: 'bad', 坏: 'bad', any: 'any', both: 'any', 双向: 'any', 任意: 'any' };
const ANOMALY_OPTIONS: Record<string, 'sensitivity' | 'direction' | 'min'> = {
  sensitivity: 'sensitivity',
  灵敏度: 'sensitivity',
  direction: 'direction',
  方向: 'direction',
  min: 'min',
  最小: 'min',
  至少: 'min',
};

/** `anomaly [sensitivity low|medium|high] [direction bad|any] [min <value>]` after the anomaly word at words[i]. */
function anomalyCondition(words: string[], i: number, percentScale: boolean): { params: RuleParams; used: number } {
  const params: Extract<RuleParams, { type: 'anomaly' }> = { type: 'anomaly', sensitivity: 'medium', direction: 'bad' };
  let j = i + 1;
  for (;;) {
    const word = words[j]?.toLowerCase();
    const option = word === undefined ? undefined : ANOMALY_OPTIONS[word];
    if (!option) break;
    const next = words[j + 1] ?? '';
    if (option === 'sensitivity') {
      const s = SENSITIVITY[next.toLowerCase()];
      if (!s) throw fail('error.ruleOption', { word: next });
      params.sensitivity = s;
    } else if (option === 'direction') {
      const d = DIRECTION[next.toLowerCase()];
      if (!d) throw fail('error.ruleOption', { word: next });
      params.direction = d;
    } else {
      const min = ruleNumber(next, percentScale);
      if (min < 0) throw fail('error.ruleNumber', { word: next });
      params.min = min;
    }
    j += 2;
  }
  return { params, used: j - i };
}
const SEVERITIES: Record<string, AlertSeverity> = {
  info: 'info',
  提示: 'info',
  warning: 'warning',
  warn: 'warning',
  警告: 'warning',
  critical: 'critical',
  严重: 'critical',
};
const OPTION_WORDS: Record<string, keyof RuleOptions | 'ownerWord'> = {
  severity: 'severity',
  级别: 'severity',
  owner: 'ownerWord',
  owners: 'ownerWord',
  负责人: 'ownerWord',
  repeat: 'repeatMinutes',
  重复: 'repeatMinutes',
  提醒间隔: 'repeatMinutes',
  escalate: 'escalateAfter',
  升级: 'escalateAfter',
  recover: 'recoveryEvaluations',
  恢复: 'recoveryEvaluations',
  note: 'note',
  备注: 'note',
  建议: 'note',
};

/** "25%" → 0.25; "80" → 80. With `percentScale` (a percentage metric, a fall by), a bare number is a percent too: "25" → 0.25. */
export function ruleNumber(word: string | undefined, percentScale = false): number {
  const m = word?.match(/^([+-]?\d+(?:\.\d+)?)(%|pp|个百分点)?$/);
  if (!m) throw fail('error.ruleNumber', { word: word ?? '' });
  const n = Number(m[1]);
  // 400 nines read as Infinity: a threshold nobody can meet, saved as null.
  if (!isSaneNumber(n)) throw fail('error.ruleNumber', { word: word as string });
  return m[2] || percentScale ? n / 100 : n;
}

function daysWord(word: string | undefined): number | undefined {
  const m = word?.match(/^(\d+)(?:d|天|days?)?$/i);
  const n = m ? Number(m[1]) : Number.NaN;
  return Number.isInteger(n) && n >= 1 && n <= 90 ? n : undefined;
}

function minutesWord(word: string | undefined): number {
  const m = word?.match(/^(\d+)(m|min|分钟|h|小时|d|天)$/i);
  if (!m) throw fail('error.ruleNumber', { word: word ?? '' });
  const n = Number(m[1]);
  const unit = (m[2] as string).toLowerCase();
  const minutes = unit === 'm' || unit === 'min' || unit === '分钟' ? n : unit === 'h' || unit === '小时' ? n * 60 : n * 1440;
  if (minutes < 5 || minutes > 30 * 1440) throw fail('error.ruleNumber', { word: word as string });
  return minutes;
}

/** A window word after a threshold: `day`, `cohort`, `7d` / `近7天`; undefined when the word is something else. */
function windowWord(word: string | undefined): RuleWindow | undefined {
  if (!word) return undefined;
  const w = word.toLowerCase();
  if (w === 'day' || w === '当天' || w === '日') return { kind: 'day' };
  if (w === 'cohort' || w === '同期群') return { kind: 'cohort' };
  const m = w.match(/^(?:近|最近|last-?)?(\d+)(?:d|天)$/);
  if (m && isPeriodWord(w)) {
    const days = Number(m[1]);
    if (days >= 1 && days <= 90) return { kind: 'rolling', days };
  }
  return undefined;
}

/** Reads a condition at words[i]; returns the params and how many words it used, or undefined when words[i] starts none. */
function condition(words: string[], i: number, percentScale: boolean): { params: RuleParams; used: number } | undefined {
  const w = words[i]?.toLowerCase() ?? '';
  if (ABOVE.has(w) || BELOW.has(w)) {
    const value = ruleNumber(words[i + 1], percentScale);
    const window = windowWord(words[i + 2]);
    return {
      params: { type: 'threshold', op: ABOVE.has(w) ? 'above' : 'below', value, window: window ?? { kind: 'day' } },
      used: window ? 3 : 2,
    };
  }
  if (FALLS.has(w) || RISES.has(w)) {
    const days = daysWord(words[i + 1]);
    if (!days || days < 2) throw fail('error.ruleNumber', { word: words[i + 1] ?? '' });
    const byWord = words[i + 2] ?? '';
    const by = Math.abs(ruleNumber(byWord, true));
    const unit = /pp$|个百分点$/.test(byWord) ? 'points' : 'percent';
    return { params: { type: 'consecutive', direction: FALLS.has(w) ? 'fall' : 'rise', days, by, unit }, used: 3 };
  }
  if (WOW.has(w) || MOM.has(w)) {
    const byWord = words[i + 1] ?? '';
    const any = byWord.startsWith('±');
    const by = ruleNumber(any ? byWord.slice(1) : byWord, true);
    const direction = any ? 'any' : by < 0 ? 'fall' : 'rise';
    return { params: { type: 'change', period: WOW.has(w) ? 'week' : 'month', direction, by: Math.abs(by) }, used: 2 };
  }
  if (TARGET.has(w)) {
    const window = windowWord(words[i + 1]);
    return { params: { type: 'target', window: window ?? { kind: 'rolling', days: 7 } }, used: window ? 2 : 1 };
  }
  if (ANOMALY.has(w)) return anomalyCondition(words, i, percentScale);
  if (QUIET.has(w)) {
    const days = daysWord(words[i + 1]);
    if (!days) throw fail('error.ruleNumber', { word: words[i + 1] ?? '' });
    return { params: { type: 'freshness', days }, used: 2 };
  }
  return undefined;
}

/** The people mentioned from words[start] on, and where they end. */
function peopleFrom(words: string[], start: number): { people: PersonRef[]; end: number } {
  const people: PersonRef[] = [];
  let j = start;
  for (let person = personWord(words[j] ?? ''); person; person = personWord(words[++j] ?? '')) people.push(person);
  return { people: uniquePeople(people), end: j };
}

function readOptions(words: string[], start: number, options: RuleOptions): void {
  for (let i = start; i < words.length; ) {
    const word = words[i] as string;
    const option = OPTION_WORDS[word.toLowerCase()];
    if (!option) throw fail('error.ruleOption', { word });
    const next = words[i + 1];
    if (next === undefined) throw fail('error.ruleOption', { word });
    switch (option) {
      case 'severity': {
        const s = SEVERITIES[next.toLowerCase()];
        if (!s) throw fail('error.ruleOption', { word: next });
        options.severity = s;
        i += 2;
        break;
      }
      case 'ownerWord': {
        // owner @a @b — or owner 抖音 @a: that segment's owner.
        const segment = personWord(next) ? undefined : next;
        const { people, end } = peopleFrom(words, segment ? i + 2 : i + 1);
        if (people.length === 0) throw fail('error.notMention', { word: words[segment ? i + 2 : i + 1] ?? '' });
        if (segment) options.segmentOwners = { ...options.segmentOwners, [segment]: people };
        else options.owners = people;
        i = end;
        break;
      }
      case 'repeatMinutes':
        options.repeatMinutes = minutesWord(next);
        i += 2;
        break;
      case 'escalateAfter': {
        const k = Number(next);
        if (!Number.isInteger(k) || k < 0 || k > 20) throw fail('error.ruleNumber', { word: next });
        options.escalateAfter = k;
        const { people, end } = peopleFrom(words, i + 2);
        if (people.length) options.escalateTo = people;
        i = end;
        break;
      }
      case 'recoveryEvaluations': {
        const m = Number(next);
        if (!Number.isInteger(m) || m < 1 || m > 30) throw fail('error.ruleNumber', { word: next });
        options.recoveryEvaluations = m;
        i += 2;
        break;
      }
      case 'note':
        // The note is the rest of the line.
        options.note = words
          .slice(i + 1)
          .join(' ')
          .slice(0, 200);
        i = words.length;
        break;
      default:
        throw fail('error.ruleOption', { word });
    }
  }
}

/**
 * `<metric> [<segment>|each|total] <condition> [options]` (add), or any of condition and options (edit).
 * `percentMetric` says whether bare numbers above 1 are percents (a retention of "25" is 25%).
 */
export function parseRuleSpec(words: string[], mode: 'add' | 'edit', percentMetric: (metric: string) => boolean): RuleSpec {
  const spec: RuleSpec = { options: {} };
  let i = 0;
  if (mode === 'add') {
    spec.metric = words[0];
    if (!spec.metric) throw fail('error.ruleNeeds');
    i = 1;
    const maybeSegment = words[1];
    if (maybeSegment && !condition(words, 1, false)) {
      if (EACH.has(maybeSegment.toLowerCase())) spec.segment = 'each';
      else if (!TOTAL.has(maybeSegment.toLowerCase())) spec.segment = maybeSegment;
      i = 2;
    }
  }
  const scale = percentMetric(spec.metric ?? '');
  const found = i < words.length ? condition(words, i, scale) : undefined;
  if (found) {
    spec.params = found.params;
    i += found.used;
  } else if (mode === 'add') throw fail('error.ruleCondition', { word: words[i] ?? '' });
  readOptions(words, i, spec.options);
  return spec;
}
