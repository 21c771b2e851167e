// Pure view → Feishu card JSON 2.0. Feishu's limits are named here and enforced by truncating, with a
// visible note whenever something is left out.
import { t } from '../../core/i18n/messages.ts';
import type { Locale } from '../../core/ports/workspace.ts';
import { plainText, renderRich } from '../../core/views/rich-text.ts';
import { monospaceTable } from '../../core/views/table-text.ts';
import { truncate } from '../../core/views/truncate.ts';
import type { Severity, View, ViewElement, ViewForm } from '../../core/views/view.ts';

/** Feishu refuses cards over 30 KB of JSON; we stay a little under so the message envelope fits too. */
export const MAX_CARD_BYTES = 30_000;
export const MAX_HEADER_TEXT = 100;
export const MAX_MARKDOWN_TEXT = 5_000;
export const MAX_SUMMARY_TEXT = 120;
export const MAX_BUTTONS = 20;
export const MAX_BUTTON_TEXT = 40;
/** Rows of one table component; more are cut with a note. */
export const MAX_TABLE_ROWS = 50;
/** Rows shown per page of a table (Feishu allows 1–10). */
export const TABLE_PAGE_SIZE = 10;
/** Table components per card; further tables become monospace text. */
export const MAX_TABLES = 5;
/** Columns of a table component (Feishu hides the rest); wider tables become monospace text. */
export const MAX_TABLE_COLUMNS = 50;

// biome-ignore lint/suspicious/noExplicitAny: card elements are plain JSON objects.
export type CardElement = Record<string, any>;

export interface FeishuCard {
  schema: '2.0';
  config: { update_multi: true; summary: { content: string } };
  header?: { title: { tag: 'plain_text'; content: string }; template: string };
  body: { elements: CardElement[] };
}

/** Header colours by severity (Feishu's template names). */
export const SEVERITY_TEMPLATE: Record<Severity, string> = { info: 'blue', ok: 'green', warning: 'orange', critical: 'red' };

// The card markdown (JSON 2.0) is CommonMark plus a few HTML tags (<at>, <font>, <a>, <link>…) and
// :EMOJI: codes; Feishu documents numeric entities (&#42;) as the way to show such characters literally.
// Every character that can open inline syntax is an entity; line-start syntax (#, -, +, =, >, 1.) is
// caught where a line starts, and leading spaces and tabs (an indented code block) become &#160;.
const INLINE = /[&<>[\]*_~`\\|]|:(?=[A-Za-z0-9_+-]+:)/g;
const entity = (c: string) => `&#${c.codePointAt(0)};`;

const inline = (text: string) => text.replace(INLINE, entity);

/** Markdown whose lines cannot start a heading, list, rule, setext underline or indented code block. */
function lineStarts(markdown: string): string {
  return markdown.replace(
    /^([ \t]*)(#{1,6}(?=[ \t]|$)|[+-](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)|[=-](?=[=-]*[ \t]*$))?/gm,
    (_, spaces: string, lead: string | undefined) => '&#160;'.repeat(spaces.length) + (lead ? lead.replace(/\D/, entity) : ''),
  );
}

/** Literal text for Feishu card markdown: nothing in it can format, link, tag or mention. */
export function escapeFeishu(text: string): string {
  return lineStarts(inline(text));
}

/** Literal text inside a code span: backticks and angle brackets swapped for look-alikes (entities show raw in code). */
function feishuCode(text: string): string {
  return text.replace(/`/g, '\u02CB').replace(/</g, '\uFF1C').replace(/>/g, '\uFF1E');
}

/** Rich text as Feishu card markdown (**bold**, `code`, code-made <at>), everything from data literal. */
export function toFeishuMarkdown(text: string): string {
  // Code-made syntax never starts a line with a block marker, so line starts are checked on the whole.
  return lineStarts(
    renderRich(text, {
      text: inline,
      code: (plain) => `\`${feishuCode(plain).replace(/\n/g, ' ')}\``,
      mention: (id) => (id.toLowerCase() === 'all' ? '@all' : `<at id=${id}></at>`),
      bold: (rendered) => `**${rendered}**`,
    }),
  );
}

