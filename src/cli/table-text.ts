import { monospaceTable } from '../core/views/table-text.ts';

/** A plain-text table for the terminal: the first column left-aligned, the others right-aligned. */
export function textTable(header: string[], rows: string[][]): string {
  return `${monospaceTable(header, rows)}\n`;
}
