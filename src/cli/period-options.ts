import { InputError } from '../core/errors.ts';
import { isCalendarDay } from '../core/time/calendar-day.ts';
import { customPeriod, type Period, parsePeriod } from '../core/time/period.ts';
import type { OptionSpec } from './command.ts';

/** The period of `--period <p>` (default `fallback`), or of `--from <d> --to <d>` when given. */
export function periodFromOptions(values: Record<string, unknown>, today: string, fallback: string): Period {
  if (values.from || values.to) {
    const [from, to] = [values.from as string | undefined, values.to as string | undefined];
    if (!from || !to || !isCalendarDay(from) || !isCalendarDay(to) || from > to)
      throw new InputError('--from and --to take two days YYYY-MM-DD, the first not after the second', { field: 'from' });
    return customPeriod(from, to, today);
  }
  return parsePeriod((values.period as string | undefined) ?? fallback, today);
}

/** The options periodFromOptions reads, described once: `--period` (defaulting to `fallback`), or `--from` and `--to`. */
export function periodOptions(fallback: string): Record<'period' | 'from' | 'to', OptionSpec> {
  return {
    period: {
      type: 'string',
      description: `a period as in chat: 30d, last-week, 2026-11, 2026-W47 (default ${fallback})`,
      placeholder: 'p',
    },
    from: { type: 'string', description: 'first day (YYYY-MM-DD)', placeholder: 'date' },
    to: { type: 'string', description: 'last day (YYYY-MM-DD)', placeholder: 'date' },
  };
}
