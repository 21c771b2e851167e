/** Full-width digits, letters and signs (１２０００, －５) to ASCII. */
export function toHalfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/**
 * Reads a number as people, spreadsheets and ad platforms write it: thousands separators, currency
 * symbols and codes, accounting negatives `(1,200)`, full-width digits, 万 / 亿 and k / m suffixes.
 * Returns undefined when the text is not a number.
 */
export function parseNumber(cell: string): number | undefined {
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
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return undefined;
  const value = Number(text) * scale;
  if (!Number.isFinite(value)) return undefined;
  return negative ? -value : value;
}
