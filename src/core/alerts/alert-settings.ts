// A workspace's alert settings and metric targets, read from its settings (written by /alerts commands).
import type { Workspace } from '../ports/workspace.ts';
import type { AlertAction } from './alert-lifecycle.ts';
import type { TargetSetting } from './evaluate-rule.ts';

export interface AlertSettings {
  /** Where alert messages go (a Slack channel id, a Feishu chat_id, `sandbox`). */
  channel?: string;
  /** The hour (0–23, workspace timezone) of the daily evaluation. */
  hour: number;
  /** Emoji reaction name → what it does on an alert message. */
  reactions: Record<string, AlertAction>;
}

/** Slack names and Feishu emoji_type values: ✅ acknowledges, 💤 snoozes one day. */
export const DEFAULT_REACTIONS: Record<string, AlertAction> = {
  white_check_mark: { kind: 'ack' },
  heavy_check_mark: { kind: 'ack' },
  ballot_box_with_check: { kind: 'ack' },
  zzz: { kind: 'snooze', minutes: 24 * 60 },
  sleeping: { kind: 'snooze', minutes: 24 * 60 },
  DONE: { kind: 'ack' },
  CheckMark: { kind: 'ack' },
  OK: { kind: 'ack' },
  Sleepy: { kind: 'snooze', minutes: 24 * 60 },
  SLEEP: { kind: 'snooze', minutes: 24 * 60 },
};

export const DEFAULT_EVALUATION_HOUR = 9;

const record = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

function isAction(v: unknown): v is AlertAction {
  const a = record(v);
  return a.kind === 'ack' || a.kind === 'resolve' || (a.kind === 'snooze' && typeof a.minutes === 'number' && a.minutes > 0);
}

export function alertSettings(workspace: Pick<Workspace, 'settings'>): AlertSettings {
  const s = record(workspace.settings.alerts);
  const hour = typeof s.hour === 'number' && Number.isInteger(s.hour) && s.hour >= 0 && s.hour <= 23 ? s.hour : DEFAULT_EVALUATION_HOUR;
  // The workspace's own map over the defaults: an action, or null to turn a default reaction off.
  const reactions: Record<string, AlertAction> = { ...DEFAULT_REACTIONS };
  for (const [name, v] of Object.entries(record(s.reactions))) {
    if (v === null) delete reactions[name];
    else if (isAction(v)) reactions[name] = v;
  }
  return { channel: typeof s.channel === 'string' && s.channel ? s.channel : undefined, hour, reactions };
}

/** Whether the workspace has rules to evaluate (set when a rule or the playbook is added; schedules only such workspaces). */
export function alertsEnabled(workspace: Workspace): boolean {
  return record(workspace.settings.alerts).enabled === true;
}

export function targetsOf(workspace: Workspace): Record<string, TargetSetting> {
  const out: Record<string, TargetSetting> = {};
  for (const [key, v] of Object.entries(record(workspace.settings.targets))) {
    const t = record(v);
    if ((t.op === '<=' || t.op === '>=') && typeof t.value === 'number' && Number.isFinite(t.value))
      out[key] = { op: t.op, value: t.value };
  }
  return out;
}

/** The workspace's own reaction entries (without the defaults), for `/alerts reaction`. */
export function customReactions(workspace: Workspace): Record<string, unknown> {
  return record(record(workspace.settings.alerts).reactions);
}

/** The settings with the alerts part patched (the caller saves it). */
export function withAlertSettings(workspace: Pick<Workspace, 'settings'>, patch: Record<string, unknown>): Record<string, unknown> {
  return { ...workspace.settings, alerts: { ...record(workspace.settings.alerts), ...patch } };
}
