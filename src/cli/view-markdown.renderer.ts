// Pure view → Markdown (CommonMark with GitHub tables): minutes pasted into a wiki or a document.
import { renderRich } from '../core/views/rich-text.ts';
import type { View, ViewElement } from '../core/views/view.ts';

// Everything but the marks is literal: Markdown's own characters are escaped.
const escapeMarkdown = (text: string) => text.replace(/([\\`*_[\]#<>|])/g, '\\$1');

function md(text: string): string {
  return renderRich(text, {
    text: escapeMarkdown,
    bold: (inner) => `**${inner}**`,
    code: (inner) => `\`${inner.replace(/`/g, "'")}\``,
    mention: (id) => `@${escapeMarkdown(id)}`,
  }).replace(/\n/g, '  \n');
}

function element(el: ViewElement): string | undefined {
  switch (el.type) {
    case 'header':
      return `# ${md(el.text)}`;
    case 'text':
      return md(el.text);
    case 'context':
      return `_${md(el.text)}_`;
    case 'fields':
      return el.fields.map((f) => `- **${md(f.label)}**: ${md(f.value)}`).join('\n');
    case 'table': {
      const row = (cells: string[]) => `| ${cells.map(md).join(' | ')} |`;
      const align = el.columns.map((c, i) => ((c.align ?? (i === 0 ? 'left' : 'right')) === 'right' ? '---:' : ':---'));
      return [
        row(el.columns.map((c) => c.label)),
        `| ${align.join(' | ')} |`,
        ...el.rows.map(row),
        ...(el.total ? [row(el.total)] : []),
      ].join('\n');
    }
    case 'chart':
      return `_${escapeMarkdown(el.title)}_`;
    case 'actions':
      return undefined;
    case 'divider':
      return '---';
  }
}

/** The view as Markdown, one block per element. */
export function toMarkdown(view: View): string {
  return `${view.elements
    .map(element)
    .filter((b): b is string => b !== undefined)
    .join('\n\n')}\n`;
}
