// The public datasets in ../shared/datasets (GROWTHBEAT_DATASETS points a worktree elsewhere at the same folder);
// tests that read them skip when the folder is absent (a user's fresh clone).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const DATASETS = process.env.GROWTHBEAT_DATASETS ?? join(import.meta.dirname, '../../../shared/datasets');
export const MAPPINGS = join(import.meta.dirname, '../fixtures/mappings');
export const datasetsPresent = existsSync(join(DATASETS, 'README.md'));
export const MONTHS: Record<string, string> = { April: '04', May: '05', June: '06' };

/** A dataset's rows as header → value, read by the test itself (quotes stripped, no embedded commas in these files). */
export function csv(file: string): Record<string, string>[] {
  const lines = readFileSync(join(DATASETS, file), 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.length > 0);
  const split = (l: string) => l.split(',').map((f) => f.replace(/^"|"$/g, ''));
  const header = split(lines[0] as string);
  return lines.slice(1).map((l) => Object.fromEntries(split(l).map((v, i) => [header[i], v])));
}
