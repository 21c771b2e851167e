// The CSV reader (issue 21): its speed against the line-based reader it replaced (kept in test/hardening as
// the fuzz test's reference) on the same files, and how fast each bomb is refused, in process, with the RSS
// it added.
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGunzip, gzipSync } from 'node:zlib';
import { parseCsvFile } from '../src/ingest/csv-reader.ts';
import { legacyReadCsv } from '../test/hardening/legacy-csv-reader.ts';
import { writeGzipBomb } from '../test/helpers/gzip-bomb.ts';

const MiB = 1 << 20;

async function countRecords(records: AsyncIterable<{ fields: string[] }>): Promise<number> {
  let n = 0;
  for await (const r of records) n += r.fields.length > 0 ? 1 : 0;
  return n;
}

/** The line-based reader this one replaced, reading files as it did (1 MiB pieces, decoded by the stream). */
async function legacyParse(path: string): Promise<number> {
  const file = createReadStream(path, { highWaterMark: 1 << 20 });
  const stream = path.endsWith('.gz') ? file.pipe(createGunzip()) : file;
  stream.setEncoding('utf8');
  return countRecords(legacyReadCsv(stream));
}

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; value: T | string; rssMb: number }> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const poll = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  const start = performance.now();
  let value: T | string;
  try {
    value = await run();
  } catch (error) {
    value = (error as Error).message.split('\n').at(-1) as string;
  }
  clearInterval(poll);
  return {
    ms: Math.round(performance.now() - start),
    value,
    rssMb: Math.round((Math.max(peak, process.memoryUsage().rss) - before) / MiB),
  };
}

export async function benchCsvReader(rows = 600_000): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'gb-bench-csv-'));
  try {
    const plain = join(dir, 'long.csv');
    const quoted = join(dir, 'quoted.csv');
    const lines = ['date,metric,segment,value'];
    const quotedLines = ['"date","metric","segment","value"'];
    for (let i = 0; i < rows; i++) {
      const day = `2026-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
      lines.push(`${day},spend,ch${i % 100},${i % 1000}.5`);
      quotedLines.push(`"${day}","spend","ch ${i % 100}, inc","${i % 1000}.5"`);
    }
    writeFileSync(plain, `${lines.join('\n')}\n`);
    writeFileSync(quoted, `${quotedLines.join('\n')}\n`);
    writeFileSync(`${plain}.gz`, gzipSync(`${lines.join('\n')}\n`));
    // Speed ratio: the old reader's time over the new one's (above 1: faster), three interleaved runs, the median.
    const speed: Record<string, unknown> = {};
    for (const [name, path] of [
      ['plain', plain],
      ['gzip', `${plain}.gz`],
      ['allQuoted', quoted],
    ] as const) {
      const runs: { oldMs: number; newMs: number; ratio: number }[] = [];
      for (let run = 0; run < 3; run++) {
        const old = await timed(() => legacyParse(path));
        const now = await timed(() => parseCsvFile(path, countRecords));
        runs.push({ oldMs: old.ms, newMs: now.ms, ratio: Number((old.ms / now.ms).toFixed(2)) });
      }
      const median = [...runs].sort((a, b) => a.ratio - b.ratio)[1];
      speed[name] = { rows, ...median, ratios: runs.map((r) => r.ratio) };
    }
    // Bombs, refused with the default limits unless said.
    const bomb = (name: string, head: string, block: string, times: number) => writeGzipBomb(join(dir, name), head, block, times);
    const multiline = join(dir, 'multiline.csv');
    writeFileSync(multiline, `date,segment,spend\n2026-11-20,sem,"${'x\n'.repeat(100_000)}"\n`);
    const cell = bomb('cell.csv.gz', 'date,segment,spend\n2026-11-20,sem,', 'a'.repeat(MiB), 2048);
    const rowsBomb = bomb('rows.csv.gz', 'date,metric,segment,value\n', '2026-11-20,spend,sem,1\n'.repeat(45_590), 2048);
    const bombs = {
      oneCell2GiB: await timed(() => parseCsvFile(cell, countRecords)),
      quotedCell100kLines: await timed(() => parseCsvFile(multiline, countRecords)),
      quotedCell100kLinesWithinRaisedLimits: await timed(() =>
        parseCsvFile(multiline, countRecords, undefined, { limits: { maxCellChars: 1e6, maxRecordChars: 1e6 } }),
      ),
      rows2GiBCappedAt64MiB: await timed(() =>
        parseCsvFile(rowsBomb, countRecords, undefined, { limits: { maxDecompressedBytes: 64 * MiB } }),
      ),
    };
    return { speed, bombs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
