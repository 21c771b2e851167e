// The one place that turns a failure into what a person is told: the CLI prints it, the HTTP server
// answers with it, the chat pipeline shows it as the error view. A stack trace never reaches anyone.
import { type ErrorCode, GrowthbeatError } from './errors.ts';
import { t } from './i18n/messages.ts';
import type { Locale } from './ports/workspace.ts';

export interface Explanation {
  /** `internal_error` for anything that is not a GrowthbeatError. */
  code: ErrorCode | 'internal_error';
  /** What to tell the person: the error's own words for their mistakes, a localized sentence otherwise. */
  message: string;
  /** The HTTP status an API answers with. */
  status: number;
  /** The CLI's exit code: 2 for a mistake in what was typed or sent, 1 otherwise. */
  exitCode: 1 | 2;
  /** Not a failure we know: log it with its stack, show only the localized sentence. */
  unexpected: boolean;
}

type Rule = { status: number; exitCode: 1 | 2; say?: Parameters<typeof t>[1] };

// Errors without `say` are written for the person who caused them (a CSV line, a config variable);
// the others get a sentence in their language.
const RULES: Record<ErrorCode, Rule> = {
  input_invalid: { status: 400, exitCode: 2 },
  not_found: { status: 404, exitCode: 1 },
  config_invalid: { status: 500, exitCode: 1 },
  payload_too_large: { status: 413, exitCode: 2 },
  rate_limited: { status: 503, exitCode: 1, say: 'error.rateLimited' },
  delivery_permanent: { status: 502, exitCode: 1 },
  platform_api_failed: { status: 502, exitCode: 1, say: 'error.platform' },
  alert_conflict: { status: 409, exitCode: 1, say: 'error.conflict' },
  rule_duplicate: { status: 409, exitCode: 2 },
  target_not_sent: { status: 503, exitCode: 1, say: 'error.internal' },
  source_failed: { status: 502, exitCode: 1 },
};

/** The language an HTTP client asks for (Accept-Language), for answers outside any workspace. */
export function localeOfAcceptLanguage(header: string | undefined): Locale {
  return /^\s*zh/i.test(header ?? '') ? 'zh-CN' : 'en';
}

/** What to tell a person about `error`, in `locale`. */
export function explain(error: unknown, locale: Locale): Explanation {
  if (error instanceof GrowthbeatError) {
    const rule = RULES[error.code];
    return {
      code: error.code,
      message: rule.say ? t(locale, rule.say) : error.message,
      status: rule.status,
      exitCode: rule.exitCode,
      unexpected: false,
    };
  }
  return { code: 'internal_error', message: t(locale, 'error.internal'), status: 500, exitCode: 1, unexpected: true };
}
