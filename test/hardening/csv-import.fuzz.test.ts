// The CSV importer fed generated files, from almost-right to garbage: it never crashes or hangs, every
// refusal is an InputError naming where, and a refused file writes nothing.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.ts';
import type { Store } from '../../src/core/ports/store.ts';
import { importObservationFile } from '../../src/ingest/import-observations.ts';
import { migratedStore } from '../helpers/migrated-store.ts';
import { sqliteTestDatabase } from '../helpers/test-databases.ts';

const database = sqliteTestDatabase();
const dir = mkdtempSync(join(tmpdir(), 'gb-fuzz-'));
let store: Store;
let ws: string;
beforeAll(async () => {
  store = await migratedStore(database);
  ws = (await store.workspaces.ensure({ platform: 'local', externalId: 'local', name: 'L', timezone: 'UTC', locale: 'en' })).id;
});
afterAll(async () => {
  await store.close();
  await database.drop();
});

const count = async () =>
  (await store.observations.query(ws, { metrics: ['spend', 'revenue', 'new_users', 'dau', 'nps'], from: '0000-01-01', to: '9999-12-31' }))
    .length;

const header = fc.constantFrom(
  'date,segment,spend,revenue',
  'date,channel,metric,value',
  '日期,渠道,花费,新增用户',
  'day,spend',
  'date,segment,nps,dau',
  '',
  'x',
  '"date",,spend',
);
const cell = fc.oneof(
  fc.constantFrom(
    '2026-11-20',
    '2026/11/21',
    '11/22/2026',
    '2026-02-30',
    '',
    '抖音',
    'SEM',
    '合计',
    'spend',
    'nps',
    '#N/A',
    '1,200',
    '１２０００',
    '-5',
    '1e309',
    'NaN',
    '"',
    '"a,b"',
    '=1+1',
    '😀',
  ),
  fc.string({ maxLength: 8 }),
  fc.integer({ min: -1e6, max: 1e6 }).map(String),
);
const file = fc.tuple(
  header,
  fc.array(
    fc.array(cell, { maxLength: 6 }).map((cells) => cells.join(',')),
    { maxLength: 30 },
  ),
  fc.constantFrom('\n', '\r\n'),
);

describe('the CSV importer, fuzzed', () => {
  it('imports or refuses with a located InputError, and a refused file changes nothing', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(file, async ([head, lines, eol]) => {
        const path = join(dir, `f${n++}.csv`);
        writeFileSync(path, [head, ...lines].join(eol));
        const before = await count();
        try {
          const summary = await importObservationFile(store, ws, path, { actor: 'fuzz' });
          expect(summary.inserted + summary.updated + summary.unchanged).toBe(summary.observations);
        } catch (error) {
          expect(error).toBeInstanceOf(InputError);
          expect((error as Error).message.length).toBeGreaterThan(0);
          expect(await count()).toBe(before);
        }
      }),
      { numRuns: 300 },
    );
  }, 120_000);
});
