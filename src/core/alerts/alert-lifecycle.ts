// The alert state machine, pure: findings, the passing of time and people's actions in; the next state,
// the event to log and what to tell the channel out. Nothing here reads a clock or a database.
import type { Alert, AlertEventType, AlertRule } from '../ports/alerts.ts';
import type { Finding } from './evaluate-rule.ts';

/** What the channel hears about a change: nothing new at the top except the first notice. */
export type ReplyKind = 'reminder' | 'escalation' | 'unsnoozed' | 'resolved';

export type Outcome =
  | { kind: 'none' }
  | { kind: 'fire'; alert: Alert }
  | { kind: 'change'; alert: Alert; event?: AlertEventType; actor: string; reply?: ReplyKind; detail?: unknown }
  /** An action that changes nothing: already in that state, or resolved. */
  | { kind: 'unchanged'; alert: Alert; reason: 'already' | 'resolved' };

export type AlertAction = { kind: 'ack' } | { kind: 'snooze'; minutes: number } | { kind: 'resolve' };

const SYSTEM = 'system';

/** A new or open alert meets the evaluation of its rule for one subject on one day. */
export function onFinding(open: Alert | undefined, f: Finding, rule: AlertRule, now: Date, day: string, newId: string): Outcome {
  if (f.status === 'unknown') return { kind: 'none' };
  const detail = {
    metric: f.metric,
    trend: f.trend,
    changes: f.changes,
    day,
    lastDay: f.lastDay,
    valueDay: f.valueDay,
    ...(f.why ? { why: f.why } : {}),
    ...(f.anomaly ? { anomaly: f.anomaly } : {}),
  };
  if (!open) {
    if (f.status !== 'failing') return { kind: 'none' };
    return {
      kind: 'fire',
      alert: {
        id: newId,
        workspaceId: rule.workspaceId,
        ruleId: rule.id,
        segment: f.subject,
        state: 'firing',
        value: f.value,
        threshold: f.threshold,
        detail,
        firedAt: now,
        lastNotifiedAt: now,
        reminders: 0,
        recoveredStreak: 0,
        updatedAt: now,
      },
    };
  }
  const carried = {
    ...open,
    value: f.value,
    threshold: f.threshold,
    detail: { ...detail, escalated: open.detail.escalated },
    updatedAt: now,
  };
  if (f.status === 'failing') {
    // Still failing: the message shows the latest numbers; nobody is pinged again for it.
    if (open.recoveredStreak > 0) return { kind: 'change', alert: { ...carried, recoveredStreak: 0 }, event: 'relapsed', actor: SYSTEM };
    if (open.detail.day === day && open.value === f.value) return { kind: 'none' };
    return { kind: 'change', alert: carried, actor: SYSTEM };
  }
  // Recovered on this day: counts once per evaluated day (an ingest re-evaluating the same day does not add up).
  if (open.detail.day === day && open.recoveredStreak > 0) return { kind: 'none' };
  const streak = open.recoveredStreak + 1;
  if (streak >= rule.recoveryEvaluations) {
    const resolved: Alert = { ...carried, state: 'resolved', recoveredStreak: streak, resolvedAt: now, stateBy: SYSTEM, stateAt: now };
    return { kind: 'change', alert: resolved, event: 'resolved', actor: SYSTEM, reply: 'resolved', detail: { automatic: true } };
  }
  return { kind: 'change', alert: { ...carried, recoveredStreak: streak }, event: 'recovering', actor: SYSTEM };
}

/**
 * Time passes for an open alert: a snooze that ran out while the condition still holds pings again; an
 * unacknowledged alert is reminded after the repeat interval, and escalated after `escalateAfter` reminders.
 */
export function onTick(a: Alert, rule: AlertRule, now: Date): Outcome {
  if (a.state === 'snoozed' && a.snoozedUntil && now >= a.snoozedUntil) {
    const alert: Alert = {
      ...a,
      state: 'firing',
      snoozedUntil: undefined,
      lastNotifiedAt: now,
      reminders: 0,
      detail: { ...a.detail, escalated: false },
      stateBy: SYSTEM,
      stateAt: now,
      updatedAt: now,
    };
    // Pinged again only while the condition still holds; a metric on its way back is left to recover.
    return { kind: 'change', alert, event: 'unsnoozed', actor: SYSTEM, reply: a.recoveredStreak > 0 ? undefined : 'unsnoozed' };
  }
  if (a.state !== 'firing' || a.recoveredStreak > 0 || a.detail.escalated) return { kind: 'none' };
  const since = (a.lastNotifiedAt ?? a.firedAt).getTime();
  if (now.getTime() - since < rule.repeatMinutes * 60_000) return { kind: 'none' };
  if (rule.escalateAfter !== undefined && a.reminders >= rule.escalateAfter) {
    const alert: Alert = { ...a, lastNotifiedAt: now, detail: { ...a.detail, escalated: true }, updatedAt: now };
    return { kind: 'change', alert, event: 'escalated', actor: SYSTEM, reply: 'escalation' };
  }
  const alert: Alert = { ...a, lastNotifiedAt: now, reminders: a.reminders + 1, updatedAt: now };
  return { kind: 'change', alert, event: 'reminded', actor: SYSTEM, reply: 'reminder', detail: { reminder: alert.reminders } };
}

/** Someone acts from chat. Repeating an action (a double click, a re-delivered reaction) changes nothing. */
export function onAction(a: Alert, action: AlertAction, actor: string, now: Date): Outcome {
  if (a.state === 'resolved') return { kind: 'unchanged', alert: a, reason: 'resolved' };
  const by = { stateBy: actor, stateAt: now, updatedAt: now };
  switch (action.kind) {
    case 'ack':
      if (a.state === 'acknowledged') return { kind: 'unchanged', alert: a, reason: 'already' };
      return { kind: 'change', alert: { ...a, state: 'acknowledged', snoozedUntil: undefined, ...by }, event: 'acknowledged', actor };
    case 'snooze': {
      const until = new Date(now.getTime() + action.minutes * 60_000);
      // The same snooze twice (two clicks, a retried delivery) lands once.
      if (a.state === 'snoozed' && a.snoozedUntil && Math.abs(a.snoozedUntil.getTime() - until.getTime()) < 60_000)
        return { kind: 'unchanged', alert: a, reason: 'already' };
      return {
        kind: 'change',
        alert: { ...a, state: 'snoozed', snoozedUntil: until, ...by },
        event: 'snoozed',
        actor,
        detail: { until: until.toISOString(), minutes: action.minutes },
      };
    }
    case 'resolve':
      return {
        kind: 'change',
        alert: { ...a, state: 'resolved', resolvedAt: now, ...by },
        event: 'resolved',
        actor,
        reply: 'resolved',
        detail: { automatic: false },
      };
  }
}
