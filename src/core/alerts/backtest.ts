// Backtest before you add: how often a rule would have fired over the last 90 days of the workspace's data,
// evaluated day by day exactly as the daily evaluation does (a fire is a subject that starts failing).
import type { Locale } from '../i18n/locale.ts';
import { t } from '../i18n/messages.ts';
import { loadCatalog } from '../metrics/load-catalog.ts';
import type { AlertRule } from '../ports/alerts.ts';
import type { Store } from '../ports/store.ts';
import type { Workspace } from '../ports/workspace.ts';
import { segmentName } from '../segments/resolve-segment.ts';
import { addDays, daysBetween } from '../time/day-math.ts';
import { dayInZone } from '../time/zoned-today.ts';
import { type EvaluationInput, evaluateRule, type Finding } from './evaluate-rule.ts';
import { evaluationInput } from './evaluation-input.ts';

export const BACKTEST_DAYS = 90;
/** How many fires the chat answer lists by day and channel. */
const LISTED = 8;

export interface BacktestFire {
  day: string;
  /** "" for the total. */
  subject: string;
  value: number | null;
  expected: number | null;
}

export interface BacktestResult {
  from: string;
  to: string;
  fires: BacktestFire[];
  /** Subjects with too little history on the last day to be judged (anomaly rules). */
  young: string[];
}

/** A rule that is not saved (a backtest before adding, a listing): the defaults of a new rule around its condition. */
export function draftRule(fields: Pick<AlertRule, 'workspaceId' | 'metric' | 'params'> & Partial<AlertRule>): AlertRule {
  return {
    id: 'draft',
    name: 'draft',
    scope: 'total',
    severity: 'warning',
    owners: [],
    segmentOwners: {},
    repeatMinutes: 1440,
    escalateTo: [],
    recoveryEvaluations: 1,
    enabled: true,
    ...fields,
  };
}

/** Evaluates `rule` on each of the `days` days up to input.day; unknown days leave a subject as it was. */
export function backtestRule(rule: AlertRule, input: EvaluationInput, days = BACKTEST_DAYS): BacktestResult {
  const from = addDays(input.day, -(days - 1));
  const failing = new Map<string, boolean>();
  const fires: BacktestFire[] = [];
  let young: string[] = [];
  for (let day = from; day <= input.day; day = addDays(day, 1)) {
    const findings = evaluateRule(rule, { ...input, day });
    for (const f of findings) {
      if (f.status === 'unknown') continue;
      const now = f.status === 'failing';
      if (now && !failing.get(f.subject)) fires.push({ day: f.valueDay ?? day, subject: f.subject, value: f.value, expected: f.threshold });
      failing.set(f.subject, now);
    }
    if (day === input.day) young = findings.filter((f) => f.history).map((f) => f.subject);
  }
  return { from, to: input.day, fires, young };
}

/** Every day in [from, to] on which a rule fails, per subject (the anomalies listing): the findings themselves. */
export function failingDays(rule: AlertRule, input: EvaluationInput, from: string, to: string): Finding[] {
  const out: Finding[] = [];
  for (let day = from; day <= to; day = addDays(day, 1))
    for (const f of evaluateRule(rule, { ...input, day })) if (f.status === 'failing') out.push(f);
  return out;
}

/** The backtest of a rule on the workspace's data up to yesterday (in its timezone). */
export async function backtestWorkspaceRule(
  store: Pick<Store, 'observations' | 'metrics'>,
  workspace: Workspace,
  rule: AlertRule,
  now: Date,
  days = BACKTEST_DAYS,
): Promise<BacktestResult> {
  const day = addDays(dayInZone(now, workspace.timezone), -1);
  const catalog = await loadCatalog(store.metrics, workspace);
  const input = await evaluationInput(store, workspace, catalog, [rule], day, days);
  return backtestRule(rule, input, days);
}

/** "Backtest: over the last 90 days it would have fired 2 times: 11-03 抖音, 11-19 SEM". */
export function backtestText(result: BacktestResult, locale: Locale, nameOf: (segment: string) => string): string {
  const label = (s: string) => (s === '' ? (locale === 'zh-CN' ? '整体' : 'total') : nameOf(s));
  const days = daysBetween(result.from, result.to) + 1;
  const list = result.fires
    .slice(0, LISTED)
    .map((f) => `${f.day.slice(5)} ${label(f.subject)}`)
    .join(locale === 'zh-CN' ? '、' : ', ');
  const more = result.fires.length > LISTED ? ` ${t(locale, 'backtest.more')}` : '';
  const head = result.fires.length
    ? t(locale, result.fires.length === 1 ? 'backtest.firedOnce' : 'backtest.fired', { n: result.fires.length, list: list + more, days })
    : t(locale, 'backtest.none', { days });
  const young = result.young.length
    ? `${locale === 'zh-CN' ? '' : ' '}${t(locale, 'backtest.history', { subjects: result.young.map(label).join(locale === 'zh-CN' ? '、' : ', ') })}`
    : '';
  return head + young;
}

/** Display names of a workspace's segments, for backtest lines. */
export async function segmentNamer(store: Pick<Store, 'segments'>, workspace: Workspace): Promise<(segment: string) => string> {
  const segments = await store.segments.list(workspace.id);
  return (s) => segmentName(segments.find((x) => x.key === s) ?? s, workspace.locale);
}
