import { InputError } from '../core/errors.ts';
import { ImportLimitError, type ImportLimits, importLimits } from './import-limits.ts';

export interface CsvRecord {
  /** 1-based physical line where the record starts (the header is line 1). */
  line: number;
  fields: string[];
}

/** The characters that change the state outside quotes. */
const SPECIAL = /[",\n]/g;
const CR = 13;
const QUOTE = 34;

/**
 * A streaming CSV state machine (RFC 4180 quoting: "a,b", "" for a quote, line breaks inside quotes).
 * Each character is looked at once, whatever the chunking, so a record spanning a million lines costs what
 * a million short records cost; the limits are checked as text arrives, so a runaway cell is refused after
 * `maxCellChars` characters, never held whole. CRLF ends a line like LF (a CR before LF is dropped, inside
 * quotes too), a BOM at the start is skipped, blank lines are skipped, and a quote inside an unquoted cell
 * opens quoting there (`ab"c,d"` is one cell `abc,d`) — the same records the line-based reader gave.
 */
export class CsvParser {
  private readonly limits: ImportLimits;
  private readonly source?: string;
  private fields: string[] = [];
  private cell = '';
  private quoted = false;
  /** Raw characters of the current record so far (0: nothing yet, so a line break ends a blank line). */
  private recordChars = 0;
  private recordLine = 1;
  private line = 1;
  private rows = 0;
  /** A trailing CR (or quote inside quotes) held back until the next chunk says what follows it. */
  private carry = '';
  private started = false;

  constructor(options: { limits?: Partial<ImportLimits>; source?: string } = {}) {
    this.limits = importLimits(options.limits);
    this.source = options.source;
  }

  /**
   * Feeds the next piece of text and yields the records it completes, one at a time: handed on as they are
   * found, they die young instead of a chunk's worth surviving to be promoted and collected later.
   */
  *push(chunk: string): Generator<CsvRecord> {
    let text = this.carry + chunk;
    this.carry = '';
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (text.charCodeAt(text.length - 1) === CR) {
      this.carry = '\r';
      text = text.slice(0, -1);
    }
    yield* this.scan(text, false);
  }

  /** Ends the input: yields the last record, or throws if a quoted cell never closed. */
  *end(): Generator<CsvRecord> {
    // A CR at the very end ends the last line.
    const rest = this.carry.endsWith('\r') ? this.carry.slice(0, -1) : this.carry;
    this.carry = '';
    yield* this.scan(rest, true);
    if (this.quoted)
      throw new InputError(`${this.source ? `${this.source}: ` : ''}a quoted field opened on line ${this.recordLine} is never closed`, {
        line: this.recordLine,
      });
    if (this.recordChars > 0) yield this.finishRecord();
  }

  private *scan(s: string, final: boolean): Generator<CsvRecord> {
    const n = s.length;
    let i = 0;
    while (i < n) {
      if (this.quoted) {
        i = this.scanQuoted(s, i, final);
        continue;
      }
      if (this.recordChars === 0) {
        this.recordLine = this.line;
        // Fast path: a whole line without quotes in this chunk is split at once.
        const nl = s.indexOf('\n', i);
        if (nl !== -1) {
          const end = nl > i && s.charCodeAt(nl - 1) === CR ? nl - 1 : nl;
          const text = s.slice(i, end);
          if (!text.includes('"')) {
            if (text !== '') yield this.plainLine(text);
            this.line++;
            i = nl + 1;
            continue;
          }
        }
      }
      SPECIAL.lastIndex = i;
      const found = SPECIAL.exec(s);
      const j = found ? found.index : n;
      const c = found ? s.charCodeAt(j) : 0;
      // A CR just before LF is the line ending, not data (it was held back if it ended the chunk).
      const stop = c === 10 && j > i && s.charCodeAt(j - 1) === CR ? j - 1 : j;
      if (stop > i) this.append(s.slice(i, stop), j - i);
      if (!found) return;
      if (c === 10) {
        if (this.recordChars > 0) yield this.finishRecord();
        this.line++;
      } else {
        this.grow(1);
        if (c === QUOTE) this.quoted = true;
        else this.nextCell();
      }
      i = j + 1;
    }
  }

  /** Inside quotes from `i`: up to the next quote; returns where to go on. */
  private scanQuoted(s: string, i: number, final: boolean): number {
    const q = s.indexOf('"', i);
    const end = q === -1 ? s.length : q;
    if (end > i) {
      let piece = s.slice(i, end);
      for (let nl = piece.indexOf('\n'); nl !== -1; nl = piece.indexOf('\n', nl + 1)) this.line++;
      const raw = piece.length;
      if (piece.includes('\r\n')) piece = piece.replace(/\r\n/g, '\n');
      this.append(piece, raw);
    }
    if (q === -1) return s.length;
    if (q === s.length - 1 && !final) {
      // Closing, or the first of "" (an escaped quote)? The next chunk says.
      this.carry = `"${this.carry}`;
      return s.length;
    }
    if (s.charCodeAt(q + 1) === QUOTE) {
      this.append('"', 2);
      return q + 2;
    }
    this.quoted = false;
    this.grow(1);
    return q + 1;
  }

  private append(text: string, raw: number): void {
    this.grow(raw);
    this.cell += text;
    if (this.cell.length > this.limits.maxCellChars) this.refuse('maxCellChars');
  }

  private grow(raw: number): void {
    this.recordChars += raw;
    if (this.recordChars > this.limits.maxRecordChars) this.refuse('maxRecordChars');
  }

  private nextCell(): void {
    this.fields.push(this.cell);
    this.cell = '';
  }

  private plainLine(text: string): CsvRecord {
    if (text.length > this.limits.maxRecordChars) this.refuse('maxRecordChars');
    const fields = text.split(',');
    if (text.length > this.limits.maxCellChars && fields.some((f) => f.length > this.limits.maxCellChars)) this.refuse('maxCellChars');
    return this.emit(fields);
  }

  private finishRecord(): CsvRecord {
    this.nextCell();
    const fields = this.fields;
    this.fields = [];
    this.recordChars = 0;
    return this.emit(fields);
  }

  private emit(fields: string[]): CsvRecord {
    // The first record is the header; the limit counts data rows.
    if (this.rows++ > this.limits.maxRows) this.refuse('maxRows');
    return { line: this.recordLine, fields };
  }

  private refuse(limit: keyof ImportLimits): never {
    throw new ImportLimitError(limit, this.limits[limit], { source: this.source, line: this.recordLine });
  }
}
