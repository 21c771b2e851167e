import { resolve } from 'node:path';
import { loadMapping } from '../../ingest/import-mapping.ts';
import { importObservationFile } from '../../ingest/import-observations.ts';
import { parseEncodingName } from '../../ingest/text-encoding.ts';
import { pickWorkspace, withContext } from '../cli-context.ts';
import type { CliCommand } from '../command.ts';
import { progressBar } from '../progress-bar.ts';

export const importCommand: CliCommand = {
  name: 'import',
  summary:
    'Import observations from a CSV or .csv.gz file, long (date,metric,segment,value) or wide (a column per metric, or per segment × metric with a mapping file). All or nothing; importing the same file twice changes nothing.',
  usage: 'growthbeat import <file> [--mapping <file>] [--encoding <name>] [--workspace <id>] [--dry-run] [--json]',
  examples: ['growthbeat import weekly-spend.csv', 'growthbeat import placements.csv --mapping placements.mapping.json --dry-run'],
  options: {
    mapping: { type: 'string', description: 'JSON file saying which columns hold the date, segment and metrics', placeholder: 'file' },
    workspace: {
      type: 'string',
      description: 'workspace id or name (default: the only one; a local one is created if none)',
      placeholder: 'id',
    },
    encoding: {
      type: 'string',
      description:
        "the file's encoding: auto (default: UTF-8, UTF-16 with a BOM, or GB18030/GBK, detected), utf-8, utf-16le, utf-16be, gb18030",
      placeholder: 'name',
    },
    'dry-run': { type: 'boolean', description: 'check the file and show what would change, without writing' },
    json: { type: 'boolean', description: 'print the summary as JSON' },
  },
  positionals: true,
  async run({ values, positionals }, io) {
    const [file] = positionals;
    if (!file || positionals.length > 1) {
      io.err(`growthbeat import: give one file\nUsage: ${this.usage}\n`);
      return 2;
    }
    const mapping = typeof values.mapping === 'string' ? loadMapping(resolve(values.mapping)) : undefined;
    const encoding = parseEncodingName(values.encoding as string | undefined);
    return withContext(io, async (ctx) => {
      const ws = await pickWorkspace(ctx, values.workspace as string | undefined, true);
      const bar = progressBar(io.isTty && !values.json, `importing ${file}`);
      const summary = await importObservationFile(ctx.store, ws.id, resolve(file), {
        mapping,
        dryRun: Boolean(values['dry-run']),
        actor: 'cli',
        onProgress: bar.update,
        limits: ctx.importLimits,
        encoding,
      });
      bar.done();
      if (values.json) io.out(`${JSON.stringify({ workspace: ws.id, ...summary })}\n`);
      else {
        const verb = summary.dryRun ? 'would insert' : 'inserted';
        const counted =
          summary.observations > 0
            ? `${summary.observations} observations (${summary.metrics.join(', ')}; ${summary.from} … ${summary.to})`
            : '0 observations (every value cell is empty)';
        io.out(
          `${summary.file}: read as ${summary.encoding}, ${summary.records} rows read → ${counted}\n` +
            `  ${verb} ${summary.inserted}, ${summary.dryRun ? 'would update' : 'updated'} ${summary.updated}, unchanged ${summary.unchanged}` +
            `${summary.skippedCells ? `, empty cells skipped ${summary.skippedCells}` : ''}${summary.skippedRows ? `, rows skipped ${summary.skippedRows}` : ''}\n` +
            `  segments: ${summary.segments.join(', ') || '(whole product)'}${summary.dryRun ? '\n  dry run: nothing was written' : ''}\n`,
        );
      }
      return 0;
    });
  },
};
