// Per-workspace schedules in each workspace's timezone. Every replica schedules everything; the database
// coordinator lets one run each slot. The cron callback stays thin: it calls the job with the workspace.
import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from '../base/logging/logger.ts';
import type { Store } from '../core/ports/store.ts';
import type { Workspace } from '../core/ports/workspace.ts';
import { createDbRunCoordinator } from './db-run-coordinator.ts';

export interface JobDefinition {
  name: string;
  /** The workspace's cron expression for this job, or undefined when it does not run there. */
  cronFor(workspace: Workspace): string | undefined;
  /** Runs one slot; the returned text is recorded as the slot's result. */
  run(workspace: Workspace, slotAt: Date): Promise<string | undefined>;
}

export interface SchedulerOptions {
  store: Store;
  jobs: JobDefinition[];
  logger: Logger;
  replica: string;
  /** How far back a slot missed while no process ran is still run at start (default 6 h). */
  graceMs?: number;
  /**
   * Driven by ticks (`catchUp(now)` with an injected clock) instead of node-cron's wall time: tests run a
   * compressed clock through real processes this way.
   */
  ticks?: boolean;
}

export interface ScheduledJob {
  job: string;
  workspaceId: string;
  cron: string;
  timezone: string;
  nextRun?: Date;
}

export function createScheduler(options: SchedulerOptions) {
  const { store, logger } = options;
  const outcomes = new Map<string, string>();
  const coordinator = createDbRunCoordinator(store.jobSlots, options.replica, outcomes);
  const tasks = new Map<string, { task: ScheduledTask; job: JobDefinition; workspace: Workspace; cron: string }>();
  const graceMs = options.graceMs ?? 6 * 60 * 60 * 1000;

  async function runJob(name: string, job: JobDefinition, workspace: Workspace, slotAt: Date): Promise<void> {
    // One workspace's failure is recorded and logged; it never stops the others.
    try {
      // The workspace as it is now (its settings may have changed since it was scheduled).
      const current = (await store.workspaces.get(workspace.id)) ?? workspace;
      outcomes.set(name, (await job.run(current, slotAt)) ?? 'ok');
    } catch (error) {
      outcomes.set(name, `failed: ${(error as Error).message}`.slice(0, 500));
      logger.error('scheduled job failed', { job: job.name, workspace: workspace.id, slot: slotAt.toISOString(), error });
    }
  }

  function taskFor(job: JobDefinition, workspace: Workspace, expression: string, start: boolean): ScheduledTask {
    const name = `${job.name}:${workspace.id}`;
    const options = {
      name,
      timezone: workspace.timezone,
      noOverlap: true,
      distributed: true,
      runCoordinator: coordinator,
      suppressMissedWarning: true,
    };
    const fn = (ctx: { date: Date }) => runJob(name, job, workspace, ctx.date);
    return start ? cron.schedule(expression, fn, options) : cron.createTask(expression, fn, options);
  }

  return {
    /** Schedules every job for every workspace. */
    async start(): Promise<void> {
      await this.stop();
      await this.refresh();
    },

    /**
     * Brings the schedules in line with the workspaces' settings: a new workspace or a changed digest
     * time is (re)scheduled, a removed one stopped, the rest left running. Every replica calls it
     * periodically, so a change made through any replica reaches all of them.
     */
    async refresh(): Promise<void> {
      const wanted = new Map<string, { job: JobDefinition; workspace: Workspace; cron: string }>();
      for (const workspace of await store.workspaces.list()) {
        for (const job of options.jobs) {
          const expression = job.cronFor(workspace);
          if (!expression) continue;
          if (!cron.validate(expression)) {
            logger.warn('invalid schedule skipped', { job: job.name, workspace: workspace.id, cron: expression });
            continue;
          }
          wanted.set(`${job.name}:${workspace.id}`, { job, workspace, cron: expression });
        }
      }
      for (const [name, current] of tasks) {
        const next = wanted.get(name);
        if (next && next.cron === current.cron && next.workspace.timezone === current.workspace.timezone) {
          current.workspace = next.workspace;
          continue;
        }
        await current.task.destroy();
        tasks.delete(name);
      }
      for (const [name, w] of wanted) {
        if (!tasks.has(name)) tasks.set(name, { ...w, task: taskFor(w.job, w.workspace, w.cron, !options.ticks) });
      }
    },

    /**
     * Runs, once, the most recent slot of each schedule that fell within the grace window before `now`
     * and was not run by any replica (a digest due at 14:00 still goes out at 16:00 after an outage).
     */
    async catchUp(now: Date = new Date()): Promise<{ job: string; workspaceId: string; slotAt: Date; ran: boolean }[]> {
      const done: { job: string; workspaceId: string; slotAt: Date; ran: boolean }[] = [];
      for (const { task, job, workspace } of tasks.values()) {
        const minute = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
        for (let t = minute.getTime(); t >= now.getTime() - graceMs; t -= 60_000) {
          const slotAt = new Date(t);
          if (!task.match(slotAt)) continue;
          const name = `${job.name}:${workspace.id}`;
          const key = `${name}:${slotAt.toISOString()}`;
          const ran = await coordinator.shouldRun(key, graceMs);
          if (ran) {
            await runJob(name, job, workspace, slotAt);
            await coordinator.onComplete?.(key);
          }
          done.push({ job: job.name, workspaceId: workspace.id, slotAt, ran: Boolean(ran) });
          break;
        }
      }
      return done;
    },

    /** What is scheduled, with the next run of each (for `growthbeat jobs list`). */
    list(): ScheduledJob[] {
      return [...tasks.values()].map(({ task, job, workspace, cron: expression }) => ({
        job: job.name,
        workspaceId: workspace.id,
        cron: expression,
        timezone: workspace.timezone,
        nextRun: task.getNextRun() ?? undefined,
      }));
    },

    async stop(): Promise<void> {
      for (const { task } of tasks.values()) await task.destroy();
      tasks.clear();
    },
  };
}

/** The schedules a workspace would have, computed without starting anything (for the CLI). */
export function nextRunOf(expression: string, timezone: string): Date | undefined {
  const task = cron.createTask(expression, () => {}, { timezone });
  try {
    return task.getNextRun() ?? undefined;
  } finally {
    void task.destroy();
  }
}
