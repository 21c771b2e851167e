// A mention is written with private-use marks that only code produces, never data: a channel name or
// a CSV cell that reads "<@U123>" or "<!channel>" is escaped by the renderers, not turned into a ping.
const OPEN = '\uE000';
const CLOSE = '\uE001';

/** A mention of a platform user id (Slack U…, Feishu ou_…) inside view text. */
export function mention(userId: string): string {
  return `${OPEN}${userId.replace(/[^A-Za-z0-9_-]/g, '')}${CLOSE}`;
}

export const MENTION_PATTERN = /\uE000([A-Za-z0-9_-]+)\uE001/g;

/** Text with mentions written by `render` and everything else passed through `escapePlain`. */
export function renderMentions(text: string, escapePlain: (plain: string) => string, render: (userId: string) => string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(MENTION_PATTERN)) {
    out += escapePlain(text.slice(last, m.index)) + render(m[1] as string);
    last = (m.index as number) + m[0].length;
  }
  return out + escapePlain(text.slice(last));
}

/** Plain text for logs and fallbacks where no platform syntax applies: mentions as @id. */
export function plainMentions(text: string): string {
  return text.replace(MENTION_PATTERN, '@$1');
}
