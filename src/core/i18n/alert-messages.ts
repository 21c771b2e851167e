import type { Locale } from '../ports/workspace.ts';

// Every user-facing sentence of alert rules, alert messages and /alerts, in Simplified Chinese and English.
export const ALERT_MESSAGES = {} as const satisfies Record<string, Record<Locale, string>>;
