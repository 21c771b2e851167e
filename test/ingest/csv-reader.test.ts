import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { openCsvFile, readCsv } from '../../src/ingest/csv-reader.ts';

async function all(chunks: string[]) {
  const out = [];
  for await (const r of readCsv(chunks)) out.push(r);
  return out;
}

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
    const dir = mkdtempSync(join(tmpdir(), 'gb-csv-'));
    writeFileSync(join(dir, 'x.csv.gz'), gzipSync('date,spend\n2026-11-20,5\n'));
    const file = openCsvFile(join(dir, 'x.csv.gz'));
    const rows = [];
    for await (const r of readCsv(file.stream)) rows.push(r.fields);
    expect(rows).toEqual([
      ['date', 'spend'],
      ['2026-11-20', '5'],
    ]);
  });
});
