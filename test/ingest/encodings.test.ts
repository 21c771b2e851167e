// The same table saved the ways spreadsheets save it (UTF-8, UTF-8 with a BOM, UTF-16LE with a BOM,
// GB18030 as Excel in China writes it, and gzipped) must import to the same observations with the Chinese
// names intact; bytes that are text in none of them are refused in one line naming the byte offset.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.ts';
import type { Store } from '../../src/core/ports/store.ts';
import { readCsv } from '../../src/ingest/csv-reader.ts';
import { importObservationFile } from '../../src/ingest/import-observations.ts';
import { parseEncodingName } from '../../src/ingest/text-encoding.ts';
import { gb18030Encoder } from '../helpers/gb18030.ts';
import { migratedStore } from '../helpers/migrated-store.ts';
import { sqliteTestDatabase, type TestDatabase } from '../helpers/test-databases.ts';

// A Chinese header, a known channel (抖音), a channel nobody ships (华东地推), a metric by its Chinese name.
const TABLE = '日期,渠道,指标,数值\r\n2026-11-20,抖音,花费,1200\r\n2026-11-20,华东地推,花费,300.5\r\n2026-11-21,华东地推,新用户,42\r\n';

function utf16be(text: string): Buffer {
  const le = Buffer.from(text, 'utf16le');
  for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1] as number, le[i] as number];
  return le;
}

const gb18030 = gb18030Encoder();
const VARIANTS: [file: string, bytes: Buffer, label: string][] = [
  ['utf8.csv', Buffer.from(TABLE, 'utf8'), 'UTF-8'],
  ['utf8-bom.csv', Buffer.concat([Buffer.of(0xef, 0xbb, 0xbf), Buffer.from(TABLE, 'utf8')]), 'UTF-8'],
  ['utf16le-bom.csv', Buffer.concat([Buffer.of(0xff, 0xfe), Buffer.from(TABLE, 'utf16le')]), 'UTF-16LE'],
  ['utf16be-bom.csv', Buffer.concat([Buffer.of(0xfe, 0xff), utf16be(TABLE)]), 'UTF-16BE'],
  ['utf16le-nobom.csv', Buffer.from(TABLE, 'utf16le'), 'UTF-16LE'],
  ['utf16be-nobom.csv', utf16be(TABLE), 'UTF-16BE'],
  ['gb18030.csv', gb18030(TABLE), 'GB18030'],
  ['gb18030.csv.gz', gzipSync(gb18030(TABLE)), 'GB18030'],
];

const dir = mkdtempSync(join(tmpdir(), 'gb-enc-'));
const write = (name: string, bytes: Buffer): string => {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
};

