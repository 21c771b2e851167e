import { t } from '../i18n/messages.ts';
import type { Source, SourceRun, SourceRunResult, SourceStatePatch } from '../ports/sources.ts';
import type { Store } from '../ports/store.ts';
import type { Workspace } from '../ports/workspace.ts';
import { notice, problem } from '../views/notice.ts';
import { code } from '../views/rich-text.ts';

/** Where source notices go: the workspace's admin channel (`adminChannel` in its settings). */
export function adminChannelOf(workspace: Workspace): string | undefined {
  return typeof workspace.settings.adminChannel === 'string' ? workspace.settings.adminChannel : undefined;
}

/**
 * Records a run's end in one transaction: the run row, the source's state, an audit entry naming the source and
 * the run, and — only on the change from working to failing, or back — one notice in the admin channel.
 */
export async function recordSourceRun(
  store: Store,
  workspace: Workspace,
  source: Source,
  run: SourceRun,
  result: SourceRunResult,
  state: SourceStatePatch,
  now: Date,
  actor: string,
): Promise<void> {
  const channel = adminChannelOf(workspace);
  const locale = workspace.locale;
  await store.transaction(async (tx) => {
    await tx.sources.finishRun(workspace.id, run.id, result, now, state);
    await tx.audit.append({
      workspaceId: workspace.id,
      actor,
      action: result.error ? 'source.run.failed' : 'source.run',
      target: source.name,
      after: { run: run.id, trigger: run.trigger, since: run.since, ...result },
    });
    if (result.error) {
      if (!(await tx.sources.markFailing(workspace.id, source.id, now)) || !channel) return;
      const text = t(locale, 'sources.failed', { source: source.name, error: code(result.error.slice(0, 300)) });
      await tx.outbox.enqueue({
        workspaceId: workspace.id,
        key: `notice:source-failed:${source.id}:${run.id}`,
        kind: 'post',
        channel,
        payload: problem(text, { shared: true }),
        availableAt: now,
      });
    } else if ((await tx.sources.markRecovered(workspace.id, source.id)) && channel) {
      const text = t(locale, 'sources.recovered', { source: source.name, inserted: result.inserted, updated: result.updated });
      await tx.outbox.enqueue({
        workspaceId: workspace.id,
        key: `notice:source-recovered:${source.id}:${run.id}`,
        kind: 'post',
        channel,
        payload: notice(text, { severity: 'ok', shared: true }),
        availableAt: now,
      });
    }
  });
}
