// People named in a command, as the workspace's members. An escaped mention carries the platform's id;
// a plain @name (pasted text, Slack without escaping, a Feishu user who typed instead of picking) is
// looked up among the members by name. In the sandbox there is nobody else to pick from: a new name
// creates the member, which is how the README's `/growth owners roi @alice` works there as written.
import { t } from '../i18n/messages.ts';
import type { Store } from '../ports/store.ts';
import type { Member, Workspace } from '../ports/workspace.ts';
import { cleanName } from '../text/clean-text.ts';
import { foldName, MAX_PERSON_NAME, type PersonRef } from '../text/person-word.ts';
import { type CommandName, CommandUsageError } from './command-grammar.ts';

/** How many names an "unknown member" answer lists. */
const MAX_KNOWN = 20;

/** The sandbox's id for a member created by name: stable (two first mentions at once make one member), ASCII as mentions need. */
export function sandboxMemberId(name: string): string {
  const folded = foldName(name);
  if (/^[a-z0-9_-]+$/.test(folded)) return `local-${folded}`;
  const hex = [...new TextEncoder().encode(folded)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `local_${hex}`;
}

/** The name a member is written with in chat (`@alice`), or undefined when the platform never told us one. */
export function memberHandle(member: Member): string | undefined {
  return member.displayName ? `@${member.displayName}` : undefined;
}

function knownList(members: readonly Member[], locale: Workspace['locale']): string {
  const names = [...new Set(members.map(memberHandle).filter((n): n is string => Boolean(n)))].sort((a, b) => a.localeCompare(b, locale));
  const shown = names.slice(0, MAX_KNOWN).join(locale === 'zh-CN' ? '、' : ', ');
  if (!shown) return t(locale, 'members.none');
  return names.length > MAX_KNOWN ? `${shown} …` : shown;
}

/** The members whose display name (or id) is the typed name, compared full-width folded and case-insensitive. */
export function membersNamed(members: readonly Member[], name: string): Member[] {
  const typed = foldName(name);
  return members.filter((m) => (m.displayName !== undefined && foldName(m.displayName) === typed) || foldName(m.externalUserId) === typed);
}

/**
 * The members the people of a command are, in order and each once. Every name is checked before anything
 * is written: an unknown or ambiguous name throws a CommandUsageError naming the known members (outside
 * the sandbox), so a half-resolved command creates nobody.
 */
export async function resolvePeople(
  ctx: { store: Pick<Store, 'members'>; workspace: Workspace },
  command: CommandName,
  people: readonly PersonRef[],
): Promise<Member[]> {
  const ws = ctx.workspace;
  const byName = people.some((p) => !p.id) ? await ctx.store.members.list(ws.id) : [];
  const targets: { externalUserId: string; displayName?: string }[] = [];
  for (const person of people) {
    if (person.id) {
      // The name a platform sent along is data like any other: cleaned, capped.
      const name = person.name === undefined ? '' : cleanName(person.name).slice(0, MAX_PERSON_NAME);
      targets.push({ externalUserId: person.id, displayName: name || undefined });
      continue;
    }
    const name = person.name ?? '';
    const found = membersNamed(byName, name);
    if (found.length === 1) targets.push({ externalUserId: (found[0] as Member).externalUserId });
    else if (found.length > 1)
      throw new CommandUsageError(command, 'error.ambiguousMember', {
        name,
        known: found.map((m) => `${memberHandle(m) ?? ''} (${m.externalUserId})`).join(', '),
      });
    else if (ws.platform === 'local') targets.push({ externalUserId: sandboxMemberId(name), displayName: name });
    else throw new CommandUsageError(command, 'error.unknownMember', { name, known: knownList(byName, ws.locale) });
  }
  const out = new Map<string, Member>();
  for (const target of targets) {
    const member = await ctx.store.members.ensure(ws.id, target.externalUserId, { displayName: target.displayName });
    out.set(member.id, member);
  }
  return [...out.values()];
}
