import type { DigestDeliveryDeps } from '../core/digest/send-digest.ts';
import type { SourceRunDeps } from '../ingest/sources/run-source.ts';
import { DEFAULT_SOURCE_LIMITS } from '../ingest/sources/source-reader.ts';
import { actionsRemindJob } from './actions-remind.job.ts';
import { alertsEvaluateJob } from './alerts-evaluate.job.ts';
import { alertsRemindJob } from './alerts-remind.job.ts';
import { checkinJob, checkinReminderJob } from './checkin.job.ts';
import { digestJob } from './digest.job.ts';
import type { JobDefinition } from './scheduler.ts';
import { sourcesJob } from './sources.job.ts';

/** What the jobs need from the running app; data sources read `env:NAME` secrets and their limits from `sourceRun`. */
export type JobDeps = DigestDeliveryDeps & { sourceRun?: SourceRunDeps; graceMs?: number };

/**
 * The scheduled jobs of the product, each one JobDefinition per workspace and one file: the weekly digest
 * (Wednesday 14:00 by default, where a digest channel is set), rule evaluation daily at the workspace's chosen
 * hour, the reminder pass every five minutes (only where alerts are set up), the actions' due-day reminders (every
 * five minutes where a digest channel is set), and the data sources' ticks
 * (every minute, only where a source has a schedule), and the pre-meeting check-in with its reminder 2 hours
 * before the digest (where the digest is scheduled). The hourly purge is not per
 * workspace: purge.job.ts.
 */
export function createJobs(deps: JobDeps): JobDefinition[] {
  const sourceRun = deps.sourceRun ?? { env: process.env, limits: DEFAULT_SOURCE_LIMITS };
  return [
    digestJob(deps),
    alertsEvaluateJob(deps.store),
    alertsRemindJob(deps.store),
    actionsRemindJob(deps.store),
    sourcesJob(deps.store, sourceRun, deps.graceMs ?? 6 * 60 * 60 * 1000),
    checkinJob(deps),
    checkinReminderJob(deps),
  ];
}
