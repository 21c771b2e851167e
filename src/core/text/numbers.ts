/** Full-width digits, letters and signs (１２０００, －５) to ASCII. */
export function toHalfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/**
 * The largest magnitude a value may have. Beyond it a number is a typo or an overflow (1e400 is Infinity),
 * not a KPI; it also keeps sums of many values exact in doubles (2^53 ≈ 9e15).
 */
export const MAX_MAGNITUDE = 1e15;

/** A finite number within ±MAX_MAGNITUDE: what a value, a threshold or a formula constant may be. */
export function isSaneNumber(value: number): boolean {
  return Number.isFinite(value) && Math.abs(value) <= MAX_MAGNITUDE;
}

/** What reading a cell found: a value, text that is no number, or a number out of range. */
export type NumberReading = { value: number } | { problem: 'not_a_number' | 'out_of_range' };

/**
 * Reads a number as people, spreadsheets and ad platforms write it: thousands separators, currency
 * symbols and codes, accounting negatives `(1,200)`, full-width digits, 万 / 亿 and k / m suffixes.
 * Returns undefined when the text is not a number or is out of range (see readNumber to tell which).
 */
export function parseNumber(cell: string): number | undefined {
  const reading = readNumber(cell);
  return 'value' in reading ? reading.value : undefined;
}

/** Like parseNumber, and says why a cell is refused: not a number, or beyond ±MAX_MAGNITUDE (or Infinity). */
export function readNumber(cell: string): NumberReading {
  let text = toHalfWidth(cell).trim();
  let negative = false;
  if (/^\(.*\)$/.test(text)) {
    negative = true;
    text = text.slice(1, -1);
  }
  text = text.replace(/^(?:CNY|RMB|USD|EUR|GBP|JPY|HKD)\s*/i, '').replace(/\s*(?:CNY|RMB|USD|EUR|GBP|JPY|HKD|元)$/i, '');
  text = text.replace(/^([+-]?)\s*[¥￥$€£]\s*/, '$1').replace(/[\s,_']/g, '');
  let scale = 1;
  const suffix = text.slice(-1).toLowerCase();
  if (suffix === '万' || suffix === '亿' || ((suffix === 'k' || suffix === 'm') && /\d[km]$/i.test(text))) {
    scale = { 万: 1e4, 亿: 1e8, k: 1e3, m: 1e6 }[suffix] as number;
    text = text.slice(0, -1);
  }
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return { problem: 'not_a_number' };
  const value = Number(text) * scale;
  if (!isSaneNumber(value)) return { problem: 'out_of_range' };
  return { value: negative ? -value : value };
}
