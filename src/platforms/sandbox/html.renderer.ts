// Pure view → HTML for the local sandbox. Everything from data is escaped; the markup is the view's.
import { renderRich, spans } from '../../core/views/rich-text.ts';
import type { View, ViewElement, ViewForm } from '../../core/views/view.ts';

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Display names by member id: the sandbox's members are people typed by name, shown as @name, not @local-…. */
export type MemberNames = ReadonlyMap<string, string>;

const NO_NAMES: MemberNames = new Map();

/** Rich text as HTML: <strong>, <code>, line breaks and mention chips (by name where known) from the marks; data is only ever escaped. */
export function richText(text: string, names: MemberNames = NO_NAMES): string {
  return renderRich(text, {
    text: (plain) => escapeHtml(plain).replace(/\n/g, '<br>'),
    code: (plain) => `<code>${escapeHtml(plain)}</code>`,
    mention: (id) => `<span class="mention">@${escapeHtml(names.get(id) ?? id)}</span>`,
    bold: (rendered) => `<strong>${rendered}</strong>`,
  });
}

function element(el: ViewElement, names: MemberNames): string {
  // Plain text (headers, labels, captions, attributes): marks removed, mentions as @name, escaped.
  const plainHtml = (text: string) =>
    escapeHtml(
      spans(text)
        .map((s) => (s.kind === 'mention' ? `@${names.get(s.id) ?? s.id}` : s.text))
        .join(''),
    );
  const rich = (text: string) => richText(text, names);
  switch (el.type) {
    case 'header':
      return `<h3>${plainHtml(el.text)}</h3>`;
    case 'text':
      return `<p>${rich(el.text)}</p>`;
    case 'fields':
      return `<dl class="fields">${el.fields.map((f) => `<div><dt>${plainHtml(f.label)}</dt><dd>${rich(f.value)}</dd></div>`).join('')}</dl>`;
    case 'table': {
      const cls = (i: number) => ((el.columns[i]?.align ?? (i === 0 ? 'left' : 'right')) === 'right' ? ' class="num"' : '');
      const head = `<tr>${el.columns.map((c, i) => `<th${cls(i)}>${plainHtml(c.label)}</th>`).join('')}</tr>`;
      const row = (cells: string[], total = false) =>
        `<tr${total ? ' class="total"' : ''}>${cells.map((c, i) => `<td${cls(i)}>${rich(c)}</td>`).join('')}</tr>`;
      const caption = el.caption ? `<caption>${plainHtml(el.caption)}</caption>` : '';
      return `<table>${caption}<thead>${head}</thead><tbody>${el.rows.map((r) => row(r)).join('')}${el.total ? row(el.total, true) : ''}</tbody></table>`;
    }
    case 'chart':
      return el.image
        ? `<figure><img src="${escapeHtml(el.image)}" alt="${plainHtml(el.altText)}"><figcaption>${plainHtml(el.title)}</figcaption></figure>`
        : `<p><strong>${plainHtml(el.title)}</strong></p>`;
    case 'actions':
      return `<div class="actions">${el.actions
        .map(
          (a) =>
            `<button type="button" class="action${a.style ? ` ${a.style}` : ''}" data-action-id="${escapeHtml(a.id)}" data-value="${escapeHtml(a.value)}">${plainHtml(a.label)}</button>`,
        )
        .join('')}</div>`;
    case 'context':
      return `<p class="context">${rich(el.text)}</p>`;
    case 'divider':
      return '<hr>';
  }
}

/**
 * A button's form, inline (where Slack opens a modal): a field per `fields` entry, prefilled, and a submit button.
 * The page posts it as the action `form.id` with `{ ...JSON.parse(form.value), fields }`, as Slack's submission arrives.
 */
function formHtml(form: ViewForm, names: MemberNames): string {
  const fields = form.fields
    .map((f) => {
      const attrs = `name="${escapeHtml(f.id)}"${f.maxLength ? ` maxlength="${f.maxLength}"` : ''}${f.placeholder ? ` placeholder="${escapeHtml(f.placeholder)}"` : ''}${f.optional ? '' : ' required'}`;
      const input = f.multiline
        ? `<textarea ${attrs} rows="3">${escapeHtml(f.initial ?? '')}</textarea>`
        : `<input ${attrs} value="${escapeHtml(f.initial ?? '')}">`;
      return `<label>${escapeHtml(f.label)}${input}</label>`;
    })
    .join('');
  const intro = form.intro ? `<p>${richText(form.intro, names)}</p>` : '';
  return `<form class="answer-form" data-form-id="${escapeHtml(form.id)}" data-value="${escapeHtml(form.value)}"><h4>${escapeHtml(form.title)}</h4>${intro}${fields}<button type="submit" class="primary">${escapeHtml(form.submit)}</button></form>`;
}

/** One bot message: a card whose colour follows the view's severity; mentions by the members' names where known. */
export function toHtml(view: View, names: MemberNames = NO_NAMES): string {
  const classes = ['card', view.severity ? `severity-${view.severity}` : '', view.ephemeral ? 'ephemeral' : ''].filter(Boolean).join(' ');
  const form = view.form ? formHtml(view.form, names) : '';
  return `<div class="${classes}">${view.elements.map((el) => element(el, names)).join('')}${form}</div>`;
}
