import { t } from '../../i18n/messages.ts';
import type { Role } from '../../ports/workspace.ts';
import { mention } from '../../views/mention.ts';
import type { View } from '../../views/view.ts';
import type { CommandContext } from '../command-context.ts';
import { memberHandle } from '../resolve-people.ts';

const ROLE_ORDER: Record<Role, number> = { admin: 0, manager: 1, member: 2 };

/**
 * `/growth members`: the members Growthbeat knows in this workspace, with their roles, written the way a
 * command names them (`@alice`); one whose name the platform never sent shows as a mention. Only to the caller.
 */
export async function growthMembers(ctx: CommandContext): Promise<View> {
  const ws = ctx.workspace;
  const locale = ws.locale;
  const members = (await ctx.store.members.list(ws.id)).sort(
    (a, b) =>
      ROLE_ORDER[a.role] - ROLE_ORDER[b.role] ||
      (a.displayName ?? a.externalUserId).localeCompare(b.displayName ?? b.externalUserId, locale),
  );
  const title = t(locale, 'members.header', { n: members.length });
  const example =
    members
      .map(memberHandle)
      .find((h) => h && h !== memberHandle(ctx.member))
      ?.slice(1) ?? (locale === 'zh-CN' ? '小王' : 'alice');
  return {
    fallback: title,
    ephemeral: true,
    elements: [
      { type: 'header', text: title },
      {
        type: 'table',
        columns: [{ label: t(locale, 'col.member') }, { label: t(locale, 'col.role'), align: 'left' }],
        rows: members.map((m) => [memberHandle(m) ?? mention(m.externalUserId), t(locale, `role.${m.role}`)]),
      },
      { type: 'context', text: t(locale, ws.platform === 'local' ? 'members.hintSandbox' : 'members.hint', { example }) },
    ],
  };
}
