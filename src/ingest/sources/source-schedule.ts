import cron, { type ScheduledTask } from 'node-cron';

const MINUTE = 60_000;
/** How far ahead the next run is looked for (a monthly schedule still has one within 32 days). */
const HORIZON_MINUTES = 32 * 24 * 60;

/** Whether a schedule is a cron expression node-cron accepts (five or six fields). */
export function isValidSchedule(expression: string): boolean {
  return cron.validate(expression);
}

function withTask<T>(expression: string, timezone: string, use: (task: ScheduledTask) => T): T {
  const task = cron.createTask(expression, () => {}, { timezone });
  try {
    return use(task);
  } finally {
    void task.destroy();
  }
}

/** The first minute after `after` the schedule matches in the timezone (time injected, unlike node-cron's getNextRun). */
export function nextRunAfter(expression: string, timezone: string, after: Date): Date | undefined {
  return withTask(expression, timezone, (task) => {
    const start = Math.floor(after.getTime() / MINUTE) * MINUTE + MINUTE;
    for (let i = 0; i < HORIZON_MINUTES; i++) {
      const at = new Date(start + i * MINUTE);
      if (task.match(at)) return at;
    }
    return undefined;
  });
}

/** The latest minute at or before `at`, and no further back than `graceMs`, that the schedule matches. */
export function latestSlot(expression: string, timezone: string, at: Date, graceMs: number): Date | undefined {
  return withTask(expression, timezone, (task) => {
    const minute = Math.floor(at.getTime() / MINUTE) * MINUTE;
    for (let t = minute; t >= at.getTime() - graceMs; t -= MINUTE) if (task.match(new Date(t))) return new Date(t);
    return undefined;
  });
}
