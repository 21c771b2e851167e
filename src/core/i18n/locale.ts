/** The languages every user-facing sentence exists in (Simplified Chinese first: the default). */
export const LOCALES = ['zh-CN', 'en'] as const;

/** The one language type: a workspace's, a member's, the configured default. */
export type Locale = (typeof LOCALES)[number];
