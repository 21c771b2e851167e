// The alert message and its thread replies, as neutral views: pure, from the alert and what names it.
import { formatChange, formatValue } from '../format/format-value.ts';
import { whyText } from '../format/why-text.ts';
import type { Locale } from '../i18n/locale.ts';
import { t } from '../i18n/messages.ts';
import { newActionButton } from '../meeting/action-button.ts';
import { reasonText } from '../metrics/anomaly.ts';
import type { MetricDefinition } from '../metrics/metric-definition.ts';
import type { Alert, AlertRule } from '../ports/alerts.ts';
import { formatMoment } from '../time/zoned-today.ts';
import { mention } from '../views/mention.ts';
import { bold } from '../views/rich-text.ts';
import type { Severity, View, ViewElement } from '../views/view.ts';
import type { ReplyKind } from './alert-lifecycle.ts';
import { describeCondition } from './describe-rule.ts';
import type { TargetSetting } from './evaluate-rule.ts';

export const ALERT_ACTIONS = {
  ack: 'gb.alert.ack',
  resolve: 'gb.alert.resolve',
  /** One id per duration: Slack refuses two buttons with one action_id in a block. */
  snooze: (minutes: number) => `gb.alert.snooze.${minutes}`,
} as const;

export interface AlertViewContext {
  locale: Locale;
  timezone: string;
  currency: string;
  rule: AlertRule;
  /** The metric the alert is about (for freshness over `*`, the quiet metric). */
  metric: MetricDefinition | undefined;
  /** The segment's display name, or "" for the total. */
  segmentName: string;
  /** Any segment's display name (the channels named in "why it moved"). */
  nameOf?: (segment: string) => string;
  /** Platform user ids to mention. */
  owners: string[];
  /** The platform user id of whoever set the current state, if a person. */
  stateBy?: string;
  targets?: Record<string, TargetSetting>;
}

const SEVERITY: Record<AlertRule['severity'], Severity> = { info: 'info', warning: 'warning', critical: 'critical' };
const ICON: Record<Alert['state'], string> = { firing: '🔴', acknowledged: '🟡', snoozed: '💤', resolved: '✅' };

function subjectName(ctx: AlertViewContext, locale: Locale): string {
  const metricName = ctx.metric?.names[locale] ?? ctx.rule.metric;
  return ctx.segmentName ? `${ctx.segmentName} · ${metricName}` : metricName;
}

function stateLine(alert: Alert, ctx: AlertViewContext): string {
  const { locale, timezone } = ctx;
  const who = ctx.stateBy ? mention(ctx.stateBy) : t(locale, 'alert.bySystem');
  const when = alert.stateAt ? formatMoment(alert.stateAt, timezone, locale) : '';
  switch (alert.state) {
    case 'firing':
      return alert.recoveredStreak > 0
        ? t(locale, 'alert.state.recovering', { n: alert.recoveredStreak, m: ctx.rule.recoveryEvaluations })
        : t(locale, 'alert.state.firing', { since: formatMoment(alert.firedAt, timezone, locale) });
    case 'acknowledged':
      return t(locale, 'alert.state.acknowledged', { who, when });
    case 'snoozed':
      return t(locale, 'alert.state.snoozed', { who, until: alert.snoozedUntil ? formatMoment(alert.snoozedUntil, timezone, locale) : '' });
    case 'resolved':
      return t(locale, 'alert.state.resolved', { who, when });
  }
}