const markdown = (text: string, extra: CardElement = {}): CardElement => ({
  tag: 'markdown',
  content: truncate(text, MAX_MARKDOWN_TEXT),
  ...extra,
});

type TableElement = Extract<ViewElement, { type: 'table' }>;

function tableElements(el: TableElement, asComponent: boolean, locale: Locale): CardElement[] {
  const out: CardElement[] = [];
  if (el.caption) out.push(markdown(`**${toFeishuMarkdown(el.caption)}**`));
  const all = el.total ? [...el.rows, el.total] : el.rows;
  const shown =
    all.length > MAX_TABLE_ROWS ? [...el.rows.slice(0, MAX_TABLE_ROWS - (el.total ? 1 : 0)), ...(el.total ? [el.total] : [])] : all;
  const cut = all.length - shown.length;
  const align = el.columns.map((c, i) => c.align ?? (i === 0 ? 'left' : 'right'));
  if (asComponent) {
    out.push({
      tag: 'table',
      page_size: Math.max(1, Math.min(TABLE_PAGE_SIZE, shown.length)),
      row_height: 'low',
      header_style: { bold: true, background_style: 'grey' },
      columns: el.columns.map((c, i) => ({
        name: `c${i}`,
        display_name: plainText(c.label),
        data_type: 'text',
        horizontal_align: align[i],
        width: 'auto',
      })),
      rows: shown.map((r) => Object.fromEntries(el.columns.map((_, i) => [`c${i}`, plainText(r[i] ?? '')]))),
    });
  } else {
    const text = monospaceTable(
      el.columns.map((c) => plainText(c.label)),
      shown.map((r) => r.map(plainText)),
      align,
    );
    out.push(markdown(`\`\`\`\n${feishuCode(text)}\n\`\`\``));
  }
  if (cut > 0) out.push(markdown(escapeFeishu(t(locale, 'feishu.rowsCut', { count: cut })), { text_size: 'notation' }));
  return out;
}

function button(a: Extract<ViewElement, { type: 'actions' }>['actions'][number]): CardElement {
  return {
    tag: 'button',
    text: { tag: 'plain_text', content: truncate(plainText(a.label), MAX_BUTTON_TEXT) },
    type: a.style ?? 'default',
    behaviors: [{ type: 'callback', value: { action: a.id, value: a.value } }],
  };
}

function elementsOf(el: ViewElement, state: { tables: number }, locale: Locale): CardElement[] {
  switch (el.type) {
    case 'header':
      return [markdown(`**${toFeishuMarkdown(el.text)}**`)];
    case 'text':
      return [markdown(toFeishuMarkdown(el.text))];
    case 'fields': {
      const rows: CardElement[] = [];
      for (let i = 0; i < el.fields.length; i += 2)
        rows.push({
          tag: 'column_set',
          columns: el.fields.slice(i, i + 2).map((f) => ({
            tag: 'column',
            width: 'weighted',
            weight: 1,
            elements: [markdown(`**${toFeishuMarkdown(f.label)}**\n${toFeishuMarkdown(f.value)}`)],
          })),
        });
      return rows;
    }
    case 'table': {
      const asComponent = el.columns.length <= MAX_TABLE_COLUMNS && state.tables < MAX_TABLES;
      if (asComponent) state.tables++;
      return tableElements(el, asComponent, locale);
    }
    case 'chart': {
      const title = markdown(`**${toFeishuMarkdown(el.title)}**`);
      // `image` is the image_key an upload returned; the chart's own imageKey is an internal name Feishu never saw.
      return el.image
        ? [
            title,
            { tag: 'img', img_key: el.image, alt: { tag: 'plain_text', content: truncate(plainText(el.altText), MAX_MARKDOWN_TEXT) } },
          ]
        : [markdown(`**${toFeishuMarkdown(el.title)}**\n${escapeFeishu(plainText(el.altText))}`)];
    }
    case 'actions':
      return [
        {
          tag: 'column_set',
          columns: el.actions.slice(0, MAX_BUTTONS).map((a) => ({ tag: 'column', width: 'auto', elements: [button(a)] })),
        },
      ];
    case 'context':
      return [markdown(toFeishuMarkdown(el.text), { text_size: 'notation' })];
    case 'divider':
      return [{ tag: 'hr' }];
  }
}

