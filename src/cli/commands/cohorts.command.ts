import { cachedCohorts } from '../../core/cohorts/cohort-cache.ts';
import { cohortTable, markPartial } from '../../core/cohorts/cohort-table.ts';
import { InputError } from '../../core/errors.ts';
import { segmentKeyFor } from '../../core/segments/channel-aliases.ts';
import { isCalendarDay } from '../../core/time/calendar-day.ts';
import type { Grain } from '../../core/time/period.ts';
import { pickWorkspace, withContext } from '../cli-context.ts';
import type { CliCommand } from '../command.ts';
import { textTable } from '../table-text.ts';

export const cohortsCommand: CliCommand = {
  name: 'cohorts',
  summary:
    'Print the cohort retention matrix from imported activity events: each cohort’s size and the share active in each later period, with revenue per user.',
  usage: 'growthbeat cohorts [--grain day|week|month] [--segment <name>] [--as-of <date>] [--periods <n>] [--workspace <id>] [--json]',
  examples: ['growthbeat cohorts --grain month', 'growthbeat cohorts --grain week --segment "United Kingdom" --json'],
  options: {
    grain: { type: 'string', description: 'cohort and period size (default month)', placeholder: 'grain' },
    segment: { type: 'string', description: 'only users of this segment', placeholder: 'name' },
    'as-of': { type: 'string', description: 'last day counted (default: the last day with activity)', placeholder: 'date' },
    periods: { type: 'string', description: 'show at most this many period columns (default 12; JSON has all)', placeholder: 'n' },
    workspace: { type: 'string', description: 'workspace id or name', placeholder: 'id' },
    json: { type: 'boolean', description: 'print JSON' },
  },
  async run({ values }, io) {
    const grain = (values.grain ?? 'month') as Grain;
    if (!['day', 'week', 'month'].includes(grain))
      throw new InputError(`--grain must be day, week or month, not "${grain}"`, { field: 'grain' });
    const asOf = values['as-of'] as string | undefined;
    if (asOf !== undefined && !isCalendarDay(asOf))
      throw new InputError(`--as-of takes a day YYYY-MM-DD, not "${asOf}"`, { field: 'as-of' });
    const periods = Number(values.periods ?? 12);
    if (!Number.isInteger(periods) || periods < 1)
      throw new InputError('--periods takes a whole number of at least 1', { field: 'periods' });
    return withContext(io, async (ctx) => {
      const ws = await pickWorkspace(ctx, values.workspace as string | undefined);
      const cohorts = await cachedCohorts(ctx.store.activity, ws.id, {
        grain,
        ...(asOf === undefined ? {} : { asOf }),
        ...(values.segment === undefined ? {} : { segment: segmentKeyFor(values.segment as string) }),
      });
      if (!cohorts) throw new InputError('no activity events yet: import them with growthbeat import-events', { field: 'events' });
      const { matrix, lastDay: last } = cohorts;
      if (values.json) {
        // Each cell says whether it covers part of its period (a month with 9 days of data), as does each cohort.
        const cohorts = matrix.cohorts.map(({ partialOffsets, ...c }) => ({
          ...c,
          cells: c.active.map((active, k) => ({
            offset: k,
            active,
            share: c.shares[k],
            revenuePerUser: c.revenuePerUser[k],
            ...(partialOffsets.includes(k) ? { partial: true } : {}),
          })),
        }));
        io.out(`${JSON.stringify({ workspace: ws.id, asOf: last, grain: matrix.grain, from: matrix.from, to: matrix.to, cohorts })}\n`);
        return 0;
      }
      const view = cohortTable(matrix, { periods, cohorts: Number.MAX_SAFE_INTEGER });
      const width = view.periods;
      const head = ['cohort', 'users', ...Array.from({ length: width }, (_, k) => `+${k}`), 'rev/user'];
      const rows = view.cohorts.map((c) => [
        markPartial(c.cohort, c.partial),
        String(c.size),
        ...Array.from({ length: width }, (_, k) =>
          k < c.shares.length ? markPartial(`${((c.shares[k] as number) * 100).toFixed(1)}%`, c.partialOffsets.includes(k)) : '',
        ),
        (c.revenuePerUser[c.revenuePerUser.length - 1] ?? 0).toFixed(2),
      ]);
      const notes = [
        matrix.cohorts.some((c) => c.partialOffsets.length || c.partial)
          ? `† part of the period only (data ${matrix.from} … ${matrix.to})`
          : '',
        view.trimmed
          ? `showing ${view.trimmed.periods} of ${view.trimmed.allPeriods} periods (--periods ${view.trimmed.allPeriods} for all)`
          : '',
      ].filter(Boolean);
      io.out(
        `Cohorts by ${grain}, as of ${last} (share of each cohort active k ${grain}s later)\n\n${textTable(head, rows)}${notes.map((n) => `${n}\n`).join('')}`,
      );
      return 0;
    });
  },
};
