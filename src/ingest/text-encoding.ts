import { isUtf8 } from 'node:buffer';
import { TextDecoder } from 'node:util';
import { InputError } from '../core/errors.ts';

/** The encodings a CSV may come in; GBK and GB2312 files read as GB18030, their superset. */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

/** How the import summary names each encoding ("read as GB18030"). */
export const ENCODING_LABELS: Readonly<Record<TextEncoding, string>> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16LE',
  'utf-16be': 'UTF-16BE',
  gb18030: 'GB18030',
};

const ENCODING_NAMES: Readonly<Record<string, TextEncoding>> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'utf-16le': 'utf-16le',
  utf16le: 'utf-16le',
  'utf-16be': 'utf-16be',
  utf16be: 'utf-16be',
  gb18030: 'gb18030',
  gbk: 'gb18030',
  gb2312: 'gb18030',
  cp936: 'gb18030',
};

/** Reads an `--encoding` value (case and dashes forgiven); undefined or "auto" means detect from the bytes. */
export function parseEncodingName(name: string | undefined): TextEncoding | undefined {
  if (name === undefined || name.toLowerCase() === 'auto') return undefined;
  const found = ENCODING_NAMES[name.toLowerCase().replace(/_/g, '-')];
  if (!found)
    throw new InputError(`unknown encoding "${name}": use auto, utf-8, utf-16le, utf-16be or gb18030 (gbk)`, { field: 'encoding' });
  return found;
}

/** What the decoder found; `bom` is true when a byte-order mark said so. */
export interface DetectedEncoding {
  encoding: TextEncoding;
  bom: boolean;
}

export interface DecodeOptions {
  /** Read the bytes as this encoding instead of detecting it (a byte-order mark that disagrees is refused). */
  encoding?: TextEncoding;
  /** The file's name, put before every refusal. */
  source?: string;
  /** Told once, when the encoding is known. */
  onEncoding?: (found: DetectedEncoding) => void;
}

/** Bytes past the first non-ASCII byte looked at before choosing between UTF-8 and GB18030. */
const SNIFF_BYTES = 64 * 1024;
const REPLACEMENT = '\uFFFD';

// One step over the bytes at `i`: the character's length in bytes, 0 when it is cut off by the end of
// `b` (more may come), -1 when the bytes there are not a character in the encoding. These are the source
// of truth for where a file goes wrong; TextDecoder only maps the characters they accept.
type Step = (b: Uint8Array, i: number) => number;

const inRange = (v: number | undefined, lo: number, hi: number): boolean | undefined => (v === undefined ? undefined : v >= lo && v <= hi);

/** One byte-sequence check in the WHATWG UTF-8 decoder's order; undefined bytes mean "not here yet". */
function utf8Step(b: Uint8Array, i: number): number {
  const x = b[i] as number;
  if (x < 0x80) return 1;
  let len: number;
  let lo = 0x80;
  let hi = 0xbf;
  if (x >= 0xc2 && x <= 0xdf) len = 2;
  else if (x >= 0xe0 && x <= 0xef) {
    len = 3;
    if (x === 0xe0) lo = 0xa0;
    if (x === 0xed) hi = 0x9f;
  } else if (x >= 0xf0 && x <= 0xf4) {
    len = 4;
    if (x === 0xf0) lo = 0x90;
    if (x === 0xf4) hi = 0x8f;
  } else return -1;
  for (let k = 1; k < len; k++) {
    const ok = k === 1 ? inRange(b[i + k], lo, hi) : inRange(b[i + k], 0x80, 0xbf);
    if (ok === undefined) return 0;
    if (!ok) return -1;
  }
  return len;
}

/** GB18030's byte structure: one byte (≤ 0x80), two (lead 0x81–0xFE, trail 0x40–0x7E or 0x80–0xFE) or four (lead, 0x30–0x39, 0x81–0xFE, 0x30–0x39). */
function gb18030Step(b: Uint8Array, i: number): number {
  const x = b[i] as number;
  if (x <= 0x80) return 1;
  if (x === 0xff) return -1;
  const y = b[i + 1];
  if (y === undefined) return 0;
  if (y >= 0x30 && y <= 0x39) {
    const z = inRange(b[i + 2], 0x81, 0xfe);
    if (z === undefined) return 0;
    if (!z) return -1;
    const w = inRange(b[i + 3], 0x30, 0x39);
    if (w === undefined) return 0;
    return w ? 4 : -1;
  }
  return (y >= 0x40 && y <= 0x7e) || (y >= 0x80 && y <= 0xfe) ? 2 : -1;
}

