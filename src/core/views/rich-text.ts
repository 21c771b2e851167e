// Rich text of the views: plain characters plus marks that only code writes. A mention, a bold run and
// a code span are private-use characters (U+E000–U+E005), never markdown, so a channel named "**b**",
// "<!channel>" or "<at id=all></at>" is just characters that every renderer escapes for its platform.
// The marks cannot come from users: core/text/clean-text.ts removes them wherever text enters.

const MENTION_OPEN = '\uE000';
const MENTION_CLOSE = '\uE001';
const BOLD_OPEN = '\uE002';
const BOLD_CLOSE = '\uE003';
const CODE_OPEN = '\uE004';
const CODE_CLOSE = '\uE005';
const ANY_MARK = /[\uE000-\uE00F]/g;

/** Ids a platform reads as "everyone": never a mention, whatever code asks for. */
const BROADCAST_IDS = new Set(['all', 'here', 'channel', 'everyone']);

/** A mention of a platform user id (Slack U…, Feishu ou_…); broadcast words stay plain text. */
export function mention(userId: string): string {
  const id = userId.replace(/[^A-Za-z0-9_-]/g, '');
  if (!id || BROADCAST_IDS.has(id.toLowerCase())) return `@${id}`;
  return `${MENTION_OPEN}${id}${MENTION_CLOSE}`;
}

/** Text shown bold (it may hold mentions). */
export function bold(text: string): string {
  return `${BOLD_OPEN}${text}${BOLD_CLOSE}`;
}

/** Text shown as inline code: literal characters only, so marks inside are dropped. */
export function code(text: string): string {
  return `${CODE_OPEN}${text.replace(ANY_MARK, '')}${CODE_CLOSE}`;
}

/**
 * A code-written template's **bold** and `code` as marks (i18n sentences keep readable markdown). Only
 * for text the code wrote: apply it before substituting data, never to data.
 */
export function markup(template: string): string {
  return template.replace(/\*\*([^*]+)\*\*/g, (_, inner: string) => bold(inner)).replace(/`([^`]+)`/g, (_, inner: string) => code(inner));
}

export type Span = { kind: 'text' | 'code'; text: string; bold: boolean } | { kind: 'mention'; id: string; bold: boolean };

/** The spans of rich text in order; an unmatched mark is dropped. */
export function spans(text: string): Span[] {
  const out: Span[] = [];
  let buffer = '';
  let isBold = false;
  let isCode = false;
  const flush = () => {
    if (buffer) out.push({ kind: isCode ? 'code' : 'text', text: buffer, bold: isBold });
    buffer = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === MENTION_OPEN) {
      const end = text.indexOf(MENTION_CLOSE, i + 1);
      const id = end > 0 ? text.slice(i + 1, end) : '';
      if (/^[A-Za-z0-9_-]+$/.test(id) && !isCode) {
        flush();
        out.push({ kind: 'mention', id, bold: isBold });
        i = end;
      }
    } else if (c === BOLD_OPEN || c === BOLD_CLOSE) {
      flush();
      isBold = c === BOLD_OPEN;
    } else if (c === CODE_OPEN || c === CODE_CLOSE) {
      flush();
      isCode = c === CODE_OPEN;
    } else if (c < '\uE000' || c > '\uE00F') buffer += c;
  }
  flush();
  return out;
}

export interface RichRenderer {
  /** Literal characters, escaped for the platform. */
  text(plain: string): string;
  /** Literal characters shown as inline code. */
  code(plain: string): string;
  mention(id: string): string;
  /** Already-rendered content made bold. */
  bold(rendered: string): string;
}

/** Rich text through a platform's renderer; whitespace at the edges of a bold run stays outside it. */
export function renderRich(text: string, r: RichRenderer): string {
  let out = '';
  let run = '';
  const closeRun = () => {
    const m = run.match(/^(\s*)([\s\S]*?)(\s*)$/) as RegExpMatchArray;
    out += m[2] ? `${m[1]}${r.bold(m[2] as string)}${m[3]}` : run;
    run = '';
  };
  for (const s of spans(text)) {
    const piece = s.kind === 'mention' ? r.mention(s.id) : s.kind === 'code' ? r.code(s.text) : r.text(s.text);
    if (s.bold) run += piece;
    else {
      closeRun();
      out += piece;
    }
  }
  closeRun();
  return out;
}

/** Plain text for logs, notifications and plain-text fields: marks removed, mentions as @id. */
export function plainText(text: string): string {
  return spans(text)
    .map((s) => (s.kind === 'mention' ? `@${s.id}` : s.text))
    .join('');
}
