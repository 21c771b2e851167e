// Pure view → plain text for the terminal: what a chat message would say, without any platform syntax.
import { plainText } from '../core/views/rich-text.ts';
import { monospaceTable } from '../core/views/table-text.ts';
import type { View, ViewElement } from '../core/views/view.ts';

// Marks (mentions, bold, code) become plain characters; a terminal has no markup to escape.
const plain = (text: string) => plainText(text);

function element(el: ViewElement): string {
  switch (el.type) {
    case 'header':
      return `${plain(el.text)}\n${'='.repeat(Math.min(80, [...plain(el.text)].length * 2))}`;
    case 'text':
    case 'context':
      return plain(el.text);
    case 'fields':
      return el.fields.map((f) => `  ${plain(f.label)}: ${plain(f.value)}`).join('\n');
    case 'table': {
      const rows = (el.total ? [...el.rows, el.total] : el.rows).map((r) => r.map(plain));
      const lines = monospaceTable(
        el.columns.map((c) => plain(c.label)),
        rows,
        el.columns.map((c, i) => c.align ?? (i === 0 ? 'left' : 'right')),
      ).split('\n');
      if (el.total) lines.splice(lines.length - 1, 0, (lines[1] as string).replace(/[^ ]/g, '-'));
      return [...(el.caption ? [plain(el.caption)] : []), ...lines.map((l) => `  ${l}`)].join('\n');
    }
    case 'chart':
      return `[${el.title}${el.image ? `: ${el.image}` : ''}]`;
    case 'actions':
      return el.actions.map((a) => `[${a.label}]`).join(' ');
    case 'divider':
      return '';
  }
}

/** The view as terminal text, one element after another. */
export function toPlainText(view: View): string {
  return `${view.elements.map(element).join('\n')}\n`;
}