/** UTF-16 code units in pairs; a surrogate must be the right half of a pair. */
function utf16Step(bigEndian: boolean): Step {
  const unit = (b: Uint8Array, i: number): number | undefined =>
    b[i + 1] === undefined
      ? undefined
      : bigEndian
        ? ((b[i] as number) << 8) | (b[i + 1] as number)
        : ((b[i + 1] as number) << 8) | (b[i] as number);
  return (b, i) => {
    const u = unit(b, i);
    if (u === undefined) return 0;
    if (u >= 0xdc00 && u <= 0xdfff) return -1;
    if (u < 0xd800 || u > 0xdbff) return 2;
    const low = unit(b, i + 2);
    if (low === undefined) return 0;
    return low >= 0xdc00 && low <= 0xdfff ? 4 : -1;
  };
}

const STEPS: Readonly<Record<TextEncoding, Step>> = {
  'utf-8': utf8Step,
  'utf-16le': utf16Step(false),
  'utf-16be': utf16Step(true),
  gb18030: gb18030Step,
};

/** Walks `b` by characters: where the whole characters end, and the first byte that is none (if any). */
function walk(b: Uint8Array, encoding: TextEncoding, final: boolean): { complete: number; invalidAt?: number } {
  if (encoding === 'utf-8') {
    // Fast path: the whole characters end at the last lead byte unless its sequence is complete.
    let cut = b.length;
    if (!final) {
      let lead = b.length - 1;
      while (lead > 0 && lead > b.length - 4 && ((b[lead] as number) & 0xc0) === 0x80) lead--;
      if (lead >= 0 && utf8Step(b, lead) === 0) cut = lead;
    }
    if (isUtf8(b.subarray(0, cut))) return { complete: cut };
  }
  const step = STEPS[encoding];
  let i = 0;
  while (i < b.length) {
    const n = step(b, i);
    if (n < 0) return { complete: i, invalidAt: i };
    if (n === 0) return final ? { complete: i, invalidAt: i } : { complete: i };
    i += n;
  }
  return { complete: i };
}

/** UTF-16 code units each character of `b` decodes to, summed up to `units`: the byte offset of that unit. */
function byteOffsetOfUnit(b: Uint8Array, encoding: TextEncoding, units: number): number {
  const step = STEPS[encoding];
  let i = 0;
  let seen = 0;
  while (i < b.length && seen < units) {
    const n = Math.max(1, step(b, i));
    seen += n === 4 && (encoding !== 'gb18030' || (b[i] as number) >= 0x90) ? 2 : 1;
    i += n;
  }
  return i;
}

function fatalDecoder(encoding: TextEncoding): TextDecoder {
  // ignoreBOM: a U+FEFF at the start of a chunk stays (the parser drops the file's leading one).
  return new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
}

function hex(byte: number | undefined): string {
  return `0x${(byte ?? 0).toString(16).toUpperCase().padStart(2, '0')}`;
}

/** The one refusal: the offset, the byte, and the fix. */
function refuse(source: string | undefined, what: string, offset: number, byte: number | undefined, forced?: TextEncoding): InputError {
  const fix = forced
    ? `check that the file really is ${ENCODING_LABELS[forced]}, or leave out --encoding to detect it`
    : 'save it as "CSV UTF-8", or name its encoding with --encoding';
  return new InputError(`${source ? `${source}: ` : ''}${what} at byte offset ${offset} (${hex(byte)}): ${fix}`, { field: 'file' });
}

function detectBom(b: Uint8Array): DetectedEncoding & { length: number } {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { encoding: 'utf-8', bom: true, length: 3 };
  if (b[0] === 0xff && b[1] === 0xfe) return { encoding: 'utf-16le', bom: true, length: 2 };
  if (b[0] === 0xfe && b[1] === 0xff) return { encoding: 'utf-16be', bom: true, length: 2 };
  return { encoding: 'utf-8', bom: false, length: 0 };
}

/** ASCII bytes as text, read in place (no copy). */
function asLatin1(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.length).toString('latin1');
}

/** Bytes looked at for UTF-16 written without a byte-order mark. */
const UTF16_SAMPLE = 512;

/**
 * UTF-16 without a BOM: CSV text never holds NUL, but mostly-ASCII UTF-16 has one in every other byte — the odd
 * ones for little-endian, the even ones for big-endian. Read as ASCII it would pass with NULs dropped, and its
 * Chinese as something else entirely.
 */
function utf16WithoutBom(b: Uint8Array): TextEncoding | undefined {
  const n = Math.min(b.length, UTF16_SAMPLE) & ~1;
  if (n < 4) return undefined;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) even++;
    if (b[i + 1] === 0) odd++;
  }
  const pairs = n / 2;
  if (odd >= pairs * 0.4 && even === 0) return 'utf-16le';
  if (even >= pairs * 0.4 && odd === 0) return 'utf-16be';
  return undefined;
}

function firstNonAscii(b: Uint8Array): number {
  for (let i = 0; i < b.length; i++) if ((b[i] as number) >= 0x80) return i;
  return -1;
}

