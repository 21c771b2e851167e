/** Edit distance with adjacent transpositions counted as one edit (`rio` → `roi` is 1), for "did you mean". */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number) => (d[i] as number[])[j] as number;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      (d[i] as number[])[j] = best;
    }
  }
  return at(a.length, b.length);
}

/** The candidates closest to what was typed: within a third of its length (at least 1 edit), or containing it. */
export function closestNames(typed: string, candidates: Iterable<string>, limit = 3): string[] {
  const t = typed.toLowerCase();
  const max = Math.max(1, Math.floor(t.length / 3));
  return [...new Set(candidates)]
    .map((c) => ({ c, d: c.toLowerCase().includes(t) && t.length >= 2 ? 0.5 : editDistance(t, c.toLowerCase()) }))
    .filter((x) => x.d <= max)
    .sort((a, b) => a.d - b.d || a.c.localeCompare(b.c))
    .slice(0, limit)
    .map((x) => x.c);
}