function trendText(alert: Alert, ctx: AlertViewContext): string | undefined {
  const unit = ctx.metric?.unit ?? 'count';
  const { locale } = ctx;
  if (ctx.rule.params.type === 'freshness')
    return alert.detail.lastDay ? t(locale, 'alert.lastData', { day: alert.detail.lastDay, days: alert.value ?? 0 }) : undefined;
  // A weekly metric (NPS) has most days empty: show the days with a value.
  const known = alert.detail.trend.filter((p) => p.value !== null);
  const points = known.length ? known : alert.detail.trend;
  if (points.length === 0) return undefined;
  const series = points.map((p) => `${p.day.slice(5)} ${formatValue(p.value, unit, locale, ctx.currency)}`).join(' → ');
  // A rule defined relatively (ROI down 10% a day) shows its relative steps and, for a percentage, the points too.
  const steps = alert.detail.trend.slice(-((alert.detail.changes?.length ?? 0) + 1));
  const changes = alert.detail.changes?.length
    ? ` (${alert.detail.changes
        .map((c, i) => {
          const text = formatChange({ kind: c.absolute ? 'absolute' : 'percent', value: c.value }, unit, locale, ctx.currency);
          const [a, b] = [steps[i]?.value, steps[i + 1]?.value];
          if (c.absolute || unit !== 'percent' || a == null || b == null) return text;
          return `${text} / ${formatChange({ kind: 'absolute', value: b - a }, unit, locale, ctx.currency)}`;
        })
        .join(', ')})`
    : '';
  return `${t(locale, 'alert.trend')}: ${series}${changes}`;
}

/** Waiting out its recovery: the value no longer breaks the rule, and the message must not say it does. */
const recovering = (alert: Alert) => alert.state !== 'resolved' && alert.recoveredStreak > 0;

function summaryText(alert: Alert, ctx: AlertViewContext, subject: string, value: string, condition: string): string {
  const day = alert.detail.valueDay ?? alert.detail.day;
  if (!recovering(alert)) return t(ctx.locale, 'alert.summary', { subject, value, day, condition });
  return t(ctx.locale, 'alert.summaryRecovering', {
    subject,
    value,
    day,
    condition,
    n: alert.recoveredStreak,
    m: ctx.rule.recoveryEvaluations,
  });
}

/** The alert message: metric, segment, value against the rule, the trend, the owners, the note, the state and the buttons. */
export function alertView(alert: Alert, ctx: AlertViewContext): View {
  const { locale, rule } = ctx;
  const unit = ctx.metric?.unit ?? 'count';
  const subject = subjectName(ctx, locale);
  const condition = describeCondition(rule, ctx.metric, locale, ctx.targets, ctx.currency);
  const value =
    rule.params.type === 'freshness'
      ? t(locale, 'alert.quietDays', { days: alert.value ?? 0 })
      : formatValue(alert.value, unit, locale, ctx.currency);
  const owners = ctx.owners.length ? ctx.owners.map(mention).join(' ') : t(locale, 'alert.noOwner');
  const elements: ViewElement[] = [
    { type: 'header', text: `${ICON[alert.state]} ${t(locale, 'alert.header', { subject })}` },
    { type: 'text', text: summaryText(alert, ctx, subject, value, condition) },
    {
      type: 'fields',
      fields: [
        { label: t(locale, 'alert.field.value'), value },
        { label: t(locale, 'alert.field.rule'), value: `${rule.name}: ${condition}` },
        { label: t(locale, 'alert.field.owner'), value: owners },
        { label: t(locale, 'alert.field.state'), value: stateLine(alert, ctx) },
      ],
    },
  ];
  const trend = trendText(alert, ctx);
  if (trend) elements.push({ type: 'context', text: trend });
  const a = alert.detail.anomaly;
  if (a) {
    const fmt = (v: number) => formatValue(v, unit, locale, ctx.currency);
    const day = alert.detail.valueDay ?? alert.detail.day;
    const reason = reasonText({ reason: a.reason, day, names: a.names, compared: a.compared }, locale);
    elements.push({
      type: 'context',
      text: t(locale, 'anomaly.expected', { expected: fmt(a.expected), low: fmt(a.low), high: fmt(a.high), reason }),
    });
  }
  // On a total: which channels moved it, in parts that add up to the change.
  if (alert.detail.why && ctx.metric && alert.segment === '')
    elements.push({ type: 'context', text: whyText(alert.detail.why, ctx.metric, locale, ctx.currency, ctx.nameOf ?? ((s) => s)) });
  if (rule.note) elements.push({ type: 'text', text: t(locale, 'alert.note', { note: rule.note }) });
  if (alert.state !== 'resolved') {
    const v = alert.id;
    elements.push({
      type: 'actions',
      actions: [
        ...(alert.state === 'acknowledged'
          ? []
          : [{ id: ALERT_ACTIONS.ack, label: t(locale, 'alert.action.ack'), value: v, style: 'primary' as const }]),
        { id: ALERT_ACTIONS.snooze(60), label: t(locale, 'alert.action.snooze1h'), value: v },
        { id: ALERT_ACTIONS.snooze(1440), label: t(locale, 'alert.action.snooze1d'), value: v },
        { id: ALERT_ACTIONS.snooze(10080), label: t(locale, 'alert.action.snooze1w'), value: v },
        { id: ALERT_ACTIONS.resolve, label: t(locale, 'alert.action.resolve'), value: v, style: 'danger' as const },
        // A tracked action on the number (a data-freshness alert is about no number).
        ...(rule.params.type === 'freshness' ? [] : [newActionButton(locale, rule.metric, alert.segment, { alert: alert.id })]),
      ],
    });
  }
  elements.push({ type: 'context', text: t(locale, 'alert.reactHint') });
  return {
    fallback: `${ICON[alert.state]} ${subject}: ${value} — ${recovering(alert) ? t(locale, 'alert.noLonger', { condition }) : condition}`,
    elements,
    severity: alert.state === 'resolved' ? 'ok' : SEVERITY[rule.severity],
  };
}

