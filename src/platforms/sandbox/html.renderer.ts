// Pure view → HTML for the local sandbox. Everything from data is escaped; the markup is the view's.
import { renderMentions } from '../../core/views/mention.ts';
import type { View, ViewElement } from '../../core/views/view.ts';

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Display names by member id: the sandbox's members are people typed by name, shown as @name, not @local-…. */
export type MemberNames = ReadonlyMap<string, string>;

const NO_NAMES: MemberNames = new Map();

/** Our rich text as HTML: **bold**, `code`, *emphasis* (Slack style), line breaks, and mentions as @name chips. */
export function richText(text: string, names: MemberNames = NO_NAMES): string {
  const formatted = (plain: string) =>
    escapeHtml(plain)
      .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
      .replace(/\*([^*\n]+)\*/g, '<strong>$1</strong>')
      .replace(/`([^`]+)`/g, '<code>$1</code>')
      .replace(/\n/g, '<br>');
  return renderMentions(text, formatted, (id) => `<span class="mention">@${escapeHtml(names.get(id) ?? id)}</span>`);
}

function element(el: ViewElement, names: MemberNames): string {
  const rich = (text: string) => richText(text, names);
  switch (el.type) {
    case 'header':
      return `<h3>${escapeHtml(
        renderMentions(
          el.text,
          (plain) => plain,
          (id) => `@${names.get(id) ?? id}`,
        ),
      )}</h3>`;
    case 'text':
      return `<p>${rich(el.text)}</p>`;
    case 'fields':
      return `<dl class="fields">${el.fields.map((f) => `<div><dt>${escapeHtml(f.label)}</dt><dd>${rich(f.value)}</dd></div>`).join('')}</dl>`;
    case 'table': {
      const cls = (i: number) => ((el.columns[i]?.align ?? (i === 0 ? 'left' : 'right')) === 'right' ? ' class="num"' : '');
      const head = `<tr>${el.columns.map((c, i) => `<th${cls(i)}>${escapeHtml(c.label)}</th>`).join('')}</tr>`;
      const row = (cells: string[], total = false) =>
        `<tr${total ? ' class="total"' : ''}>${cells.map((c, i) => `<td${cls(i)}>${rich(c)}</td>`).join('')}</tr>`;
      const caption = el.caption ? `<caption>${escapeHtml(el.caption)}</caption>` : '';
      return `<table>${caption}<thead>${head}</thead><tbody>${el.rows.map((r) => row(r)).join('')}${el.total ? row(el.total, true) : ''}</tbody></table>`;
    }
    case 'chart':
      return el.imageUrl
        ? `<figure><img src="${escapeHtml(el.imageUrl)}" alt="${escapeHtml(el.altText)}"><figcaption>${escapeHtml(el.title)}</figcaption></figure>`
        : `<p><strong>${escapeHtml(el.title)}</strong></p>`;
    case 'actions':
      return `<div class="actions">${el.actions
        .map(
          (a) =>
            `<button type="button" class="action${a.style ? ` ${a.style}` : ''}" data-action-id="${escapeHtml(a.id)}" data-value="${escapeHtml(a.value)}">${escapeHtml(a.label)}</button>`,
        )
        .join('')}</div>`;
    case 'context':
      return `<p class="context">${rich(el.text)}</p>`;
    case 'divider':
      return '<hr>';
  }
}

/** One bot message: a card whose colour follows the view's severity; mentions by the members' names where known. */
export function toHtml(view: View, names: MemberNames = NO_NAMES): string {
  const classes = ['card', view.severity ? `severity-${view.severity}` : '', view.ephemeral ? 'ephemeral' : ''].filter(Boolean).join(' ');
  return `<div class="${classes}">${view.elements.map((el) => element(el, names)).join('')}</div>`;
}
