import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateFormula, FormulaError, formatFormula, formulaRefs, parseFormula } from '../../src/core/metrics/formula.ts';

const values: Record<string, number> = { revenue: 15000, spend: 12000, new_users: 0 };
const lookup = (n: string) => values[n] ?? null;

describe('the formula grammar', () => {
  it('respects precedence and parentheses', () => {
    expect(evaluateFormula(parseFormula('(revenue - spend) / spend'), lookup)).toBe((15000 - 12000) / 12000);
    expect(evaluateFormula(parseFormula('revenue - spend / spend'), lookup)).toBe(15000 - 1);
    expect(evaluateFormula(parseFormula('-2 * -3 + 1.5e1'), lookup)).toBe(21);
    expect(evaluateFormula(parseFormula('100 * (2 - 3) / 4'), lookup)).toBe(-25);
  });

  it('gives n/a (null) for a zero denominator or a missing input, never Infinity or NaN', () => {
    expect(evaluateFormula(parseFormula('spend / new_users'), lookup)).toBeNull();
    expect(evaluateFormula(parseFormula('spend / nothing'), lookup)).toBeNull();
    expect(evaluateFormula(parseFormula('0 / 0'), lookup)).toBeNull();
    // Constants stay within ±10^15, but a product of them can still overflow: (10^15)^21 = 10^315 > 1.8 × 10^308.
    expect(evaluateFormula(parseFormula(Array(21).fill('1e15').join(' * ')), lookup)).toBeNull();
  });

  it('lists references and writes the formula back canonically', () => {
    const tree = parseFormula('(收入-spend)/spend');
    expect(formulaRefs(tree).map((r) => [r.name, r.at])).toEqual([
      ['收入', 1],
      ['spend', 4],
    ]);
    expect(formatFormula(tree, (n) => (n === '收入' ? 'revenue' : n))).toBe('(revenue - spend) / spend');
    expect(formatFormula(parseFormula('a - (b - c)'))).toBe('a - (b - c)');
    expect(formatFormula(parseFormula('(a * b) * c'))).toBe('a * b * c');
  });

  it.each([
    ['(revenue - spend', 17, 'a ")" is missing'],
    ['revenue - * spend', 11, 'unexpected "*"'],
    ['revenue $ spend', 9, 'unexpected character "$"'],
    ['revenue spend', 9, 'unexpected "spend"'],
    ['revenue /', 10, 'the formula ends too early'],
    ['', 1, 'the formula is empty'],
    ['(a))', 4, 'unexpected ")"'],
  ])('points at the character of a mistake: %s', (source, column, problem) => {
    try {
      parseFormula(source);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(FormulaError);
      expect((error as FormulaError).column).toBe(column);
      expect((error as Error).message).toContain(`${problem} at column ${column}`);
      expect((error as Error).message.split('\n')[2]).toBe(`  ${' '.repeat(column - 1)}^`);
    }
  });

  it('never crashes or hangs on arbitrary input: a tree or a FormulaError', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80, unit: fc.constantFrom(...'ab1.2 +-*/()_收e'.split('')) }), (text) => {
        try {
          const tree = parseFormula(text);
          const v = evaluateFormula(tree, () => 3);
          expect(v === null || Number.isFinite(v)).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(FormulaError);
          expect((error as Error).message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 2000 },
    );
    expect(() => parseFormula(`${'('.repeat(100)}a${')'.repeat(100)}`)).toThrow(/nests too deeply/);
    expect(() => parseFormula('a+'.repeat(300))).toThrow(/at most 500 characters/);
  });
});
