import type { DigestDeliveryDeps } from '../core/digest/send-digest.ts';
import { digestJob } from './digest.job.ts';
import type { JobDefinition } from './scheduler.ts';

/** What the jobs need from the running app. */
export type JobDeps = DigestDeliveryDeps;

/**
 * The scheduled jobs of the product, each one JobDefinition: the weekly digest (Wednesday 14:00 by
 * default); the Alerts issue adds rule evaluation here.
 */
export function createJobs(deps: JobDeps): JobDefinition[] {
  return [digestJob(deps)];
}
