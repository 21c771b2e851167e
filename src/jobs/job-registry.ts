import type { JobDefinition } from './scheduler.ts';

/**
 * The scheduled jobs of the product. The Alerts and Digest issues add theirs here (rule evaluation at a
 * workspace-chosen hour, the weekly digest at Wednesday 14:00 by default); each is one JobDefinition.
 */
export const JOBS: JobDefinition[] = [];
