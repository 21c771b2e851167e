// The CSV importer fed generated files, from almost-right to garbage: it never crashes or hangs, every
// refusal is an InputError naming where, and a refused file writes nothing. And the streaming parser
// gives the records the line-based reader gave, on any text cut anywhere.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.ts';
import type { Store } from '../../src/core/ports/store.ts';
import { cleanText } from '../../src/core/text/clean-text.ts';
import type { CsvRecord } from '../../src/ingest/csv-parser.ts';
import { readCsv } from '../../src/ingest/csv-reader.ts';
import { importObservationFile } from '../../src/ingest/import-observations.ts';
import { migratedStore } from '../helpers/migrated-store.ts';
import { sqliteTestDatabase } from '../helpers/test-databases.ts';
import { legacyReadCsv } from './legacy-csv-reader.ts';

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

// The streaming parser against the line-based reader it replaced: the same records (or the same refusal)
// for any text, however it is cut into chunks.
async function records(read: AsyncIterable<CsvRecord>): Promise<CsvRecord[] | string> {
  const out: CsvRecord[] = [];
  try {
    for await (const r of read) out.push(r);
    return out;
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return `refused: ${(error as Error).message}`;
  }
}

/** Cuts text at the given fractions (as sorted positions), so chunk borders fall anywhere, inside "" and CRLF too. */
function cut(text: string, at: number[]): string[] {
  const points = [...new Set(at.map((f) => Math.floor(f * text.length)))].sort((a, b) => a - b);
  const chunks: string[] = [];
  let from = 0;
  for (const p of points) {
    if (p > from) chunks.push(text.slice(from, p));
    from = Math.max(from, p);
  }
  chunks.push(text.slice(from));
  return chunks;
}

const tricky = fc
  .array(fc.constantFrom('a', 'b', '中', '1', ',', ',', '"', '"', '""', '\n', '\n', '\r\n', '\r', ' ', '\uFEFF', '😀'), { maxLength: 60 })
  .map((parts) => parts.join(''));
const cuts = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 8 });

describe('the streaming CSV parser', () => {
  it('gives the same records (or the same refusal) as the line-based reader on any text, in any chunks', async () => {
    await fc.assert(
      fc.asyncProperty(fc.boolean(), tricky, cuts, async (bom, body, at) => {
        const text = bom ? `\uFEFF${body}` : body;
        // readCsv also drops code-only characters from cells (a stray BOM inside a cell, say): the legacy reader did not.
        const legacy = await records(legacyReadCsv([text]));
        const expected = typeof legacy === 'string' ? legacy : legacy.map((r) => ({ line: r.line, fields: r.fields.map(cleanText) }));
        expect(await records(readCsv([text]))).toEqual(expected);
        expect(await records(readCsv(cut(text, at)))).toEqual(expected);
        // As UTF-8 bytes cut anywhere (a character may be split between chunks).
        const bytes = Buffer.from(text, 'utf8');
        const byteChunks = cut(bytes.toString('latin1'), at).map((c) => Buffer.from(c, 'latin1'));
        expect(await records(readCsv(byteChunks))).toEqual(expected);
      }),
      { numRuns: 3000 },
    );
  }, 120_000);

  // RFC 4180 documents built from known cells: quoted where needed, CRLF or LF, a BOM or not, line breaks
  // inside cells. The records must be exactly the cells (a CRLF inside a quoted cell reads as LF, as before).
  const cellText = fc.oneof(
    fc.string({ maxLength: 6 }),
    fc.array(fc.constantFrom('x', '中', ',', '"', '\n', '\r\n', ' ', '1'), { maxLength: 6 }).map((p) => p.join('')),
  );
  const document = fc.record({
    rows: fc.array(fc.array(cellText, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 12 }),
    eol: fc.constantFrom('\n', '\r\n'),
    bom: fc.boolean(),
    quoteAll: fc.boolean(),
    trailingEol: fc.boolean(),
    at: cuts,
  });
  it('reads RFC 4180 documents back into the cells they were written from', async () => {
    await fc.assert(
      fc.asyncProperty(document, async ({ rows, eol, bom, quoteAll, trailingEol, at }) => {
        const quote = (c: string) => (quoteAll || /[",\r\n]/.test(c) || c === '' ? `"${c.replace(/"/g, '""')}"` : c);
        const lines = rows.map((r) => r.map(quote).join(','));
        const text = `${bom ? '\uFEFF' : ''}${lines.join(eol)}${trailingEol ? eol : ''}`;
        let line = 1;
        const expected = rows.map((r, i) => {
          const record = { line, fields: r.map((c) => c.replace(/\r\n/g, '\n')) };
          line += (lines[i] as string).split('\n').length - 1 + 1;
          return record;
        });
        expect(await records(readCsv(cut(text, at)))).toEqual(expected);
        expect(await records(legacyReadCsv(cut(text, at)))).toEqual(expected);
      }),
      { numRuns: 1500 },
    );
  }, 120_000);
});
