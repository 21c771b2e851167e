/** Positional parameters for a raw statement: `?` on SQLite, `$n` on PostgreSQL. */
export function placeholder(kind: 'sqlite' | 'postgres', index: number): string {
  return kind === 'sqlite' ? '?' : `$${index}`;
}

/** `(p, p, p), (p, p, p)` for `rows` tuples of `width` parameters, numbered from `start`. */
export function valueTuples(kind: 'sqlite' | 'postgres', rows: number, width: number, start = 1): string {
  const out: string[] = [];
  let n = start;
  for (let r = 0; r < rows; r++) {
    const cells: string[] = [];
    for (let c = 0; c < width; c++) cells.push(placeholder(kind, n++));
    out.push(`(${cells.join(', ')})`);
  }
  return out.join(', ');
}
