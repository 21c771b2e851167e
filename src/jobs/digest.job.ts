import { DEFAULT_DIGEST_CRON, digestSettings } from '../core/digest/digest-settings.ts';
import { type DigestDeliveryDeps, sendDigest } from '../core/digest/send-digest.ts';
import type { JobDefinition } from './scheduler.ts';

/**
 * The weekly digest: `0 14 * * 3` (Wednesday 14:00) in the workspace's timezone unless its settings say
 * otherwise, only where a digest channel is set. The slot's time decides the week, so a slot caught up
 * after an outage sends the same week's digest, once (the outbox key is per workspace and week).
 */
export function digestJob(deps: DigestDeliveryDeps): JobDefinition {
  return {
    name: 'digest',
    cronFor(workspace) {
      const settings = digestSettings(workspace);
      return settings.channel ? (settings.cron ?? DEFAULT_DIGEST_CRON) : undefined;
    },
    async run(workspace, slotAt) {
      // The scheduler's copy may predate a settings change (a new channel): read the workspace again.
      const current = (await deps.store.workspaces.get(workspace.id)) ?? workspace;
      const result = await sendDigest(deps, current, slotAt);
      return result.status === 'queued'
        ? `queued ${result.key}`
        : result.status === 'duplicate'
          ? `already queued ${result.key}`
          : 'no channel';
    },
  };
}