/** One line and its state, for the list of open alerts. */
export function alertSummary(alert: Alert, ctx: AlertViewContext): { line: string; status: string } {
  const { locale } = ctx;
  const condition = describeCondition(ctx.rule, ctx.metric, locale, ctx.targets, ctx.currency);
  const value =
    ctx.rule.params.type === 'freshness'
      ? t(locale, 'alert.quietDays', { days: alert.value ?? 0 })
      : formatValue(alert.value, ctx.metric?.unit ?? 'count', locale, ctx.currency);
  const owners = ctx.owners.length ? ctx.owners.map(mention).join(' ') : t(locale, 'alert.noOwner');
  return {
    line: `${ICON[alert.state]} ${bold(subjectName(ctx, locale))} ${value} — ${recovering(alert) ? t(locale, 'alert.noLonger', { condition }) : condition}`,
    status: `${stateLine(alert, ctx)} · ${t(locale, 'alert.field.owner')}: ${owners}`,
  };
}

/** A short reply in the alert's thread: a reminder, an escalation, a snooze that ran out, a recovery. */
export function alertReplyView(kind: ReplyKind, alert: Alert, ctx: AlertViewContext & { escalateTo?: string[]; actor?: string }): View {
  const { locale } = ctx;
  const owners = ctx.owners.map(mention).join(' ');
  const subject = subjectName(ctx, locale);
  const unit = ctx.metric?.unit ?? 'count';
  let text: string;
  switch (kind) {
    case 'reminder':
      text = t(locale, 'alert.reply.reminder', { owners: owners || t(locale, 'alert.noOwner'), subject, n: alert.reminders });
      break;
    case 'escalation':
      text = t(locale, 'alert.reply.escalation', {
        managers: (ctx.escalateTo ?? []).map(mention).join(' ') || t(locale, 'alert.noManager'),
        owners: owners || t(locale, 'alert.noOwner'),
        subject,
        n: alert.reminders,
      });
      break;
    case 'unsnoozed':
      text = t(locale, 'alert.reply.unsnoozed', { owners: owners || t(locale, 'alert.noOwner'), subject });
      break;
    case 'resolved':
      text =
        ctx.actor && ctx.actor !== 'system'
          ? t(locale, 'alert.reply.resolvedBy', { who: mention(ctx.actor), subject })
          : t(locale, 'alert.reply.recovered', {
              subject,
              value: formatValue(alert.value, unit, locale, ctx.currency),
              m: ctx.rule.recoveryEvaluations,
            });
      break;
  }
  return { fallback: text, elements: [{ type: 'text', text }], severity: kind === 'resolved' ? 'ok' : 'warning' };
}
