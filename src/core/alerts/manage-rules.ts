import { ruleSignature } from './rule-signature.ts';
// Rule management as use cases: each change lands in one transaction with its audit entry and the messages it
// causes. Turning a rule off or removing it resolves its open alerts in the name of whoever did it, in the same
// transaction, so the posted messages update (no buttons left) and say who closed them.

import { NotFoundError } from '../errors.ts';
import type { AlertRule, NewAlertRule } from '../ports/alerts.ts';
import type { Store, TransactionScope } from '../ports/store.ts';
import type { Workspace } from '../ports/workspace.ts';
import { onAction } from './alert-lifecycle.ts';
import { loadNames } from './alert-names.ts';
import { alertSettings, alertsEnabled, targetsOf, withAlertSettings } from './alert-settings.ts';
import { AlertConflictError, applyOutcome } from './apply-outcome.ts';
import { PLAYBOOK_TARGETS, playbookRules } from './playbook.ts';

/** Who changes what, where and when: the audit's actor, and who the closed alerts say resolved them. */
export interface RuleChanger {
  store: Store;
  workspace: Workspace;
  memberId: string;
  now: Date;
  /** The conversation the change came from: alerts go there when no channel was chosen yet. */
  channel?: string;
}

/** What the audit log records about a change. */
export interface AuditNote {
  action: string;
  target: string;
  before?: unknown;
  after?: unknown;
}

const ATTEMPTS = 3;

/** The rule was removed by someone else meanwhile: the transaction rolls back and the removal answers false. */
class RuleGoneError extends NotFoundError {
  constructor(ruleId: string) {
    super(`alert rule ${ruleId}`);
  }
}

/**
 * Runs `work` in one transaction and appends its audit entry there. `prepare` reads what the work needs
 * beforehand (reads stay outside the transaction); a change that raced an alert action (the alert moved
 * between our read and our write) rolls back and is read and tried again, a few times.
 */
export async function changeWithAudit<T, P = undefined>(
  by: RuleChanger,
  work: (tx: TransactionScope, prepared: P) => Promise<{ result: T; audit?: AuditNote }>,
  prepare: () => Promise<P> = async () => undefined as P,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const prepared = await prepare();
    try {
      return await by.store.transaction(async (tx) => {
        const { result, audit } = await work(tx, prepared);
        if (audit) await tx.audit.append({ workspaceId: by.workspace.id, actor: by.memberId, ...audit });
        return result;
      });
    } catch (error) {
      if (!(error instanceof AlertConflictError) || attempt >= ATTEMPTS) throw error;
    }
  }
}

/** How to resolve the open alerts of these rules in the changer's name: read now, written later through `tx`. */
async function closerFor(by: RuleChanger, rules: readonly AlertRule[]): Promise<(tx: TransactionScope) => Promise<void>> {
  if (rules.length === 0) return async () => {};
  const names = await loadNames(by.store, by.workspace);
  const open = await Promise.all(rules.map(async (rule) => ({ rule, alerts: await by.store.alerts.listOpen(by.workspace.id, rule.id) })));
  return async (tx) => {
    for (const { rule, alerts } of open)
      for (const alert of alerts)
        await applyOutcome(tx, onAction(alert, { kind: 'resolve' }, by.memberId, by.now), rule, names, alert, by.now);
  };
}

/** The settings that send alerts somewhere: enabled, and the change's conversation when no channel was chosen. */
function enabledSettings(by: RuleChanger): Record<string, unknown> {
  const settings = alertSettings(by.workspace);
  return withAlertSettings(by.workspace, { enabled: true, ...(settings.channel || !by.channel ? {} : { channel: by.channel }) });
}

