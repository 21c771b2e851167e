import { InputError } from '../../core/errors.ts';
import type { OutboxState } from '../../core/ports/outbox.ts';
import { pickWorkspace, withContext } from '../cli-context.ts';
import type { CliCommand } from '../command.ts';
import { textTable } from '../table-text.ts';

const STATES = ['pending', 'sending', 'sent', 'failed'];

export const outboxCommand: CliCommand = {
  name: 'outbox',
  summary: 'Look at the messages waiting to be delivered or that failed (with why), send a failed one again, or purge old ones.',
  usage:
    'growthbeat outbox list [--state pending|sending|sent|failed] [--workspace <id>] [--json] | retry <id|key> | purge [--days <n>] [--failed]',
  examples: ['growthbeat outbox list --state failed', 'growthbeat outbox retry alert:42:notify:1', 'growthbeat outbox purge --days 30'],
  options: {
    state: { type: 'string', description: 'only messages in this state', placeholder: 'state' },
    workspace: { type: 'string', description: 'only this workspace (id or name)', placeholder: 'id' },
    days: { type: 'string', description: 'purge: messages older than this many days (default 30)', placeholder: 'n' },
    failed: { type: 'boolean', description: 'purge: failed messages too, not only sent ones' },
    json: { type: 'boolean', description: 'print JSON' },
  },
  positionals: true,
  async run({ values, positionals }, io) {
    const [action = 'list', target] = positionals;
    if (!['list', 'retry', 'purge'].includes(action) || (action === 'retry' && !target)) {
      io.err(`growthbeat outbox: say list, retry <id|key>, or purge\nUsage: ${this.usage}\n`);
      return 2;
    }
    if (values.state !== undefined && !STATES.includes(values.state as string))
      throw new InputError(`--state is one of ${STATES.join(', ')}`, { field: 'state' });
    return withContext(io, async (ctx) => {
      if (action === 'list') {
        const ws = values.workspace ? await pickWorkspace(ctx, values.workspace as string) : undefined;
        const messages = await ctx.store.outbox.list({ workspaceId: ws?.id, state: values.state as OutboxState | undefined, limit: 200 });
        if (values.json) io.out(`${JSON.stringify(messages.map(({ payload: _payload, ...m }) => m))}\n`);
        else if (messages.length === 0) io.out('the outbox is empty\n');
        else
          io.out(
            textTable(
              ['key', 'kind', 'channel', 'state', 'tries', 'next / sent', 'error'],
              messages.map((m) => [
                m.key,
                m.kind,
                m.channel,
                m.state,
                String(m.attempts),
                (m.sentAt ?? m.nextAttemptAt).toISOString().slice(0, 16),
                m.lastError ?? '',
              ]),
            ),
          );
        return 0;
      }
      if (action === 'retry') {
        const found =
          (await ctx.store.outbox.findByKey(target as string)) ??
          (await ctx.store.outbox.list({ limit: 1000 })).find((m) => m.id === target);
        if (!found) throw new InputError(`no outbox message "${target}"`, { field: 'id' });
        if (!(await ctx.store.outbox.retry(found.id, new Date())))
          throw new InputError(`"${found.key}" is ${found.state}; only failed messages are retried`, { field: 'id' });
        io.out(`${found.key} will be sent again\n`);
        return 0;
      }
      const days = Number(values.days ?? 30);
      if (!Number.isFinite(days) || days < 0) throw new InputError('--days takes a number of days', { field: 'days' });
      const removed = await ctx.store.outbox.purge(new Date(Date.now() - days * 86_400_000), { failed: Boolean(values.failed) });
      io.out(`purged ${removed} message(s)\n`);
      return 0;
    });
  },
};
