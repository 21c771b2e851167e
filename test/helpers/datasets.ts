// The public datasets in ../shared/datasets (GROWTHBEAT_DATASETS points a worktree elsewhere at the same folder);
// tests that read them skip when the folder is absent (a user's fresh clone).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Store } from '../../src/core/ports/store.ts';
import type { Workspace } from '../../src/core/ports/workspace.ts';
import { loadMapping } from '../../src/ingest/import-mapping.ts';
import { importObservationFile } from '../../src/ingest/import-observations.ts';

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

/** A workspace (in Shanghai) holding one dataset, imported with its mapping from test/fixtures/mappings. */
export async function datasetWorkspace(
  store: Store,
  externalId: string,
  locale: 'en' | 'zh-CN',
  file: string,
  mapping: string,
): Promise<Workspace> {
  const ws = await store.workspaces.ensure({ platform: 'local', externalId, name: externalId, timezone: 'Asia/Shanghai', locale });
  await importObservationFile(store, ws.id, join(DATASETS, file), { mapping: loadMapping(join(MAPPINGS, mapping)), actor: 'test' });
  return ws;
}
