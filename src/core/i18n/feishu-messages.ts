import type { Locale } from '../ports/workspace.ts';

// Every user-facing sentence of the Feishu / Lark adapter, in Simplified Chinese and English.
export const FEISHU_MESSAGES = {} as const satisfies Record<string, Record<Locale, string>>;
