import { resolve } from 'node:path';
import { importEventFile } from '../../ingest/import-events.ts';
import { parseEncodingName } from '../../ingest/text-encoding.ts';
import { pickWorkspace, withContext } from '../cli-context.ts';
import type { CliCommand } from '../command.ts';
import { progressBar } from '../progress-bar.ts';

export const importEventsCommand: CliCommand = {
  name: 'import-events',
  summary:
    'Import an activity-event log (CSV or .csv.gz; one row per event with a user id and a time) for cohort retention and LTV. Streamed, folded to one row per user and day; re-importing changes nothing.',
  usage:
    'growthbeat import-events <file> --user <col> --time <col> [--segment <col>] [--revenue <expr>] [--encoding <name>] [--workspace <id>] [--dry-run] [--json]',
  examples: [
    'growthbeat import-events orders.csv.gz --user CustomerID --time InvoiceDate --segment Country --revenue "Quantity * UnitPrice"',
  ],
  options: {
    user: { type: 'string', description: 'column holding the user id', placeholder: 'col' },
    time: { type: 'string', description: 'column holding the event time', placeholder: 'col' },
    segment: { type: 'string', description: 'column holding the user’s segment (channel, country…)', placeholder: 'col' },
    revenue: { type: 'string', description: 'revenue of an event: a column, or a formula over columns', placeholder: 'expr' },
    workspace: { type: 'string', description: 'workspace id or name', placeholder: 'id' },
    encoding: {
      type: 'string',
      description:
        "the file's encoding: auto (default: UTF-8, UTF-16 with a BOM, or GB18030/GBK, detected), utf-8, utf-16le, utf-16be, gb18030",
      placeholder: 'name',
    },
    'dry-run': { type: 'boolean', description: 'read and check the file without writing' },
    json: { type: 'boolean', description: 'print the summary as JSON' },
  },
  positionals: true,
  async run({ values, positionals }, io) {
    const [file] = positionals;
    if (!file || positionals.length > 1 || typeof values.user !== 'string' || typeof values.time !== 'string') {
      io.err(`growthbeat import-events: give one file, --user and --time\nUsage: ${this.usage}\n`);
      return 2;
    }
    const encoding = parseEncodingName(values.encoding as string | undefined);
    return withContext(io, async (ctx) => {
      const ws = await pickWorkspace(ctx, values.workspace as string | undefined, true);
      const bar = progressBar(io.isTty && !values.json, `importing ${file}`);
      const summary = await importEventFile(
        ctx.store,
        ws,
        resolve(file),
        {
          user: values.user as string,
          time: values.time as string,
          segment: values.segment as string | undefined,
          revenue: values.revenue as string | undefined,
        },
        { actor: 'cli', dryRun: Boolean(values['dry-run']), onProgress: bar.update, limits: ctx.importLimits, encoding },
      );
      bar.done();
      if (values.json) io.out(`${JSON.stringify({ workspace: ws.id, ...summary })}\n`);
      else
        io.out(
          `${summary.file}: read as ${summary.encoding}, ${summary.records} events read (${summary.withoutUser} without a user, skipped) → ${summary.users} users, ${summary.userDays} user-days (${summary.from} … ${summary.to})\n` +
            `  inserted ${summary.inserted}, updated ${summary.updated}, unchanged ${summary.unchanged}${summary.dryRun ? '\n  dry run: nothing was written' : ''}\n` +
            (summary.cohortSeries
              ? `  cohort series (new_users, cohort_revenue_d7…d180): ${summary.cohortSeries.observations} values, inserted ${summary.cohortSeries.inserted}, updated ${summary.cohortSeries.updated}, unchanged ${summary.cohortSeries.unchanged}\n`
              : ''),
        );
      return 0;
    });
  },
};
