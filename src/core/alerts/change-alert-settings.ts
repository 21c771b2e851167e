// The workspace's alert settings as use cases: where alerts go, the evaluation hour, what a reaction does, a
// metric's target. Each saves the settings with its audit entry in one transaction.
import type { Workspace } from '../ports/workspace.ts';
import type { AlertAction } from './alert-lifecycle.ts';
import { alertSettings, customReactions, targetsOf, withAlertSettings } from './alert-settings.ts';
import type { TargetSetting } from './evaluate-rule.ts';
import { type AuditNote, changeWithAudit, type RuleChanger } from './manage-rules.ts';

/**
 * Saves a change to the workspace's alert settings (`alerts` part patched by `patch`, other settings keys set by
 * `extra`: targets) with its audit entry. Returns the workspace as it now is.
 */
function changeAlertSettings(
  by: RuleChanger,
  patch: Record<string, unknown>,
  audit: AuditNote,
  extra: Record<string, unknown> = {},
): Promise<Workspace> {
  return changeWithAudit(by, async (tx) => {
    const alerts = Object.keys(patch).length ? withAlertSettings(by.workspace, patch) : by.workspace.settings;
    const settings = { ...alerts, ...extra };
    return { result: await tx.workspaces.update(by.workspace.id, { settings }), audit };
  });
}

/** Alerts go to this channel from now on. */
export function setAlertChannel(by: RuleChanger, channel: string): Promise<Workspace> {
  const before = alertSettings(by.workspace).channel;
  return changeAlertSettings(by, { channel }, { action: 'alerts.channel', target: channel, before, after: channel });
}

/** The daily evaluation runs at this hour (0–23, the workspace's timezone). */
export function setEvaluationHour(by: RuleChanger, hour: number): Promise<Workspace> {
  const before = alertSettings(by.workspace).hour;
  return changeAlertSettings(by, { hour }, { action: 'alerts.hour', target: 'hour', before, after: hour });
}

/** What a reaction named `name` does on an alert message (null: nothing, even for a default one). */
export function setReaction(by: RuleChanger, name: string, action: AlertAction | null): Promise<Workspace> {
  const reactions = { ...customReactions(by.workspace), [name]: action };
  return changeAlertSettings(by, { reactions }, { action: 'alerts.reaction', target: name, after: action });
}

/** A metric's target (target rules and the playbook compare against it). */
export function setTarget(by: RuleChanger, metricKey: string, target: TargetSetting): Promise<Workspace> {
  const before = targetsOf(by.workspace)[metricKey];
  const targets = { ...targetsOf(by.workspace), [metricKey]: target };
  return changeAlertSettings(by, {}, { action: 'alerts.target', target: metricKey, before, after: target }, { targets });
}
