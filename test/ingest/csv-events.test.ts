import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEventCsv } from '../../src/ingest/csv-events.ts';
import { readCsv } from '../../src/ingest/csv-reader.ts';
import { loadMapping, MAX_MAPPING_BYTES } from '../../src/ingest/import-mapping.ts';

const parse = (text: string) => parseEventCsv(readCsv([text]), { user: 'user', time: 'time', segment: 'country' }, 'UTC', 'events.csv');

describe('event logs and mapping files within bounds', () => {
  it('take a segment name of 200 characters and refuse a longer one with its line', async () => {
    const name200 = `c${'x'.repeat(199)}`;
    const ok = await parse(`user,time,country\nu1,2026-11-20,${name200}\n`);
    expect([...ok.segments.values()]).toEqual([name200]);
    await expect(parse(`user,time,country\nu1,2026-11-20,sem\nu2,2026-11-20,${name200}y\n`)).rejects.toThrow(
      /events\.csv: 1 problem\(s\); nothing was imported\n {2}line 3: column "country": a segment name is longer than 200 characters/,
    );
  });

  it('do not read a mapping file larger than a mapping can be', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'gb-mapping-')), 'huge.json');
    writeFileSync(path, `{"columns": {${'"a": null, '.repeat(MAX_MAPPING_BYTES / 10)}"b": null}}`);
    expect(() => loadMapping(path)).toThrow(/the mapping file .*huge\.json is larger than 1048576 bytes/);
  });
});
