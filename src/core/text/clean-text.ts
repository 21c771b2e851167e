// Text from outside (chat commands, CSV cells, API bodies, platform names) loses the characters only our
// own code may write. The views mark mentions, bold and code with private-use characters
// (core/views/rich-text.ts); if a user could type them, `/kpi show <U+E000>all<U+E001>` would come back as
// a real @all. So every edge where text enters calls one of these, and nothing stored ever holds them.

// The whole BMP private-use area (the views reserve U+E000–U+E00F; nobody types the rest on purpose),
// C0/C1 controls except tab, line feed and carriage return, the zero-width space and BOM the Slack
// renderer uses to break formatting, and the bidirectional overrides that make text read backwards.
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is this regex's job.
const CONTROL = /[\uE000-\uF8FF\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B\uFEFF\u202A-\u202E\u2066-\u2069]/g;

/** Free text (a command line, a note, a cell value) without code-only characters; line breaks kept. */
export function cleanText(text: string): string {
  return text.replace(CONTROL, '');
}

/** A name (channel, metric, member, workspace, CSV header): cleaned, on one line, spaces collapsed. */
export function cleanName(text: string): string {
  return cleanText(text).replace(/\s+/g, ' ').trim();
}

/** Whether text holds any character cleanText would remove (for tests and assertions). */
export function hasControlChars(text: string): boolean {
  return new RegExp(CONTROL.source).test(text);
}
