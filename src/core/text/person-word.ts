// A person as a command names them. Slack (with `should_escape: true`) sends `<@U123|alice>`, Feishu's
// adapter passes `<@ou_…|小王>`, and people paste or type plain `@alice` / `＠小王`: the grammar reads all
// three here; the workspace's members turn a plain name into a member (commands/resolve-people.ts).

/** Who a word names: a platform user id (with the name the platform sent along), or only a typed name. */
export interface PersonRef {
  /** Slack U…/W…, Feishu ou_…, a sandbox member's id; absent when only a name was typed. */
  id?: string;
  /** The name typed after @, or the one the platform put after the id. */
  name?: string;
}

/** Broadcast words are never a person, even when typed plainly (Slack escapes them as <!here>). */
const BROADCAST = new Set(['here', 'channel', 'everyone', 'all', '所有人', '全体成员']);

const ESCAPED = /^<@([A-Za-z0-9_-]+)(?:\|([^<>|]*))?>$/;
// Letters of any script, digits, marks, and the . _ - Slack user names allow; trailing punctuation is the sentence's.
const PLAIN = /^@([\p{L}\p{N}\p{M}_][\p{L}\p{N}\p{M}._-]*?)[.,;:!?。！？]*$/u;

/** The longest name a plain mention may carry (Slack user names are at most 80 characters). */
export const MAX_PERSON_NAME = 80;

/** Reads `<@U123>`, `<@U123|alice>`, `@alice` or `＠小王` into a person; anything else is not one. */
export function personWord(word: string): PersonRef | undefined {
  const escaped = word.match(ESCAPED);
  if (escaped) {
    const name = escaped[2]?.trim().replace(/^@/, '');
    return name ? { id: escaped[1] as string, name } : { id: escaped[1] as string };
  }
  const plain = word.normalize('NFKC').match(PLAIN);
  const name = plain?.[1];
  if (!name || name.length > MAX_PERSON_NAME || BROADCAST.has(name.toLowerCase())) return undefined;
  return { name };
}

/** The form names are compared in: full-width folded, case-insensitive. */
export function foldName(name: string): string {
  return name.normalize('NFKC').replace(/^@/, '').trim().toLowerCase();
}

/** The same person written twice (`@alice @Alice`, `<@U1> <@U1|alice>`) is kept once. */
export function uniquePeople(refs: readonly PersonRef[]): PersonRef[] {
  const seen = new Set<string>();
  return refs.filter((r) => {
    const key = r.id ? `id:${r.id}` : `name:${foldName(r.name ?? '')}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