/** An input's length limit in card JSON 2.0 (max_length 1–1000). */
const MAX_INPUT_LENGTH = 1_000;

/**
 * A view's form as a card JSON 2.0 `form` container at the body's root: an input named per field (prefilled),
 * and a submit button whose callback carries the form's action and value; Feishu sends the inputs as
 * `form_value` in the `card.action.trigger` (feishu-events.ts reads it back as `{ ...value, fields }`).
 */
function formElement(form: ViewForm): CardElement {
  return {
    tag: 'form',
    name: 'gb_form',
    elements: [
      ...(form.intro ? [markdown(toFeishuMarkdown(form.intro))] : []),
      ...form.fields.map((f) => ({
        tag: 'input',
        name: f.id,
        label: { tag: 'plain_text', content: truncate(plainText(f.label), MAX_HEADER_TEXT) },
        label_position: 'top',
        required: !f.optional,
        input_type: f.multiline ? 'multiline_text' : 'text',
        ...(f.multiline ? { rows: 3 } : {}),
        max_length: Math.min(f.maxLength ?? MAX_INPUT_LENGTH, MAX_INPUT_LENGTH),
        ...(f.placeholder ? { placeholder: { tag: 'plain_text', content: truncate(plainText(f.placeholder), MAX_HEADER_TEXT) } } : {}),
        ...(f.initial ? { default_value: f.initial } : {}),
      })),
      {
        tag: 'button',
        name: 'gb_submit',
        text: { tag: 'plain_text', content: truncate(plainText(form.submit), MAX_BUTTON_TEXT) },
        type: 'primary',
        form_action_type: 'submit',
        behaviors: [{ type: 'callback', value: { action: form.id, value: form.value } }],
      },
    ],
  };
}

const bytes = (card: FeishuCard) => Buffer.byteLength(JSON.stringify(card));

/**
 * The card for a view. The first header element becomes the card's header, coloured by severity; past
 * 30 KB, elements are dropped from the end (buttons kept) and a note says how many.
 */
export function toFeishuCard(view: View, options: { locale?: Locale } = {}): FeishuCard {
  const locale = options.locale ?? 'zh-CN';
  const headerEl = view.elements.find((e): e is Extract<ViewElement, { type: 'header' }> => e.type === 'header');
  const state = { tables: 0 };
  const content: CardElement[] = [];
  const buttons: CardElement[] = [];
  for (const el of view.elements) {
    if (el === headerEl) continue;
    (el.type === 'actions' ? buttons : content).push(...elementsOf(el, state, locale));
  }
  // A form is kept like the buttons when a long card is cut.
  if (view.form) buttons.push(formElement(view.form));
  const card: FeishuCard = {
    schema: '2.0',
    config: { update_multi: true, summary: { content: truncate(plainText(view.fallback), MAX_SUMMARY_TEXT) } },
    ...(headerEl
      ? {
          header: {
            title: { tag: 'plain_text' as const, content: truncate(plainText(headerEl.text), MAX_HEADER_TEXT) },
            template: SEVERITY_TEMPLATE[view.severity ?? 'info'],
          },
        }
      : {}),
    body: { elements: [...content, ...buttons] },
  };
  if (bytes(card) <= MAX_CARD_BYTES) return card;
  const kept = [...content];
  let dropped = 0;
  const note = () => markdown(escapeFeishu(t(locale, 'feishu.cardCut', { count: dropped })), { text_size: 'notation' });
  do {
    kept.pop();
    dropped++;
    card.body.elements = [...kept, note(), ...buttons];
  } while (kept.length > 0 && bytes(card) > MAX_CARD_BYTES);
  return card;
}
