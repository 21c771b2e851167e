// Letting time pass on open alerts: reminders, escalations and snoozes that ran out.
import type { Store } from '../ports/store.ts';
import type { Workspace } from '../ports/workspace.ts';
import { onTick } from './alert-lifecycle.ts';
import { loadNames } from './alert-names.ts';
import { AlertConflictError, apply } from './apply-outcome.ts';

/** Reminders, escalations and snoozes that ran out, at `now`. */
export async function tickWorkspace(store: Store, workspace: Workspace, now: Date): Promise<number> {
  const open = await store.alerts.listOpen(workspace.id);
  if (open.length === 0) return 0;
  const rules = new Map((await store.alerts.listRules(workspace.id)).map((r) => [r.id, r]));
  const names = await loadNames(store, workspace);
  let changed = 0;
  for (const alert of open) {
    const rule = rules.get(alert.ruleId);
    if (!rule?.enabled) continue;
    try {
      if (await apply(store, onTick(alert, rule, now), rule, names, alert, now)) changed++;
    } catch (error) {
      if (!(error instanceof AlertConflictError)) throw error;
    }
  }
  return changed;
}
