import type { Locale } from '../ports/workspace.ts';

// Every user-facing sentence of the weekly digest and /growth digest, in Simplified Chinese and English.
export const DIGEST_MESSAGES = {} as const satisfies Record<string, Record<Locale, string>>;