async function refusal(promise: Promise<unknown>): Promise<InputError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('CSV encodings', () => {
  let database: TestDatabase;
  let store: Store;
  beforeAll(async () => {
    database = sqliteTestDatabase();
    store = await migratedStore(database);
  });
  afterAll(async () => {
    await store.close();
    await database.drop();
  });

  const fresh = async (name: string) =>
    (await store.workspaces.ensure({ platform: 'local', externalId: name, name, timezone: 'Asia/Shanghai', locale: 'zh-CN' })).id;
  const stored = async (ws: string) =>
    (await store.observations.query(ws, { metrics: ['spend', 'new_users'], from: '2026-11-01', to: '2026-11-30' }))
      .map((o) => `${o.day} ${o.segment} ${o.metric} ${o.value}`)
      .sort();

  it('reads the same table from UTF-8, UTF-8 with a BOM, UTF-16 with and without a BOM, GB18030 and gzipped GB18030 to the same observations', async () => {
    const results: string[][] = [];
    for (const [name, bytes, label] of VARIANTS) {
      const ws = await fresh(name);
      const summary = await importObservationFile(store, ws, write(name, bytes), { actor: 'test' });
      expect(summary.encoding, name).toBe(label);
      expect(summary.observations, name).toBe(3);
      results.push(await stored(ws));
      const names = (await store.segments.list(ws)).map((s) => s.name).sort();
      expect(names, name).toEqual(['华东地推', '抖音']);
    }
    // By hand: 抖音 spend 1200 and 华东地推 spend 300.5 on the 20th, 华东地推 new users 42 on the 21st.
    expect(results[0]).toEqual(['2026-11-20 douyin spend 1200', '2026-11-20 华东地推 spend 300.5', '2026-11-21 华东地推 new_users 42']);
    for (const r of results) expect(r).toEqual(results[0]);
  });

  it('finds GB18030 after a long ASCII start (the first Chinese name on row 5,000)', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => `2026-10-${String((i % 28) + 1).padStart(2, '0')},c${i},spend,1`);
    const path = write('late.csv', gb18030(`date,channel,metric,value\n${rows.join('\n')}\n2026-11-20,华东地推,spend,7\n`));
    const summary = await importObservationFile(store, await fresh('late'), path, { actor: 'test', dryRun: true });
    expect(summary.encoding).toBe('GB18030');
    expect(summary.segments).toContain('华东地推');
  });

  it('refuses bytes that are text in no encoding, in one line naming the byte offset and the fix', async () => {
    // "date,spend\n2026-11-20," is 22 bytes; then 0xFF, which no encoding here reads.
    const path = write('bad.csv', Buffer.concat([Buffer.from('date,spend\n2026-11-20,'), Buffer.of(0xff, 0xfe, 0x31), Buffer.from('\n')]));
    const error = await refusal(importObservationFile(store, await fresh('bad'), path, { actor: 'test' }));
    expect(error.message).toBe(
      'bad.csv: not text in UTF-8, UTF-16 or GB18030: the first byte none of them reads is at byte offset 22 (0xFF): save it as "CSV UTF-8", or name its encoding with --encoding',
    );
    expect(error.message).not.toContain('\n');
  });

  it('honours --encoding, and refuses a file that is not what it names at the first bad byte', async () => {
    const ws = await fresh('forced');
    const path = write('forced.csv', gb18030(TABLE));
    const summary = await importObservationFile(store, ws, path, { actor: 'test', encoding: parseEncodingName('GBK'), dryRun: true });
    expect(summary.encoding).toBe('GB18030');
    const error = await refusal(importObservationFile(store, ws, path, { actor: 'test', encoding: parseEncodingName('utf-8') }));
    // "日期" in GB18030 is C8 D5 C6 DA: 0xC8 opens a two-byte UTF-8 sequence and 0xD5 cannot continue it.
    expect(error.message).toMatch(
      /^forced\.csv: not UTF-8: the first byte it cannot read is at byte offset 0 \(0xC8\): check that the file really is UTF-8/,
    );
    expect(() => parseEncodingName('latin-9')).toThrow(/unknown encoding "latin-9"/);
    // A byte-order mark that says otherwise is refused, not decoded as garbage.
    const bom = write('bom.csv', Buffer.concat([Buffer.of(0xef, 0xbb, 0xbf), Buffer.from(TABLE, 'utf8')]));
    const disagree = await refusal(importObservationFile(store, ws, bom, { actor: 'test', encoding: 'utf-16le' }));
    expect(disagree.message).toMatch(
      /^bom\.csv: the file starts with a UTF-8 byte-order mark at byte offset 0 \(0xEF\): check that the file really is UTF-16LE/,
    );
  });

  it('refuses a U+FFFD already in the file (a character an earlier program lost)', async () => {
    const path = write('lost.csv', Buffer.from('date,channel,spend\n2026-11-20,抖\uFFFD,5\n', 'utf8'));
    const error = await refusal(importObservationFile(store, await fresh('lost'), path, { actor: 'test' }));
    // "date,channel,spend\n2026-11-20," is 30 bytes, 抖 three more.
    expect(error.message).toMatch(/^lost\.csv: the file holds U\+FFFD .* at byte offset 33: /);
  });

  it('says a header-only file has no data rows', async () => {
    const path = write('header.csv', Buffer.from('date,spend\n'));
    const error = await refusal(importObservationFile(store, await fresh('header'), path, { actor: 'test' }));
    expect(error.message).toBe('header.csv has a header but no data rows: add one row per day below the header');
  });

  it('never yields U+FFFD, whatever the bytes and however they are cut (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 200 }), fc.integer({ min: 1, max: 7 }), async (bytes, size) => {
        const chunks = [];
        for (let i = 0; i < bytes.length; i += size) chunks.push(Buffer.from(bytes.subarray(i, i + size)));
        try {
          for await (const record of readCsv(chunks)) for (const f of record.fields) expect(f).not.toContain('\uFFFD');
        } catch (error) {
          if (!(error instanceof InputError)) throw error;
          expect(error.message).not.toContain('\n');
        }
      }),
      { numRuns: 500 },
    );
  });

  it('stores no U+FFFD from any import of random bytes (property, through the store)', async () => {
    const ws = await fresh('property');
    let n = 0;
    let imported = 0;
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 24 }), async (noise) => {
        const path = write(`p${n++}.csv`, Buffer.concat([Buffer.from('date,channel,spend\n2026-11-20,'), noise, Buffer.from(',5\n')]));
        await importObservationFile(store, ws, path, { actor: 'test' }).then(
          () => imported++,
          (error) => {
            if (!(error instanceof InputError)) throw error;
          },
        );
      }),
      { numRuns: 60 },
    );
    // Random high bytes are often valid GB18030, so some files do import: the property is not vacuous.
    expect(imported).toBeGreaterThan(0);
    const segments = await store.segments.list(ws);
    for (const s of segments) expect(s.name).not.toContain('\uFFFD');
    const rows = await store.observations.query(ws, { metrics: ['spend'], from: '2026-11-20', to: '2026-11-20' });
    for (const r of rows) expect(r.segment).not.toContain('\uFFFD');
  });
});
