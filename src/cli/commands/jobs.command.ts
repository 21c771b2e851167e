import { createJobs } from '../../jobs/job-registry.ts';
import { nextRunOf } from '../../jobs/scheduler.ts';
import { withContext } from '../cli-context.ts';
import type { CliCommand } from '../command.ts';
import { textTable } from '../table-text.ts';

export const jobsCommand: CliCommand = {
  name: 'jobs',
  summary:
    'List the scheduled jobs: per workspace and job, its schedule in the workspace’s timezone, the next run, and the last run’s result.',
  usage: 'growthbeat jobs list [--json]',
  examples: ['growthbeat jobs list'],
  options: { json: { type: 'boolean', description: 'print JSON' } },
  positionals: true,
  async run({ values, positionals }, io) {
    if (positionals.length > 1 || (positionals[0] ?? 'list') !== 'list') {
      io.err(`growthbeat jobs: say list\nUsage: ${this.usage}\n`);
      return 2;
    }
    return withContext(io, async (ctx) => {
      const rows = [];
      for (const ws of await ctx.store.workspaces.list()) {
        for (const job of createJobs({ store: ctx.store })) {
          const cron = job.cronFor(ws);
          if (!cron) continue;
          const last = await ctx.store.jobSlots.lastRun(job.name, ws.id);
          rows.push({
            job: job.name,
            workspace: ws.name,
            workspaceId: ws.id,
            cron,
            timezone: ws.timezone,
            nextRun: nextRunOf(cron, ws.timezone)?.toISOString(),
            lastRun: last?.slotAt.toISOString(),
            lastResult: last?.result,
          });
        }
      }
      if (values.json) io.out(`${JSON.stringify(rows)}\n`);
      else if (rows.length === 0) io.out('no scheduled jobs yet (alerts are scheduled once a workspace has rules: /alerts playbook on)\n');
      else
        io.out(
          textTable(
            ['job', 'workspace', 'schedule', 'timezone', 'next run', 'last run', 'result'],
            rows.map((r) => [r.job, r.workspace, r.cron, r.timezone, r.nextRun ?? '', r.lastRun ?? '-', r.lastResult ?? '']),
          ),
        );
      return 0;
    });
  },
};
