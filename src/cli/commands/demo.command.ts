import { DEMO_DAYS } from '../../core/demo/demo-quarter.ts';
import { loadDemo } from '../../core/demo/load-demo.ts';
import { InputError } from '../../core/errors.ts';
import { pickWorkspace, withContext } from '../cli-context.ts';
import type { CliCommand } from '../command.ts';

export const demoCommand: CliCommand = {
  name: 'demo',
  summary:
    'Fill the workspace with a realistic demo quarter (channels 抖音, 小红书, SEM, 信息流, 应用商店, KOL, organic), generated from a seed: the same seed again changes nothing.',
  usage: 'growthbeat demo [--seed <n>] [--days <n>] [--workspace <id>] [--json]',
  examples: ['growthbeat demo', 'growthbeat demo --seed 7 --days 120'],
  options: {
    seed: { type: 'string', description: 'the random seed (default 42)', placeholder: 'n' },
    days: {
      type: 'string',
      description: 'how many days, ending yesterday (default 210: the quarter and the 120 days before it, so 90-day cohorts are mature)',
      placeholder: 'n',
    },
    workspace: {
      type: 'string',
      description: 'workspace id or name (default: the only one; a local one is created if none)',
      placeholder: 'id',
    },
    json: { type: 'boolean', description: 'print the summary as JSON' },
  },
  async run({ values }, io) {
    const seed = Number(values.seed ?? 42);
    const days = Number(values.days ?? DEMO_DAYS);
    if (!Number.isInteger(seed)) throw new InputError('--seed takes a whole number', { field: 'seed' });
    if (!Number.isInteger(days) || days < 35 || days > 730)
      throw new InputError('--days takes a whole number from 35 to 730', { field: 'days' });
    return withContext(io, async (ctx) => {
      const ws = await pickWorkspace(ctx, values.workspace as string | undefined, true);
      const show = io.isTty && !values.json;
      const summary = await loadDemo(ctx.store, ws, new Date(), {
        seed,
        days,
        actor: 'cli',
        onProgress: (step) => show && io.err(`\rdemo: ${step}…   `),
      });
      if (show) io.err('\n');
      if (values.json) io.out(`${JSON.stringify({ workspace: ws.id, ...summary })}\n`);
      else
        io.out(
          `Demo data for ${ws.name}: ${summary.observations} observations, ${summary.from} … ${summary.to}, channels ${summary.channels.join(', ')}\n` +
            `  inserted ${summary.inserted}, updated ${summary.updated}, unchanged ${summary.unchanged}\n` +
            '  Try: growthbeat query roi --by-segment --period 7d --compare previous\n',
        );
      return 0;
    });
  },
};
