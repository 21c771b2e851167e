import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createAlertDigestSources } from '../../core/alerts/alert-digest-sources.ts';
import { prepareDigest } from '../../core/digest/send-digest.ts';
import { InputError } from '../../core/errors.ts';
import { parsePeriod } from '../../core/time/period.ts';
import { dayInZone } from '../../core/time/zoned-today.ts';
import { pickWorkspace, withContext } from '../cli-context.ts';
import type { CliCommand } from '../command.ts';
import { toPlainText } from '../view-text.renderer.ts';

const FORMATS = ['text', 'json', 'png-dir'] as const;

export const digestCommand: CliCommand = {
  name: 'digest',
  summary:
    'Build the weekly growth digest of a workspace and print or save it without sending it: as text, as the view JSON, or as the chart PNGs plus digest.json in a folder.',
  usage: 'growthbeat digest [--workspace <id>] [--week <YYYY-Www>] [--at <time>] [--format text|json|png-dir <dir>]',
  examples: ['growthbeat digest --week 2026-W47', 'growthbeat digest --workspace acme --format png-dir out/'],
  options: {
    workspace: { type: 'string', description: 'workspace id or name (default: the only one)', placeholder: 'id' },
    week: {
      type: 'string',
      description: 'the ISO week (default: the last complete week in the workspace’s timezone)',
      placeholder: 'YYYY-Www',
    },
    at: {
      type: 'string',
      description: 'build it as it reads at this moment (ISO time; default now): a digest sent earlier, exactly',
      placeholder: 'time',
    },
    format: {
      type: 'string',
      description: 'text (default), json (the view), or png-dir <dir> (charts and digest.json)',
      placeholder: 'format',
    },
  },
  positionals: true,
  async run({ values, positionals }, io) {
    const format = (values.format ?? 'text') as (typeof FORMATS)[number];
    if (!FORMATS.includes(format)) throw new InputError(`--format takes text, json or png-dir <dir>, not "${format}"`, { field: 'format' });
    const dir = positionals[0];
    if (format === 'png-dir' ? !dir || positionals.length > 1 : positionals.length > 0)
      throw new InputError(
        format === 'png-dir' ? '--format png-dir needs one folder: --format png-dir out/' : `unexpected "${positionals[0]}"`,
        {
          field: 'format',
        },
      );
    return withContext(io, async (ctx) => {
      const ws = await pickWorkspace(ctx, values.workspace as string | undefined);
      const now = values.at === undefined ? new Date() : new Date(values.at as string);
      if (Number.isNaN(now.getTime()))
        throw new InputError(`--at takes a time such as 2026-11-25T06:00:00Z, not "${values.at}"`, { field: 'at' });
      let week: ReturnType<typeof parsePeriod> | undefined;
      if (values.week !== undefined) {
        try {
          week = parsePeriod(values.week as string, dayInZone(now, ws.timezone));
        } catch {
          week = undefined;
        }
        if (week?.kind !== 'week')
          throw new InputError(`--week takes an ISO week such as 2026-W47, not "${values.week}"`, { field: 'week' });
      }
      // vega and resvg load only when charts are wanted: every other CLI command starts without them.
      const charts = format === 'png-dir' ? (await import('../../charts/vega-chart.renderer.ts')).createChartRenderer() : undefined;
      // The same builder and the same sources as the chat digest: the alerts of the week and the agenda included.
      const digest = await prepareDigest({ store: ctx.store, charts, sources: createAlertDigestSources(ctx.store) }, ws, now, week);
      if (format === 'text') io.out(toPlainText(digest.view));
      else if (format === 'json') io.out(`${JSON.stringify(digest.view, null, 2)}\n`);
      else {
        const out = resolve(dir as string);
        mkdirSync(out, { recursive: true });
        for (const image of digest.images) writeFileSync(join(out, image.filename), image.png);
        writeFileSync(join(out, 'digest.json'), `${JSON.stringify(digest.view, null, 2)}\n`);
        io.out(`${[...digest.images.map((i) => join(out, i.filename)), join(out, 'digest.json')].join('\n')}\n`);
      }
      return 0;
    });
  },
};
