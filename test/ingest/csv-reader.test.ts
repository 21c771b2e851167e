import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.ts';
import { type CsvReadOptions, openCsvFile, parseCsvFile, readCsv } from '../../src/ingest/csv-reader.ts';
import { ImportLimitError } from '../../src/ingest/import-limits.ts';

async function all(chunks: (string | Buffer)[], options?: CsvReadOptions) {
  const out = [];
  for await (const r of readCsv(chunks, options)) out.push(r);
  return out;
}

async function refusal(chunks: string[], options: CsvReadOptions): Promise<ImportLimitError> {
  try {
    await all(chunks, options);
  } catch (error) {
    if (error instanceof ImportLimitError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

const dir = mkdtempSync(join(tmpdir(), 'gb-csv-'));

describe('the CSV reader', () => {
  it('handles quotes, escaped quotes, commas and line breaks inside fields, CRLF, a BOM and chunk borders', async () => {
    const text = '\uFEFFa,b,c\r\n1,"x, y",3\r\n2,"say ""hi""",4\n3,"two\nlines",5\n\n4,,6';
    const expected = [
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', 'x, y', '3'] },
      { line: 3, fields: ['2', 'say "hi"', '4'] },
      { line: 4, fields: ['3', 'two\nlines', '5'] },
      { line: 7, fields: ['4', '', '6'] },
    ];
    expect(await all([text])).toEqual(expected);
    // The same text cut into 3-character chunks.
    expect(await all(text.match(/[\s\S]{1,3}/g) as string[])).toEqual(expected);
  });

  it('reports a quote that never closes', async () => {
    await expect(all(['a,b\n1,"open\n2,3\n'])).rejects.toThrow(/opened on line 2 is never closed/);
  });

  it('reads .csv.gz files', async () => {
    writeFileSync(join(dir, 'x.csv.gz'), gzipSync('date,spend\n2026-11-20,5\n'));
    const file = openCsvFile(join(dir, 'x.csv.gz'));
    const rows = [];
    for await (const r of readCsv(file.stream)) rows.push(r.fields);
    expect(rows).toEqual([
      ['date', 'spend'],
      ['2026-11-20', '5'],
    ]);
  });

  it('keeps a character split between byte chunks whole', async () => {
    const bytes = Buffer.from('渠道,花费\n抖音,5\n', 'utf8');
    const chunks = Array.from({ length: bytes.length }, (_, i) => bytes.subarray(i, i + 1));
    expect((await all(chunks)).map((r) => r.fields)).toEqual([
      ['渠道', '花费'],
      ['抖音', '5'],
    ]);
  });
});

describe('the CSV reader’s limits', () => {
  const text = 'd,s\n1,"a\nb\nc"\n2,abcdef\n3,1\n';
  const chunkings = [[text], text.match(/[\s\S]{1,2}/g) as string[]];

  it.each(chunkings)('refuse a cell, a record or a file past them, naming the line and the setting (chunks of %#)', async (...chunks) => {
    const cell = await refusal(chunks, { limits: { maxCellChars: 5 }, source: 'x.csv' });
    expect(cell.message).toBe(
      'x.csv: line 5: a cell is longer than 5 characters (the limit IMPORT_MAX_CELL_CHARS=5); nothing was imported — raise IMPORT_MAX_CELL_CHARS if the file is real',
    );
    expect(cell).toMatchObject({ limit: 'maxCellChars', setting: 'IMPORT_MAX_CELL_CHARS', field: 'IMPORT_MAX_CELL_CHARS', line: 5 });
    expect(cell).toBeInstanceOf(InputError);
    // The quoted cell of three lines is 5 characters; its record, quotes and comma included, is 9.
    expect((await refusal(chunks, { limits: { maxRecordChars: 8 } })).message).toMatch(/^line 2: a record is longer than 8 characters/);
    expect(await all(chunks, { limits: { maxRecordChars: 9, maxCellChars: 6 } })).toHaveLength(4);
    // Rows count data rows: the header is not one.
    expect(await all(chunks, { limits: { maxRows: 3 } })).toHaveLength(4);
    expect((await refusal(chunks, { limits: { maxRows: 2 } })).message).toMatch(
      /^line 6: the file has more than 2 rows \(the limit IMPORT_MAX_ROWS=2\)/,
    );
  });

  it('refuse a runaway cell as it arrives, without waiting for its end', async () => {
    let fed = 0;
    async function* endless() {
      yield 'date,spend\n2026-11-20,';
      for (;;) {
        fed++;
        yield 'a'.repeat(1024);
      }
    }
    const records = readCsv(endless(), { limits: { maxCellChars: 10_000 } });
    await expect(
      (async () => {
        for await (const _ of records);
      })(),
    ).rejects.toThrow(/a cell is longer than 10,000 characters/);
    expect(fed).toBeLessThan(12);
  });

  it('refuse a .gz that expands past IMPORT_MAX_DECOMPRESSED_BYTES, and say so of a file that is not gzip', async () => {
    const path = join(dir, 'big.csv.gz');
    writeFileSync(path, gzipSync(`date,metric,value\n${'2026-11-20,spend,1\n'.repeat(10_000)}`));
    const count = async (records: AsyncIterable<unknown>) => {
      let n = 0;
      for await (const _ of records) n++;
      return n;
    };
    expect(await parseCsvFile(path, count)).toBe(10_001);
    await expect(parseCsvFile(path, count, undefined, { limits: { maxDecompressedBytes: 50_000 }, source: 'big.csv.gz' })).rejects.toThrow(
      /^big\.csv\.gz: the file holds more than 50,000 bytes of text \(after decompressing\) \(the limit IMPORT_MAX_DECOMPRESSED_BYTES=50000\)/,
    );
    const fake = join(dir, 'fake.csv.gz');
    writeFileSync(fake, 'date,spend\n2026-11-20,5\n');
    await expect(parseCsvFile(fake, count, undefined, { source: 'fake.csv.gz' })).rejects.toThrow(
      expect.objectContaining({ name: 'InputError', message: expect.stringMatching(/^fake\.csv\.gz: not a readable \.gz file/) }),
    );
  });
});
