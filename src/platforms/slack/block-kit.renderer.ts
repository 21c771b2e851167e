// Pure view → Block Kit. Slack's limits are named here and enforced by truncating or splitting, with
// a visible note whenever something is left out.

import { plainText, renderRich } from '../../core/views/rich-text.ts';
import { monospaceTable } from '../../core/views/table-text.ts';
import { truncate } from '../../core/views/truncate.ts';
import type { View, ViewElement } from '../../core/views/view.ts';

export const MAX_BLOCKS = 50;
export const MAX_SECTION_TEXT = 3000;
export const MAX_FIELDS = 10;
export const MAX_FIELD_TEXT = 2000;
export const MAX_HEADER_TEXT = 150;
export const MAX_ACTIONS = 25;
export const MAX_BUTTON_TEXT = 75;
export const MAX_BUTTON_VALUE = 2000;
export const MAX_CONTEXT_TEXT = 3000;
export const MAX_FALLBACK_TEXT = 3000;

// biome-ignore lint/suspicious/noExplicitAny: Block Kit blocks are plain JSON objects.
export type Block = Record<string, any>;

/** Slack's control characters escaped, so no text from data can become a link or a <!channel> ping. */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

// Slack has no escape for its formatting characters. A zero-width space on both sides of one breaks
// every pairing rule (whether Slack counts it as a space or a letter), so `*b*`, `_i_`, `~s~` and
// `code` from data stay literal, `:tada:` no emoji, `@here` no keyword and a line-leading `>` no quote.
// clean-text.ts strips the zero-width space from anything typed back, so a copied name still matches.
const ZWSP = '\u200B';

/** Literal text for mrkdwn: escaped, formatting characters neutralised. */
export function slackText(text: string): string {
  return escapeSlack(text)
    .replace(/[*_~`]/g, (c) => `${ZWSP}${c}${ZWSP}`)
    .replace(/:(?=[a-z0-9_+-]+:)/gi, `:${ZWSP}`)
    .replace(/@(?=[A-Za-z0-9])/g, `@${ZWSP}`)
    .replace(/(^|\n)&gt;/g, `$1${ZWSP}&gt;`);
}

/** Literal text inside a code span or block: escaped, and no backtick that could close it. */
function slackCode(text: string): string {
  return escapeSlack(text).replace(/`/g, '\u02CB');
}

/** Literal text inside an inline code span, which ends at a line break. */
function slackInlineCode(text: string): string {
  return slackCode(text).replace(/\n/g, ' ');
}

/** Plain text (fallbacks): literal, with code-made mentions as <@U…>. */
export function slackPlain(text: string): string {
  return renderRich(text, { text: slackText, code: slackText, mention: (id) => `<@${id}>`, bold: (s) => s });
}

/** Rich text as Slack mrkdwn (*bold*, `code`, <@U…>), everything from data literal. */
export function toMrkdwn(text: string): string {
  return renderRich(text, {
    text: slackText,
    code: (plain) => `\`${slackInlineCode(plain)}\``,
    mention: (id) => `<@${id}>`,
    bold: (rendered) => `*${rendered}*`,
  });
}

/** A table cell inside a code block: literal characters, nothing that closes the block; code-made mentions stay <@U…>. */
const cell = (text: string) => renderRich(text, { text: slackCode, code: slackCode, mention: (id) => `<@${id}>`, bold: (s) => s });

function section(text: string): Block {
  return { type: 'section', text: { type: 'mrkdwn', text: truncate(text, MAX_SECTION_TEXT) } };
}

/** A table as monospace code blocks, split across sections at row boundaries to stay under 3000 characters. */
function tableBlocks(el: Extract<ViewElement, { type: 'table' }>): Block[] {
  const header = el.columns.map((c) => c.label);
  const align = el.columns.map((c, i) => c.align ?? (i === 0 ? 'left' : 'right'));
  const lines = monospaceTable(
    header.map(cell),
    (el.total ? [...el.rows, el.total] : el.rows).map((r) => r.map(cell)),
    align,
  ).split('\n');
  if (el.total) lines.splice(lines.length - 1, 0, (lines[1] as string).replace(/[^ ]/g, '-'));
  const blocks: Block[] = [];
  if (el.caption) blocks.push(section(`*${toMrkdwn(el.caption)}*`));
  const budget = MAX_SECTION_TEXT - 8;
  let chunk: string[] = [];
  const flush = () => {
    if (chunk.length) blocks.push(section(`\`\`\`${chunk.join('\n')}\`\`\``));
    chunk = [];
  };
  for (const raw of lines) {
    const line = truncate(raw, budget);
    if ([...chunk, line].join('\n').length > budget) flush();
    chunk.push(line);
  }
  flush();
  return blocks;
}

function elementBlocks(el: ViewElement): Block[] {
  switch (el.type) {
    case 'header':
      return [{ type: 'header', text: { type: 'plain_text', text: truncate(plainText(el.text), MAX_HEADER_TEXT), emoji: true } }];
    case 'text':
      return [section(toMrkdwn(el.text))];
    case 'fields': {
      const out: Block[] = [];
      for (let i = 0; i < el.fields.length; i += MAX_FIELDS) {
        out.push({
          type: 'section',
          fields: el.fields
            .slice(i, i + MAX_FIELDS)
            .map((f) => ({ type: 'mrkdwn', text: truncate(`*${toMrkdwn(f.label)}*\n${toMrkdwn(f.value)}`, MAX_FIELD_TEXT) })),
        });
      }
      return out;
    }
    case 'table':
      return tableBlocks(el);
    case 'chart':
      return el.image
        ? [
            {
              type: 'image',
              image_url: el.image,
              alt_text: truncate(plainText(el.altText), 2000),
              title: { type: 'plain_text', text: truncate(plainText(el.title), 2000) },
            },
          ]
        : [section(`*${toMrkdwn(el.title)}*`)];
    case 'actions':
      return [
        {
          type: 'actions',
          elements: el.actions.slice(0, MAX_ACTIONS).map((a) => ({
            type: 'button',
            action_id: a.id,
            text: { type: 'plain_text', text: truncate(plainText(a.label), MAX_BUTTON_TEXT), emoji: true },
            value: a.value.slice(0, MAX_BUTTON_VALUE),
            ...(a.style ? { style: a.style } : {}),
          })),
        },
      ];
    case 'context':
      return [{ type: 'context', elements: [{ type: 'mrkdwn', text: truncate(toMrkdwn(el.text), MAX_CONTEXT_TEXT) }] }];
    case 'divider':
      return [{ type: 'divider' }];
  }
}

/** The blocks and fallback text of a message. Over 50 blocks, the last kept block says how many were left out. */
export function toBlockKit(view: View): { text: string; blocks: Block[] } {
  const blocks = view.elements.flatMap(elementBlocks);
  if (blocks.length > MAX_BLOCKS) {
    const kept = blocks.slice(0, MAX_BLOCKS - 1);
    kept.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `… ${blocks.length - kept.length} more blocks not shown` }] });
    return { text: truncate(slackPlain(view.fallback), MAX_FALLBACK_TEXT), blocks: kept };
  }
  return { text: truncate(slackPlain(view.fallback), MAX_FALLBACK_TEXT), blocks };
}
