// Warning rules and the alerts they open. A rule watches one metric (one segment, every segment, or the
// total); an alert is one (rule, subject) while it is open: at most one open alert per pair.
import type { WhyMoved } from '../metrics/metric-definition.ts';

export type RuleType = 'threshold' | 'consecutive' | 'change' | 'target' | 'freshness' | 'anomaly';
export type AlertSeverity = 'info' | 'warning' | 'critical';
export type AlertState = 'firing' | 'acknowledged' | 'snoozed' | 'resolved';

/** Which days a threshold looks at: the latest complete day, the latest mature cohort, or a rolling window. */
export type RuleWindow = { kind: 'day' } | { kind: 'cohort' } | { kind: 'rolling'; days: number };

export type RuleParams =
  | { type: 'threshold'; op: 'above' | 'below'; value: number; window: RuleWindow; agenda?: boolean }
  /** `by` is a fraction (0.1 = 10%) of the day before, or percentage points as a fraction (0.1 = 10 pp) with unit `points`. */
  | { type: 'consecutive'; direction: 'fall' | 'rise'; days: number; by: number; unit: 'percent' | 'points' }
  /** The last complete ISO week or calendar month against the one before; `by` a fraction. */
  | { type: 'change'; period: 'week' | 'month'; direction: 'fall' | 'rise' | 'any'; by: number }
  /** The metric's configured target (workspace settings), over a rolling window. */
  | { type: 'target'; window: RuleWindow }
  /** No value for `days` days for a metric that normally arrives daily. */
  | { type: 'freshness'; days: number }
  /**
   * The day is unusual for its weekday (holidays against last year's, 调休 workdays against workdays); `direction`
   * bad is the metric's bad side; `min` the smallest distance from the expected value, in the metric's unit.
   */
  | { type: 'anomaly'; sensitivity: 'low' | 'medium' | 'high'; direction: 'bad' | 'any'; min?: number };

export interface AlertRule {
  id: string;
  workspaceId: string;
  name: string;
  /** A metric key; `*` for freshness over every base metric that arrives daily. */
  metric: string;
  scope: 'total' | 'segment' | 'each';
  segment?: string;
  params: RuleParams;
  severity: AlertSeverity;
  /** Member ids mentioned when the rule fires (else the segment's owner, else the metric's owner). */
  owners: string[];
  /** Per-segment owners (member ids), before the fallbacks above. */
  segmentOwners: Record<string, string[]>;
  repeatMinutes: number;
  /** After this many unacknowledged reminders, the next one escalates to `escalateTo` (member ids). */
  escalateAfter?: number;
  escalateTo: string[];
  /** Evaluations in a row the metric must be fine before the alert resolves itself (hysteresis). */
  recoveryEvaluations: number;
  /** What the owner should do (策略复盘, 体验优化 …). */
  note?: string;
  playbookKey?: string;
  enabled: boolean;
  createdBy?: string;
}

export type NewAlertRule = Omit<AlertRule, 'id'>;

/** One day of the trend that made a rule fire. */
export interface TrendPoint {
  day: string;
  value: number | null;
}

/** Why a day was unusual: weekday (the same weekday before), workday (a 调休 day), holiday or peak (last year's). */
export interface AnomalyDetail {
  expected: number;
  low: number;
  high: number;
  reason: 'weekday' | 'workday' | 'holiday' | 'peak';
  /** The holiday's or peak's name, in both languages. */
  names?: { 'zh-CN': string; en: string };
  /** Last year's day it was compared with. */
  compared?: string;
}

export interface AlertDetail {
  /** The metric the alert is about (a freshness rule over `*` names the quiet metric here). */
  metric: string;
  trend: TrendPoint[];
  /** The change that crossed the rule, when it is a change (fraction, or points when `absolute`). */
  changes?: { value: number; absolute: boolean }[];
  /** The day evaluated (the latest complete day in the workspace's timezone). */
  day: string;
  /** The last day the value covers (a cohort rule's value is the latest mature cohort's, days before). */
  valueDay?: string;
  /** The latest day with data, for freshness. */
  lastDay?: string;
  escalated?: boolean;
  /** An anomaly rule's judgement: the expected value and range, and what the day was compared with. */
  anomaly?: AnomalyDetail;
  /** On a total: which channels moved it (rate and mix parts that add up to the change). */
  why?: WhyMoved;
}

export interface Alert {
  id: string;
  workspaceId: string;
  ruleId: string;
  /** The segment ("" = total); for a freshness rule over `*`, the quiet metric's key. */
  segment: string;
  state: AlertState;
  value: number | null;
  threshold: number | null;
  detail: AlertDetail;
  firedAt: Date;
  lastNotifiedAt?: Date;
  reminders: number;
  snoozedUntil?: Date;
  recoveredStreak: number;
  /** Who set the current state (member id), and when. */
  stateBy?: string;
  stateAt?: Date;
  resolvedAt?: Date;
  channel?: string;
  /** The outbox key of the alert's message: updates and thread replies target it. */
  messageKey?: string;
  updatedAt: Date;
}

export type AlertEventType =
  | 'fired'
  | 'reminded'
  | 'escalated'
  | 'acknowledged'
  | 'snoozed'
  | 'unsnoozed'
  | 'recovering'
  | 'relapsed'
  | 'resolved';

export interface AlertEvent {
  id: number;
  workspaceId: string;
  alertId: string;
  type: AlertEventType;
  /** A member id, or `system`. */
  actor: string;
  detail?: unknown;
  at: Date;
}

/** Writes that go with outbox messages in one transaction (see TransactionScope). */
export interface AlertWriter {
  /** Opens an alert; false when one is already open for the rule and subject (another replica won). */
  open(alert: Omit<Alert, 'id' | 'updatedAt'> & { id: string }): Promise<boolean>;
  /** Saves an alert if nobody changed it since `expected` (its updatedAt); false when someone did. */
  save(alert: Alert, expected: Date): Promise<boolean>;
  appendEvent(event: Omit<AlertEvent, 'id'>): Promise<number>;
  createRule(rule: NewAlertRule): Promise<AlertRule>;
  updateRule(workspaceId: string, id: string, patch: Partial<NewAlertRule>): Promise<AlertRule>;
  /** Removes a rule and its alerts. */
  removeRule(workspaceId: string, id: string): Promise<boolean>;
}

export interface AlertRepository extends AlertWriter {
  listRules(workspaceId: string): Promise<AlertRule[]>;
  getRule(workspaceId: string, id: string): Promise<AlertRule | undefined>;
  get(workspaceId: string, id: string): Promise<Alert | undefined>;
  /** Open alerts (not resolved), oldest first; of one rule when given. */
  listOpen(workspaceId: string, ruleId?: string): Promise<Alert[]>;
  /** Alerts that fired, changed state or were open during [from, to). */
  listBetween(workspaceId: string, from: Date, to: Date): Promise<Alert[]>;
  /** The alert whose message the platform knows by this id (Slack ts in a channel, Feishu message_id). */
  findByMessage(workspaceId: string, platformMessageId: string, channel?: string): Promise<Alert | undefined>;
  events(workspaceId: string, alertId: string): Promise<AlertEvent[]>;
}