/** Saves a new rule and turns alerts on for the workspace. Returns the rule and the workspace as it now is. */
export async function addRule(
  by: RuleChanger,
  rule: Omit<NewAlertRule, 'workspaceId' | 'createdBy' | 'enabled'>,
): Promise<{ rule: AlertRule; workspace: Workspace }> {
  return changeWithAudit(by, async (tx) => {
    const created = await tx.alerts.createRule({ ...rule, workspaceId: by.workspace.id, enabled: true, createdBy: by.memberId });
    // Settings are written only when they change: a rewrite from this snapshot could undo a concurrent settings change.
    const settled = alertsEnabled(by.workspace) && (alertSettings(by.workspace).channel || !by.channel);
    const workspace = settled ? by.workspace : await tx.workspaces.update(by.workspace.id, { settings: enabledSettings(by) });
    return { result: { rule: created, workspace }, audit: { action: 'alerts.rule.add', target: created.id, after: created } };
  });
}

/** Changes a rule's condition, scope or options. */
export function editRule(by: RuleChanger, rule: AlertRule, patch: Partial<NewAlertRule>): Promise<AlertRule> {
  return changeWithAudit(by, async (tx) => {
    const updated = await tx.alerts.updateRule(by.workspace.id, rule.id, patch);
    return { result: updated, audit: { action: 'alerts.rule.edit', target: rule.id, before: rule, after: updated } };
  });
}

/**
 * Removes a rule; its open alerts are resolved first, in the same transaction. false when someone removed it
 * first (two people pressing at once): then nothing is written and nothing is audited twice.
 */
export async function removeRule(by: RuleChanger, rule: AlertRule): Promise<boolean> {
  try {
    return await changeWithAudit(
      by,
      async (tx, close) => {
        await close(tx);
        if (!(await tx.alerts.removeRule(by.workspace.id, rule.id))) throw new RuleGoneError(rule.id);
        return { result: true, audit: { action: 'alerts.rule.remove', target: rule.id, before: rule } };
      },
      () => closerFor(by, [rule]),
    );
  } catch (error) {
    if (error instanceof RuleGoneError) return false;
    throw error;
  }
}

/** Turns a rule on or off; off resolves its open alerts in the same transaction. */
export async function setRuleEnabled(by: RuleChanger, rule: AlertRule, enabled: boolean): Promise<void> {
  await changeWithAudit(
    by,
    async (tx, close) => {
      await close(tx);
      await tx.alerts.updateRule(by.workspace.id, rule.id, { enabled });
      return { result: undefined, audit: { action: enabled ? 'alerts.rule.on' : 'alerts.rule.off', target: rule.id } };
    },
    () => closerFor(by, enabled ? [] : [rule]),
  );
}

/** Adds the playbook's rules the workspace does not have yet, and its targets where it has none. Returns the rules added. */
export async function enablePlaybook(by: RuleChanger, locale: Workspace['locale']): Promise<{ added: AlertRule[]; workspace: Workspace }> {
  const rules = await by.store.alerts.listRules(by.workspace.id);
  const have = new Set(rules.map((r) => r.playbookKey).filter(Boolean));
  // A playbook rule someone already added by hand is not added twice (it would alert twice).
  const same = new Set(rules.map(ruleSignature));
  return changeWithAudit(by, async (tx) => {
    const added: AlertRule[] = [];
    for (const rule of playbookRules(by.workspace.id, locale, by.memberId))
      if (!have.has(rule.playbookKey) && !same.has(ruleSignature(rule))) added.push(await tx.alerts.createRule(rule));
    // The playbook's targets fill in where the workspace has none.
    const targets = { ...PLAYBOOK_TARGETS, ...targetsOf(by.workspace) };
    const workspace = await tx.workspaces.update(by.workspace.id, { settings: { ...enabledSettings(by), targets } });
    const keys = added.map((r) => r.playbookKey);
    return { result: { added, workspace }, audit: { action: 'alerts.playbook.on', target: 'playbook', after: keys } };
  });
}

/** Removes the playbook's rules, resolving their open alerts. Returns how many there were. */
export async function disablePlaybook(by: RuleChanger): Promise<number> {
  const rules = (await by.store.alerts.listRules(by.workspace.id)).filter((r) => r.playbookKey);
  return changeWithAudit(
    by,
    async (tx, close) => {
      await close(tx);
      for (const r of rules) await tx.alerts.removeRule(by.workspace.id, r.id);
      return { result: rules.length, audit: { action: 'alerts.playbook.off', target: 'playbook', before: rules.length } };
    },
    () => closerFor(by, rules),
  );
}
