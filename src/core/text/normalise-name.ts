/** A typed name as names are compared (metrics, segments, aliases): trimmed, lower case, spaces and dashes as `_`. */
export function normaliseName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}
