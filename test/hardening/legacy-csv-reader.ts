// The line-based CSV reader as it was before issue 21 (it re-split the pending record on every line, so a
// quoted cell of n lines cost n² time). Kept only as the reference the streaming parser must agree with.
import { InputError } from '../../src/core/errors.ts';
import type { CsvRecord } from '../../src/ingest/csv-parser.ts';

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
export async function* legacyReadCsv(input: AsyncIterable<string | Buffer> | Iterable<string | Buffer>): AsyncGenerator<CsvRecord> {
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
    yield { line: start, fields };
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
