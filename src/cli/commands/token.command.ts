import { pickWorkspace, withContext } from '../cli-context.ts';
import type { CliCommand } from '../command.ts';
import { textTable } from '../table-text.ts';

export const tokenCommand: CliCommand = {
  name: 'token',
  summary: 'Manage bearer tokens for the ingest API (POST /api/v1/observations): create prints the secret once; only its hash is stored.',
  usage: 'growthbeat token create <name> | list | revoke <id|prefix>  [--workspace <id>] [--json]',
  examples: ['growthbeat token create warehouse-job', 'growthbeat token revoke gb_Ab12Cd'],
  options: {
    workspace: { type: 'string', description: 'workspace id or name', placeholder: 'id' },
    json: { type: 'boolean', description: 'print JSON' },
  },
  positionals: true,
  async run({ values, positionals }, io) {
    const [action, arg] = positionals;
    if (!action || !['create', 'list', 'revoke'].includes(action) || (action !== 'list' && !arg)) {
      io.err(`growthbeat token: say create <name>, list, or revoke <id|prefix>\nUsage: ${this.usage}\n`);
      return 2;
    }
    return withContext(io, async (ctx) => {
      const ws = await pickWorkspace(ctx, values.workspace as string | undefined, action === 'create');
      if (action === 'create') {
        const { token, secret } = await ctx.store.apiTokens.create(ws.id, arg as string, 'cli');
        if (values.json) io.out(`${JSON.stringify({ workspace: ws.id, id: token.id, name: token.name, prefix: token.prefix, secret })}\n`);
        else
          io.out(
            `Token "${token.name}" for workspace ${ws.name} (${ws.id}). Copy it now, it is not shown again:\n\n  ${secret}\n\nUse it as: Authorization: Bearer ${token.prefix}…\n`,
          );
        return 0;
      }
      if (action === 'list') {
        const tokens = await ctx.store.apiTokens.list(ws.id);
        if (values.json) io.out(`${JSON.stringify(tokens)}\n`);
        else
          io.out(
            textTable(
              ['name', 'prefix', 'created', 'last used', 'state'],
              tokens.map((t) => [
                t.name,
                t.prefix,
                t.createdAt.toISOString().slice(0, 16),
                t.lastUsedAt?.toISOString().slice(0, 16) ?? '-',
                t.revokedAt ? 'revoked' : 'active',
              ]),
            ),
          );
        return 0;
      }
      const revoked = await ctx.store.apiTokens.revoke(ws.id, arg as string);
      if (!revoked) {
        io.err(`growthbeat token: no active token "${arg}" in workspace ${ws.name}\n`);
        return 1;
      }
      io.out(values.json ? `${JSON.stringify(revoked)}\n` : `revoked ${revoked.name} (${revoked.prefix})\n`);
      return 0;
    });
  },
};