/** Chooses between UTF-8 and GB18030 from bytes that start at the first non-ASCII byte. */
function chooseByContent(window: Uint8Array, final: boolean, offset: number, source?: string): TextEncoding {
  const asUtf8 = walk(window, 'utf-8', final);
  if (asUtf8.invalidAt === undefined) return 'utf-8';
  const asGb = walk(window, 'gb18030', final);
  if (asGb.invalidAt === undefined) {
    try {
      fatalDecoder('gb18030').decode(window.subarray(0, asGb.complete));
      return 'gb18030';
    } catch {
      // a structurally whole four-byte sequence that maps to nothing: not GB18030 either
    }
  }
  const at = asUtf8.invalidAt;
  throw refuse(source, 'not text in UTF-8, UTF-16 or GB18030: the first byte none of them reads is', offset + at, window[at]);
}

/**
 * Bytes → text, refusing rather than guessing: a BOM says UTF-8 or UTF-16, and so does a NUL in every other
 * byte of the first 512; otherwise ASCII passes as it is and the first non-ASCII bytes (up to 64 KiB of them) choose UTF-8, else GB18030 (GBK is its subset),
 * else the file is refused naming the byte offset. Every decoder is fatal, and a U+FFFD in the text (a
 * character an earlier tool already lost) is refused too, so a wrongly decoded name never reaches the store.
 */
export async function* decodeText(
  chunks: AsyncIterable<Buffer | Uint8Array | string> | Iterable<Buffer | Uint8Array | string>,
  options: DecodeOptions = {},
): AsyncGenerator<string> {
  const { source } = options;
  let encoding: TextEncoding | undefined;
  let pending: Uint8Array = new Uint8Array(0);
  /** Byte offset of `pending[0]` in the file. */
  let offset = 0;
  let started = false;
  let decoder: TextDecoder | undefined;

  const settle = (found: DetectedEncoding): void => {
    encoding = found.encoding;
    decoder = fatalDecoder(found.encoding);
    options.onEncoding?.(found);
  };
  const take = (n: number): Uint8Array => {
    const head = pending.subarray(0, n);
    pending = pending.subarray(n);
    offset += n;
    return head;
  };
  // Decodes the whole characters at the front of `pending`.
  const decodeSome = (final: boolean): string => {
    const enc = encoding as TextEncoding;
    const { complete, invalidAt } = walk(pending, enc, final);
    if (invalidAt !== undefined)
      throw refuse(
        source,
        `not ${ENCODING_LABELS[enc]}: the first byte it cannot read is`,
        offset + invalidAt,
        pending[invalidAt],
        options.encoding,
      );
    const start = offset;
    const bytes = take(complete);
    let text: string;
    try {
      text = (decoder as TextDecoder).decode(bytes);
    } catch {
      throw refuse(source, `not ${ENCODING_LABELS[enc]}: a character maps to nothing near`, start, bytes[0], options.encoding);
    }
    const lost = text.indexOf(REPLACEMENT);
    if (lost >= 0) {
      const at = start + byteOffsetOfUnit(bytes, enc, lost);
      throw new InputError(
        `${source ? `${source}: ` : ''}the file holds U+FFFD (�, a character an earlier program could not read) at byte offset ${at}: export the data again from its source`,
        { field: 'file' },
      );
    }
    return text;
  };
  // Before the encoding is known (no BOM, nothing forced): pass the ASCII prefix on, then choose.
  const sniff = (final: boolean): string => {
    const first = firstNonAscii(pending);
    if (first < 0) return asLatin1(take(pending.length));
    const ascii = first > 0 ? asLatin1(take(first)) : '';
    if (!final && pending.length < SNIFF_BYTES) return ascii;
    settle({ encoding: chooseByContent(pending, final, offset, source), bom: false });
    return ascii + decodeSome(final);
  };

  const step = (final: boolean): string => {
    if (!started) {
      if (!final && pending.length < UTF16_SAMPLE) return '';
      started = true;
      // The BOM stays in the text as U+FEFF: the CSV parser drops it at the start, once, whatever the source.
      const bom = detectBom(pending);
      if (options.encoding) {
        if (bom.length > 0 && bom.encoding !== options.encoding)
          throw refuse(source, `the file starts with a ${ENCODING_LABELS[bom.encoding]} byte-order mark`, 0, pending[0], options.encoding);
        settle({ encoding: options.encoding, bom: bom.length > 0 });
      } else if (bom.length > 0) settle(bom);
      else {
        const utf16 = utf16WithoutBom(pending);
        if (utf16) settle({ encoding: utf16, bom: false });
      }
    }
    return encoding ? decodeSome(final) : sniff(final);
  };

  for await (const chunk of chunks) {
    if (typeof chunk === 'string') {
      // Text already (a test, an API body): nothing to decode.
      yield chunk;
      continue;
    }
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    const text = step(false);
    if (text) yield text;
  }
  const text = step(true);
  if (!encoding && started) options.onEncoding?.({ encoding: 'utf-8', bom: false });
  if (text) yield text;
}
