import { InputError } from '../../core/errors.ts';
import type { AuditRecord } from '../../core/ports/audit.ts';
import { isCalendarDay } from '../../core/time/calendar-day.ts';
import { pickWorkspace, withContext } from '../cli-context.ts';
import type { CliCommand } from '../command.ts';

const show = (v: unknown): string => (v === undefined || v === null ? '—' : typeof v === 'string' ? v : JSON.stringify(v));

/** One entry as a line: when, who, what, on what, old → new. */
function line(entry: AuditRecord, names: Map<string, string>): string {
  const at = entry.at.toISOString().slice(0, 16).replace('T', ' ');
  const who = names.get(entry.actor) ?? entry.actor;
  return `${at}  ${who}  ${entry.action}  ${entry.target ?? ''}  ${show(entry.before)} → ${show(entry.after)}`;
}

export const auditCommand: CliCommand = {
  name: 'audit',
  summary:
    'Show who changed what, newest first: values logged, updated, deleted and undone, rules and settings changed, with the old and new value.',
  usage: 'growthbeat audit [--metric <key>] [--since <day>] [--limit <n>] [--workspace <id>] [--json]',
  examples: ['growthbeat audit --metric spend --since 2026-11-01'],
  options: {
    metric: { type: 'string', description: 'only changes to this metric’s values (its key: spend, nps)', placeholder: 'key' },
    since: { type: 'string', description: 'only changes on or after this day, YYYY-MM-DD (UTC)', placeholder: 'day' },
    limit: { type: 'string', description: 'at most this many entries (default 100)', placeholder: 'n' },
    workspace: { type: 'string', description: 'workspace id or name (default: the only one)', placeholder: 'id' },
    json: { type: 'boolean', description: 'print the entries as JSON lines' },
  },
  async run({ values }, io) {
    const since = values.since as string | undefined;
    if (since !== undefined && !isCalendarDay(since))
      throw new InputError(`--since: "${since}" is not a date (use 2026-11-20)`, { field: 'since' });
    const limit = values.limit === undefined ? 100 : Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1)
      throw new InputError(`--limit: "${values.limit}" is not a whole number above 0`, { field: 'limit' });
    return withContext(io, async (ctx) => {
      const ws = await pickWorkspace(ctx, values.workspace as string | undefined);
      const entries = await ctx.store.audit.list(ws.id, {
        limit,
        ...(since ? { since: new Date(`${since}T00:00:00Z`) } : {}),
        ...(values.metric ? { targetPrefix: `${values.metric as string}/` } : {}),
      });
      if (values.json) {
        for (const e of entries) io.out(`${JSON.stringify(e)}\n`);
        return 0;
      }
      const members = await ctx.store.members.list(ws.id);
      const names = new Map(members.map((m) => [m.id, m.displayName ? `${m.displayName} (${m.externalUserId})` : m.externalUserId]));
      if (entries.length === 0) io.out('no changes recorded for that\n');
      for (const e of entries) io.out(`${line(e, names)}\n`);
      return 0;
    });
  },
};
