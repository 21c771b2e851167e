import { InputError } from '../core/errors.ts';

/** How much one imported file may hold; past any of these the import is refused before anything is written. */
export interface ImportLimits {
  /** Characters in one cell (after unquoting). */
  maxCellChars: number;
  /** Characters in one record, separators and quotes included (a quoted cell may span lines). */
  maxRecordChars: number;
  /** Data rows (the header not counted). */
  maxRows: number;
  /** Bytes of CSV text read, after decompressing a `.gz`. */
  maxDecompressedBytes: number;
}

// Why these numbers: a spreadsheet cell holds at most 32,767 characters, so twice that leaves room for
// any real export while a runaway cell stops at 64 K; a record of 1 M characters is thousands of columns.
// The largest real log we import (UCI online retail, 541,909 rows, 46 MiB) sits far below 10 M rows and
// 1 GiB; a file past them is a mistake or a bomb, and anyone with a bigger one raises the setting.
export const DEFAULT_IMPORT_LIMITS: Readonly<ImportLimits> = {
  maxCellChars: 65_536,
  maxRecordChars: 1_048_576,
  maxRows: 10_000_000,
  maxDecompressedBytes: 1_073_741_824,
};

/** The environment variable that sets each limit (named in every refusal, so the fix is one line away). */
export const IMPORT_LIMIT_SETTINGS: Readonly<Record<keyof ImportLimits, string>> = {
  maxCellChars: 'IMPORT_MAX_CELL_CHARS',
  maxRecordChars: 'IMPORT_MAX_RECORD_CHARS',
  maxRows: 'IMPORT_MAX_ROWS',
  maxDecompressedBytes: 'IMPORT_MAX_DECOMPRESSED_BYTES',
};

const WHAT: Readonly<Record<keyof ImportLimits, (max: string) => string>> = {
  maxCellChars: (max) => `a cell is longer than ${max} characters`,
  maxRecordChars: (max) => `a record is longer than ${max} characters`,
  maxRows: (max) => `the file has more than ${max} rows`,
  maxDecompressedBytes: (max) => `the file holds more than ${max} bytes of text (after decompressing)`,
};

/**
 * A file past one of the import limits: one line naming the limit and the setting that raises it.
 * An InputError, so the CLI prints it as one line and an API would answer 413 with `field` = the setting.
 */
export class ImportLimitError extends InputError {
  readonly limit: keyof ImportLimits;
  readonly setting: string;
  readonly max: number;
  constructor(limit: keyof ImportLimits, max: number, where: { source?: string; line?: number } = {}) {
    const setting = IMPORT_LIMIT_SETTINGS[limit];
    const at = [where.source, where.line === undefined ? undefined : `line ${where.line}`].filter(Boolean).join(': ');
    super(
      `${at ? `${at}: ` : ''}${WHAT[limit](max.toLocaleString('en-US'))} (the limit ${setting}=${max}); nothing was imported — raise ${setting} if the file is real`,
      { field: setting, line: where.line },
    );
    this.limit = limit;
    this.setting = setting;
    this.max = max;
  }
}

/** The defaults with whatever the caller sets. */
export function importLimits(overrides: Partial<ImportLimits> = {}): ImportLimits {
  return { ...DEFAULT_IMPORT_LIMITS, ...overrides };
}
