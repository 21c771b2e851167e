import { createAlertDigestSources } from '../../core/alerts/alert-digest-sources.ts';
import { loadMinutes, minutesView } from '../../core/digest/meeting-minutes.ts';
import { InputError } from '../../core/errors.ts';
import { type Period, parsePeriod } from '../../core/time/period.ts';
import { dayInZone } from '../../core/time/zoned-today.ts';
import { pickWorkspace, withContext } from '../cli-context.ts';
import type { CliCommand } from '../command.ts';
import { toMarkdown } from '../view-markdown.renderer.ts';
import { toPlainText } from '../view-text.renderer.ts';

const FORMATS = ['text', 'json', 'markdown'] as const;

export const meetingCommand: CliCommand = {
  name: 'meeting',
  summary:
    'Print the minutes of a week’s growth meeting: the numbers of the digest posted that week, the owners’ notes on them, the decisions and the actions opened and closed in the week.',
  usage: 'growthbeat meeting [--workspace <id>] [--week <YYYY-Www>] [--at <time>] [--format text|json|markdown]',
  examples: ['growthbeat meeting --week 2026-W49', 'growthbeat meeting --week 2026-W49 --format markdown > minutes.md'],
  options: {
    workspace: { type: 'string', description: 'workspace id or name (default: the only one)', placeholder: 'id' },
    week: {
      type: 'string',
      description: 'the ISO week the meeting was held in (default: this week in the workspace’s timezone); its numbers are the week before',
      placeholder: 'YYYY-Www',
    },
    at: { type: 'string', description: 'read it as at this moment (ISO time; default now, at most the week’s end)', placeholder: 'time' },
    format: { type: 'string', description: 'text (default), json (the minutes’ data) or markdown', placeholder: 'format' },
  },
  async run({ values }, io) {
    const format = (values.format ?? 'text') as (typeof FORMATS)[number];
    if (!FORMATS.includes(format)) throw new InputError(`--format takes text, json or markdown, not "${format}"`, { field: 'format' });
    return withContext(io, async (ctx) => {
      const ws = await pickWorkspace(ctx, values.workspace as string | undefined);
      const now = values.at === undefined ? new Date() : new Date(values.at as string);
      if (Number.isNaN(now.getTime()))
        throw new InputError(`--at takes a time such as 2026-12-02T06:00:00Z, not "${values.at}"`, { field: 'at' });
      const today = dayInZone(now, ws.timezone);
      let week: Period | undefined;
      try {
        week = parsePeriod((values.week as string | undefined) ?? 'this-week', today);
      } catch {
        week = undefined;
      }
      if (week?.kind !== 'week') throw new InputError(`--week takes an ISO week such as 2026-W49, not "${values.week}"`, { field: 'week' });
      if (week.from > today)
        throw new InputError(`--week ${week.label} starts ${week.from}, after ${today}: it has no minutes yet`, { field: 'week' });
      // The same digest and sources as the chat digest: the week's alerts included.
      const { minutes, digest } = await loadMinutes(ctx.store, ws, week, now, createAlertDigestSources(ctx.store));
      if (format === 'json') io.out(`${JSON.stringify(minutes, null, 2)}\n`);
      else {
        const view = minutesView(minutes, digest, ws.locale);
        io.out(format === 'markdown' ? toMarkdown(view) : toPlainText(view));
      }
      return 0;
    });
  },
};
