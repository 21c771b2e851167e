import { InputError } from '../errors.ts';
import { isSaneNumber } from '../text/numbers.ts';

// A small arithmetic grammar over metric names, parsed by hand and never evaluated as code:
//   expr := term (('+' | '-') term)* ; term := unary (('*' | '/') unary)* ;
//   unary := '-' unary | primary ; primary := number | name | '(' expr ')'

export type FormulaNode =
  | { type: 'num'; value: number }
  | { type: 'ref'; name: string; at: number }
  | { type: 'neg'; arg: FormulaNode }
  | { type: 'bin'; op: '+' | '-' | '*' | '/'; left: FormulaNode; right: FormulaNode };

export const MAX_FORMULA_LENGTH = 500;
const MAX_DEPTH = 60;

/** A formula error that points at the character (1-based column) with a caret under the text. */
export class FormulaError extends InputError {
  constructor(source: string, at: number, problem: string) {
    const column = at + 1;
    super(`${problem} at column ${column}\n  ${source}\n  ${' '.repeat(at)}^`, { field: 'formula', column });
  }
}

type Token =
  | { kind: 'num'; value: number; at: number }
  | { kind: 'name'; value: string; at: number }
  | { kind: 'op'; value: string; at: number }
  | { kind: 'end'; at: number };

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i] as string;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if ('+-*/()'.includes(c)) {
      tokens.push({ kind: 'op', value: c, at: i++ });
      continue;
    }
    const num = /^(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/.exec(source.slice(i));
    if (num) {
      const value = Number(num[0]);
      // 1e400 reads as Infinity, which would be saved as a name ("Infinity") and lose the metric on the next load.
      if (!isSaneNumber(value)) throw new FormulaError(source, i, `the number ${num[0]} is out of range (at most 10^15)`);
      tokens.push({ kind: 'num', value, at: i });
      i += num[0].length;
      continue;
    }
    const name = /^[\p{L}_][\p{L}\p{N}_]*/u.exec(source.slice(i));
    if (name) {
      tokens.push({ kind: 'name', value: name[0], at: i });
      i += name[0].length;
      continue;
    }
    throw new FormulaError(source, i, `unexpected character "${c}"`);
  }
  tokens.push({ kind: 'end', at: source.length });
  return tokens;
}

/** Parses a formula such as `(revenue - spend) / spend`; throws FormulaError pointing at the problem. */
export function parseFormula(source: string): FormulaNode {
  if (source.length > MAX_FORMULA_LENGTH)
    throw new FormulaError(source.slice(0, 40), 40, `a formula has at most ${MAX_FORMULA_LENGTH} characters`);
  if (!source.trim()) throw new FormulaError(source, 0, 'the formula is empty');
  const tokens = tokenize(source);
  let pos = 0;
  const peek = () => tokens[pos] as Token;
  const isOp = (v: string) => peek().kind === 'op' && (peek() as { value: string }).value === v;

  function expr(depth: number): FormulaNode {
    let left = term(depth);
    while (isOp('+') || isOp('-')) {
      const op = (tokens[pos++] as { value: string }).value as '+' | '-';
      left = { type: 'bin', op, left, right: term(depth) };
    }
    return left;
  }
  function term(depth: number): FormulaNode {
    let left = unary(depth);
    while (isOp('*') || isOp('/')) {
      const op = (tokens[pos++] as { value: string }).value as '*' | '/';
      left = { type: 'bin', op, left, right: unary(depth) };
    }
    return left;
  }
  function unary(depth: number): FormulaNode {
    if (depth > MAX_DEPTH) throw new FormulaError(source, peek().at, 'the formula nests too deeply');
    if (isOp('-')) {
      pos++;
      return { type: 'neg', arg: unary(depth + 1) };
    }
    return primary(depth);
  }
  function primary(depth: number): FormulaNode {
    const t = peek();
    if (t.kind === 'num') {
      pos++;
      return { type: 'num', value: t.value };
    }
    if (t.kind === 'name') {
      pos++;
      return { type: 'ref', name: t.value, at: t.at };
    }
    if (t.kind === 'op' && t.value === '(') {
      pos++;
      const inner = expr(depth + 1);
      if (!isOp(')')) throw new FormulaError(source, peek().at, peek().kind === 'end' ? 'a ")" is missing' : 'expected ")"');
      pos++;
      return inner;
    }
    if (t.kind === 'end') throw new FormulaError(source, t.at, 'the formula ends too early');
    throw new FormulaError(source, t.at, `unexpected "${t.value}"`);
  }

  const tree = expr(0);
  if (peek().kind !== 'end') {
    const t = peek() as { value: string; at: number };
    throw new FormulaError(source, t.at, `unexpected "${t.value}"`);
  }
  return tree;
}

/** The metric names a formula refers to, in order of first appearance. */
export function formulaRefs(node: FormulaNode, out: { name: string; at: number }[] = []): { name: string; at: number }[] {
  if (node.type === 'ref' && !out.some((r) => r.name === node.name)) out.push({ name: node.name, at: node.at });
  if (node.type === 'neg') formulaRefs(node.arg, out);
  if (node.type === 'bin') {
    formulaRefs(node.left, out);
    formulaRefs(node.right, out);
  }
  return out;
}

/**
 * Evaluates a parsed formula. `null` is n/a: a missing input, a division by zero, or a result that is
 * not a finite number. Never returns Infinity or NaN.
 */
export function evaluateFormula(node: FormulaNode, lookup: (name: string) => number | null): number | null {
  const value = evaluate(node, lookup);
  return value === null || !Number.isFinite(value) ? null : value;
}

function evaluate(node: FormulaNode, lookup: (name: string) => number | null): number | null {
  switch (node.type) {
    case 'num':
      return node.value;
    case 'ref':
      return lookup(node.name);
    case 'neg': {
      const v = evaluate(node.arg, lookup);
      return v === null ? null : -v;
    }
    case 'bin': {
      const a = evaluate(node.left, lookup);
      const b = evaluate(node.right, lookup);
      if (a === null || b === null) return null;
      if (node.op === '+') return a + b;
      if (node.op === '-') return a - b;
      if (node.op === '*') return a * b;
      return b === 0 ? null : a / b;
    }
  }
}

/** The formula written back in canonical form, with names rewritten by `rename` (aliases → keys). */
export function formatFormula(node: FormulaNode, rename: (name: string) => string = (n) => n, parentPrecedence = 0): string {
  const precedence = (op: string) => (op === '+' || op === '-' ? 1 : 2);
  switch (node.type) {
    case 'num':
      return String(node.value);
    case 'ref':
      return rename(node.name);
    case 'neg':
      return `-${formatFormula(node.arg, rename, 3)}`;
    case 'bin': {
      const p = precedence(node.op);
      const text = `${formatFormula(node.left, rename, p)} ${node.op} ${formatFormula(node.right, rename, p + (node.op === '-' || node.op === '/' ? 1 : 0))}`;
      return p < parentPrecedence ? `(${text})` : text;
    }
  }
}
