import type { DigestDeliveryDeps } from '../core/digest/send-digest.ts';
import { alertsEvaluateJob } from './alerts-evaluate.job.ts';
import { alertsRemindJob } from './alerts-remind.job.ts';
import { digestJob } from './digest.job.ts';
import type { JobDefinition } from './scheduler.ts';

/** What the jobs need from the running app. */
export type JobDeps = DigestDeliveryDeps;

/**
 * The scheduled jobs of the product, each one JobDefinition per workspace and one file: the weekly digest
 * (Wednesday 14:00 by default, where a digest channel is set), rule evaluation daily at the workspace's chosen
 * hour, and the reminder pass every five minutes (only where alerts are set up). The hourly purge is not per
 * workspace: purge.job.ts.
 */
export function createJobs(deps: JobDeps): JobDefinition[] {
  return [digestJob(deps), alertsEvaluateJob(deps.store), alertsRemindJob(deps.store)];
}
