import { describe, expect, it } from 'vitest';
import { parseNumber } from '../../src/core/text/numbers.ts';
import { isMissing, parseDay, parseMonth } from '../../src/ingest/cell-values.ts';

describe('cell values as exports write them', () => {
  it.each([
    ['12000', 12000],
    ['12,000', 12000],
    ['¥12,000.50', 12000.5],
    ['￥１２０００', 12000],
    ['$1,234', 1234],
    ['RMB 300', 300],
    ['300元', 300],
    ['(1,200)', -1200],
    ['-5.5', -5.5],
    ['1.2万', 12000],
    ['3亿', 300000000],
    ['1e3', 1000],
  ])('reads %s as %d', (cell, value) => {
    expect(parseNumber(cell)).toBe(value);
  });

  it.each(['abc', '12a', '1,2.3.4', '¥', '--5'])('refuses %s', (cell) => {
    expect(parseNumber(cell)).toBeUndefined();
  });

  it('treats #N/A, empty and dashes as missing, not zero', () => {
    for (const cell of ['', ' ', '#N/A', 'N/A', 'NA', '-', 'null']) expect(isMissing(cell)).toBe(true);
    expect(isMissing('0')).toBe(false);
  });

  it('reads month names in English and Chinese', () => {
    expect([
      parseMonth('April'),
      parseMonth('apr'),
      parseMonth('4'),
      parseMonth('04'),
      parseMonth('4月'),
      parseMonth('四月'),
      parseMonth('十二月'),
    ]).toEqual([4, 4, 4, 4, 4, 4, 12]);
    expect(parseMonth('Smarch')).toBeUndefined();
  });

  it('reads days in the common layouts and refuses impossible ones', () => {
    expect(parseDay('2026-11-20')).toBe('2026-11-20');
    expect(parseDay('2026/1/5')).toBe('2026-01-05');
    expect(parseDay('2010-12-01 08:26:00')).toBe('2010-12-01');
    expect(parseDay('2026年11月20日')).toBe('2026-11-20');
    expect(parseDay('20261120')).toBe('2026-11-20');
    expect(parseDay('20/11/2026', 'dmy')).toBe('2026-11-20');
    expect(parseDay('11/20/2026', 'mdy')).toBe('2026-11-20');
    expect(parseDay('11/20/2026')).toBeUndefined();
    expect(parseDay('2026-02-30')).toBeUndefined();
  });
});
