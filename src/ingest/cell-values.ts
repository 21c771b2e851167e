import { toHalfWidth } from '../core/text/numbers.ts';

/** A cell as a message quotes it: its first 40 characters, line breaks shown as \n, so a refusal stays one short line. */
export function clip(cell: string): string {
  const short = cell.length > 40 ? `${cell.slice(0, 40)}…` : cell;
  return short.replace(/\r/g, '\\r').replace(/\n/g, '\\n');
}

/** Cells that mean "no value": skipped, never read as 0. */
const MISSING = new Set(['', '#n/a', 'n/a', 'na', 'nan', 'null', 'none', '-', '—', '--', '#value!', '#div/0!']);

export function isMissing(cell: string): boolean {
  return MISSING.has(cell.trim().toLowerCase());
}

const MONTHS: Record<string, number> = {};
['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'].forEach(
  (name, i) => {
    MONTHS[name] = i + 1;
    MONTHS[name.slice(0, 3)] = i + 1;
  },
);
MONTHS.sept = 9;
const ZH_MONTHS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];
ZH_MONTHS.forEach((name, i) => {
  MONTHS[`${name}月`] = i + 1;
});

/** A month from `April`, `Apr`, `4`, `04`, `4月`, `四月`. */
export function parseMonth(cell: string): number | undefined {
  const text = toHalfWidth(cell).trim().toLowerCase().replace(/\.$/, '');
  const named = MONTHS[text];
  if (named) return named;
  const n = Number(text.replace(/月$/, ''));
  return Number.isInteger(n) && n >= 1 && n <= 12 ? n : undefined;
}

const pad = (n: number) => String(n).padStart(2, '0');

export type DateOrder = 'ymd' | 'dmy' | 'mdy';

/**
 * A calendar day from `2026-11-20`, `2026/11/20`, `20261120`, `2026-11-20 08:26:00`, `2026年11月20日`,
 * or with `order` `dmy`/`mdy`: `20/11/2026`, `11/20/2026`. Time of day is dropped (days are local).
 */
export function parseDay(cell: string, order: DateOrder = 'ymd'): string | undefined {
  const text = toHalfWidth(cell).trim();
  let y: number;
  let m: number;
  let d: number;
  const ymd = text.match(/^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[T\s].*)?$/) ?? text.match(/^(\d{4})(\d{2})(\d{2})$/);
  const other = order === 'ymd' ? null : text.match(/^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:[T\s].*)?$/);
  if (ymd) [y, m, d] = [Number(ymd[1]), Number(ymd[2]), Number(ymd[3])];
  else if (other) {
    const [a, b] = [Number(other[1]), Number(other[2])];
    y = Number(other[3]);
    [d, m] = order === 'dmy' ? [a, b] : [b, a];
  } else return undefined;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  return `${y}-${pad(m)}-${pad(d)}`;
}
