import { createReadStream, statSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { InputError } from '../core/errors.ts';
import { cleanText } from '../core/text/clean-text.ts';

export interface CsvRecord {
  /** 1-based physical line where the record starts (the header is line 1). */
  line: number;
  fields: string[];
}

/** Splits one CSV record (RFC 4180 quoting: "a,b" and "" for a quote). Returns undefined while a quote is open. */
function splitRecord(text: string): string[] | undefined {
  if (!text.includes('"')) return text.split(',');
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(field);
      field = '';
    } else field += c;
  }
  if (quoted) return undefined;
  out.push(field);
  return out;
}

/** Streams CSV records from text chunks; quoted fields may hold commas and line breaks. CRLF and a BOM are fine. */
export async function* readCsv(input: AsyncIterable<string | Buffer> | Iterable<string | Buffer>): AsyncGenerator<CsvRecord> {
  let rest = '';
  let line = 0;
  let pending = '';
  let pendingLine = 0;
  let first = true;
  const emit = function* (raw: string): Generator<CsvRecord> {
    line++;
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const joined = pending ? `${pending}\n${text}` : text;
    const start = pending ? pendingLine : line;
    const fields = splitRecord(joined);
    if (fields === undefined) {
      pending = joined;
      pendingLine = start;
      return;
    }
    pending = '';
    if (joined === '' && fields.length === 1) return; // blank line
    // Cells lose code-only characters (mention marks, controls) before anything reads them as names.
    yield { line: start, fields: fields.map(cleanText) };
  };
  for await (const chunk of input) {
    let text = rest + (typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
    if (first) {
      text = text.replace(/^\uFEFF/, '');
      first = false;
    }
    let from = 0;
    for (let nl = text.indexOf('\n', from); nl !== -1; nl = text.indexOf('\n', from)) {
      yield* emit(text.slice(from, nl));
      from = nl + 1;
    }
    rest = text.slice(from);
  }
  if (rest) yield* emit(rest);
  if (pending) throw new InputError(`a quoted field opened on line ${pendingLine} is never closed`, { line: pendingLine });
}

export interface OpenedFile {
  stream: Readable;
  /** Compressed bytes read so far, for progress. */
  bytesRead: () => number;
  size: number;
}

/** Opens `.csv` or `.csv.gz` as a UTF-8 text stream. */
export function openCsvFile(path: string): OpenedFile {
  const size = statSync(path).size;
  const file = createReadStream(path, { highWaterMark: 1 << 20 });
  const stream = path.endsWith('.gz') ? file.pipe(createGunzip()) : file;
  stream.setEncoding('utf8');
  return { stream, bytesRead: () => file.bytesRead, size };
}

/** Opens a CSV file, hands its records to `parse`, and reports progress by compressed bytes read. */
export async function parseCsvFile<T>(
  path: string,
  parse: (records: AsyncGenerator<CsvRecord>) => Promise<T>,
  onProgress?: (read: number, size: number) => void,
): Promise<T> {
  const file = openCsvFile(path);
  const timer = onProgress ? setInterval(() => onProgress(file.bytesRead(), file.size), 200) : undefined;
  try {
    const result = await parse(readCsv(file.stream));
    onProgress?.(file.size, file.size);
    return result;
  } finally {
    if (timer) clearInterval(timer);
    file.stream.destroy();
  }
}
