// The words that name a period or a day in every command (`上周`, `last-week`, `7d`, `2026-W46`, a date), so the
// grammars tell a period from a segment name without parsing it (time/period.ts parses it later).
const PERIOD_WORD =
  /^(\d+d|\d+天|近\d+天|最近\d+天|过去\d+天|last-?\d+d|today|yesterday|今天|昨天|this-week|last-week|本周|这周|上周|this-month|last-month|本月|上月|上个月|\d{4}-?w\d{1,2}|\d{4}-\d{1,2}|\d{4}-\d{2}-\d{2}(\.\.|~)?.*)$/i;

/** Whether a command word names a period or a day (the grammars' way to tell it from a segment name). */
export function isPeriodWord(word: string): boolean {
  return PERIOD_WORD.test(word);
}

/** Digits in a date's shape that are not one we read (`20/11/2026`, `11.20`, `2026/11/20`): a date written wrong, not a name. */
export function looksLikeDate(word: string): boolean {
  return !isPeriodWord(word) && /^\d{1,4}[/.年-]\d{1,2}([/.月-]\d{1,4}日?)?$/.test(word);
}
