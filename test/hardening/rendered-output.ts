// Checks on what the renderers produce, used by the injection fuzz: given the platform user ids the code
// itself mentioned, each returns the problems found (an empty list is a pass). They read the rendered
// JSON/HTML the way the platform would, not the renderer's own helpers.

import type { CardElement, FeishuCard } from '../../src/platforms/feishu/card.renderer.ts';
import type { Block } from '../../src/platforms/slack/block-kit.renderer.ts';

const ZWSP = '\u200B';
const MARKS = /[\uE000-\uE00F]/;

/** Hostile pieces: each must never appear as working syntax in any rendered output. */
export const HOSTILE_ATOMS = [
  '\uE000all\uE001',
  '\uE000U0EVIL\uE001',
  '\uE002',
  '\uE003',
  '\uE004',
  '\uE005',
  '<!channel>',
  '<!here>',
  '<!everyone>',
  '<@U0EVIL>',
  '<#C0EVIL>',
  '<https://evil.example|click>',
  '<at id=all></at>',
  '<at user_id="all"></at>',
  '<at id=ou_evil></at>',
  '<font color=red>',
  '<script>',
  '**b**',
  '*b*',
  '_i_',
  '~~s~~',
  '~s~',
  '`c`',
  '```',
  '[l](https://evil.example)',
  '![i](img_x)',
  '\n# h',
  '\n- li',
  '\n1. li',
  '\n> q',
  '\n    indented',
  '\n\t- tab',
  ':tada:',
  '@here',
  '&amp;',
  '&#60;',
  '\\',
  '|',
  '"',
  "'",
  ' ',
];

/** Every string in a JSON value, with the key it sits under and the object that holds it. */
function* strings(
  value: unknown,
  key = '',
  holder: Record<string, unknown> = {},
): Generator<{ key: string; text: string; holder: Record<string, unknown> }> {
  if (typeof value === 'string') yield { key, text: value, holder };
  else if (Array.isArray(value)) for (const v of value) yield* strings(v, key, holder);
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) yield* strings(v, k, value as Record<string, unknown>);
}

function marksIn(where: string, text: string): string[] {
  return MARKS.test(text) ? [`${where}: a private-use mark survived: ${JSON.stringify(text)}`] : [];
}

/** Slack: mrkdwn may hold only code-made mentions, bold and code; data formatting must be broken by zero-width spaces. */
export function slackProblems(message: { text: string; blocks: Block[] }, allowed: Set<string>): string[] {
  const problems: string[] = [];
  const mrkdwn: string[] = [message.text];
  for (const s of strings(message.blocks)) {
    problems.push(...marksIn('slack', s.text));
    if (s.key === 'text' && s.holder.type === 'mrkdwn') mrkdwn.push(s.text);
  }
  for (const raw of mrkdwn) {
    problems.push(...marksIn('slack', raw));
    for (const m of raw.matchAll(/<@([^>|]*)[^>]*>/g))
      if (!allowed.has(m[1] as string)) problems.push(`slack: mention of ${m[1]} the code never made`);
    // Code blocks and spans show data literally; what is left is read as mrkdwn.
    // Characters broken by zero-width spaces are literal (kept as a placeholder); then code blocks and spans show data literally;
    // what is left is read as mrkdwn.
    const outside = raw
      .replace(new RegExp(`${ZWSP}[*_~\`]${ZWSP}`, 'g'), '\u0001')
      .replace(/```[\s\S]*?```/g, '')
      .replace(/`[^`\n]*`/g, '')
      .replace(/<@[A-Za-z0-9_-]+>/g, '');
    if (outside.includes('<')) problems.push(`slack: a link, broadcast or mention from data: ${JSON.stringify(raw)}`);
    if (outside.includes('`')) problems.push(`slack: an unbalanced code span: ${JSON.stringify(raw)}`);
    for (const m of outside.matchAll(/[_~]/g)) problems.push(`slack: formatting "${m[0]}" from data: ${JSON.stringify(raw)}`);
    if ((outside.match(/\*/g) ?? []).length % 2) problems.push(`slack: a stray * opens bold: ${JSON.stringify(raw)}`);
    for (const atom of ['*b*', '_i_', '~s~', '@here', ':tada:', '\n&gt; q'])
      if (outside.includes(atom)) problems.push(`slack: "${atom}" from data works: ${JSON.stringify(raw)}`);
  }
  return problems;
}

