// Pure view → HTML for the local sandbox. Everything from data is escaped; the markup is the view's.
import { plainMentions, renderMentions } from '../../core/views/mention.ts';
import type { View, ViewElement } from '../../core/views/view.ts';

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Our rich text as HTML: **bold**, `code`, *emphasis* (Slack style), line breaks, and mentions as @id chips. */
export function richText(text: string): string {
  const formatted = (plain: string) =>
    escapeHtml(plain)
      .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
      .replace(/\*([^*\n]+)\*/g, '<strong>$1</strong>')
      .replace(/`([^`]+)`/g, '<code>$1</code>')
      .replace(/\n/g, '<br>');
  return renderMentions(text, formatted, (id) => `<span class="mention">@${escapeHtml(id)}</span>`);
}

function element(el: ViewElement): string {
  switch (el.type) {
    case 'header':
      return `<h3>${escapeHtml(plainMentions(el.text))}</h3>`;
    case 'text':
      return `<p>${richText(el.text)}</p>`;
    case 'fields':
      return `<dl class="fields">${el.fields.map((f) => `<div><dt>${escapeHtml(f.label)}</dt><dd>${richText(f.value)}</dd></div>`).join('')}</dl>`;
    case 'table': {
      const cls = (i: number) => ((el.columns[i]?.align ?? (i === 0 ? 'left' : 'right')) === 'right' ? ' class="num"' : '');
      const head = `<tr>${el.columns.map((c, i) => `<th${cls(i)}>${escapeHtml(c.label)}</th>`).join('')}</tr>`;
      const row = (cells: string[], total = false) =>
        `<tr${total ? ' class="total"' : ''}>${cells.map((c, i) => `<td${cls(i)}>${richText(c)}</td>`).join('')}</tr>`;
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
      return `<p class="context">${richText(el.text)}</p>`;
    case 'divider':
      return '<hr>';
  }
}

/** One bot message: a card whose colour follows the view's severity. */
export function toHtml(view: View): string {
  const classes = ['card', view.severity ? `severity-${view.severity}` : '', view.ephemeral ? 'ephemeral' : ''].filter(Boolean).join(' ');
  return `<div class="${classes}">${view.elements.map(element).join('')}</div>`;
}
