import { type DeleteRequest, deleteObservations, resolveDeleteRequest } from '../../core/metrics/delete-observations.ts';
import { pickWorkspace, withContext } from '../cli-context.ts';
import type { CliCommand } from '../command.ts';

export const deleteCommand: CliCommand = {
  name: 'delete',
  summary:
    'Delete stored values of one metric (in one segment, or all) between two days: all or nothing, each old value kept in the audit (growthbeat audit), and the alert rules re-run for what was deleted.',
  usage: 'growthbeat delete --metric <name> [--segment <name>] --from <day> --to <day> [--dry-run] [--workspace <id>] [--json]',
  examples: ['growthbeat delete --metric spend --segment 抖音 --from 2026-11-20 --to 2026-11-20 --dry-run'],
  options: {
    metric: { type: 'string', description: 'the metric, by key or name (spend, 花费)', placeholder: 'name' },
    segment: { type: 'string', description: 'one channel or segment, by name, key or alias (default: every segment)', placeholder: 'name' },
    from: { type: 'string', description: 'first day, YYYY-MM-DD', placeholder: 'day' },
    to: { type: 'string', description: 'last day, YYYY-MM-DD (inclusive)', placeholder: 'day' },
    'dry-run': { type: 'boolean', description: 'show what would be deleted, without deleting' },
    workspace: { type: 'string', description: 'workspace id or name (default: the only one)', placeholder: 'id' },
    json: { type: 'boolean', description: 'print the result as JSON' },
  },
  async run({ values }, io) {
    const { metric, segment, from, to } = values as Record<string, string | undefined>;
    if (!metric || !from || !to) {
      io.err(`growthbeat delete: give --metric, --from and --to\nUsage: ${this.usage}\n`);
      return 2;
    }
    return withContext(io, async (ctx) => {
      const ws = await pickWorkspace(ctx, values.workspace as string | undefined);
      const request: DeleteRequest = { metric, segment, from, to };
      const filter = await resolveDeleteRequest(ctx.store, ws.id, request);
      const rows = values['dry-run']
        ? await ctx.store.observations.query(ws.id, filter)
        : await deleteObservations(ctx.store, ws.id, filter, { source: 'cli', sourceRef: 'growthbeat delete', actor: 'cli' }, new Date());
      const dryRun = Boolean(values['dry-run']);
      if (values.json) {
        io.out(
          `${JSON.stringify({ workspace: ws.id, dryRun, deleted: rows.length, rows: rows.map(({ metric, segment, day, value }) => ({ metric, segment, day, value })) })}\n`,
        );
        return 0;
      }
      const what = `${filter.metrics[0]}${filter.segments ? ` · ${filter.segments[0] || '(whole product)'}` : ''}, ${from} … ${to}`;
      io.out(`${dryRun ? 'would delete' : 'deleted'} ${rows.length} value(s) of ${what}\n`);
      for (const r of rows.slice(0, 20)) io.out(`  ${r.day}  ${r.segment || '(whole product)'}  ${r.value}\n`);
      if (rows.length > 20) io.out(`  … and ${rows.length - 20} more\n`);
      if (dryRun) io.out('  dry run: nothing was deleted\n');
      return 0;
    });
  },
};