/** Feishu: markdown may hold only code-made <at> (never all), ** and code; nothing from data opens syntax. */
export function feishuProblems(card: FeishuCard, allowed: Set<string>): string[] {
  const problems: string[] = [];
  for (const s of strings(card)) {
    problems.push(...marksIn('feishu', s.text));
    if (s.key !== 'content' || (s.holder as CardElement).tag !== 'markdown') continue;
    const md = s.text;
    for (const m of md.matchAll(/<at\s+([^>]*)>/g)) {
      const id = /^id=([A-Za-z0-9_-]+)$/.exec(m[1] as string)?.[1];
      if (!id || id === 'all' || !allowed.has(id)) problems.push(`feishu: <at ${m[1]}> the code never made`);
    }
    const outside = md
      .replace(/^```[\s\S]*?^```/gm, '')
      .replace(/`[^`\n]*`/g, '')
      .replace(/<at id=[A-Za-z0-9_-]+><\/at>/g, '');
    for (const c of ['<', '>', '[', ']', '_', '~', '`', '|', '\\'])
      if (outside.includes(c)) problems.push(`feishu: raw "${c}" from data: ${JSON.stringify(md)}`);
    if ((outside.replace(/\*\*/g, '').match(/\*/g) ?? []).length)
      problems.push(`feishu: a single * (italic) from data: ${JSON.stringify(md)}`);
    if (outside.includes('**b**')) problems.push(`feishu: **b** from data renders bold: ${JSON.stringify(md)}`);
    if (/:[A-Za-z0-9_+-]+:/.test(outside)) problems.push(`feishu: an :emoji: code from data: ${JSON.stringify(md)}`);
    for (const line of outside.split(/\r\n|\r|\n/))
      if (/^( {4}|[ \t]*\t|[ \t]*(#{1,6}|[-+]|\d{1,9}[.)])(\s|$))/.test(line))
        problems.push(`feishu: a line opens block syntax: ${JSON.stringify(line)}`);
    for (const m of md.matchAll(/`([^`\n]*)`/g)) if (/[<>]/.test(m[1] as string)) problems.push(`feishu: a tag inside code: ${m[0]}`);
  }
  return problems;
}

const HTML_TAGS = new Set([
  'div',
  'h3',
  'p',
  'strong',
  'code',
  'br',
  'span',
  'dl',
  'dt',
  'dd',
  'table',
  'caption',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'figure',
  'img',
  'figcaption',
  'hr',
  'button',
]);

/** Sandbox HTML: only the renderer's own tags and attributes; mention chips only for code-made ids. */
export function htmlProblems(html: string, allowed: Set<string>): string[] {
  const problems = marksIn('html', html);
  for (const m of html.matchAll(/<\/?([A-Za-z0-9-]+)([^>]*)>/g)) {
    if (!HTML_TAGS.has((m[1] as string).toLowerCase())) problems.push(`html: tag <${m[1]}> from data`);
    for (const a of (m[2] as string).replace(/"[^"]*"/g, '""').matchAll(/\s([A-Za-z-]+)=/g))
      if (!['class', 'src', 'alt', 'type', 'data-action-id', 'data-value'].includes(a[1] as string))
        problems.push(`html: attribute ${a[1]} from data`);
  }
  for (const m of html.matchAll(/<span class="mention">@([^<]*)<\/span>/g))
    if (!allowed.has(m[1] as string)) problems.push(`html: mention chip for ${m[1]} the code never made`);
  if ((html.match(/<strong>/g) ?? []).length !== (html.match(/<\/strong>/g) ?? []).length) problems.push('html: unbalanced <strong>');
  // The code never bolds a lone "b" nor writes `c` as code: these can only come from the hostile atoms.
  if (html.includes('<strong>b</strong>')) problems.push('html: **b** from data became bold');
  if (html.includes('<code>c</code>')) problems.push('html: `c` from data became code');
  return problems;
}

/** The text a reader sees in sandbox HTML (tags dropped, entities decoded). */
export function visibleHtml(html: string): string {
  return html
    .replace(/<br>/g, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}
