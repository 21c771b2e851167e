// One error model: every failure we raise is a GrowthbeatError with a code from ErrorCode; explain.ts
// turns any error into what the CLI, the HTTP server and chat tell a person.

/** Every code a GrowthbeatError can carry: callers switch on these, never on messages. */
export type ErrorCode =
  /** The person's input is wrong (a command, a CSV line, an API field). */
  | 'input_invalid'
  | 'not_found'
  /** The environment is misconfigured (a variable, a platform refusing our credentials at start). */
  | 'config_invalid'
  /** A request body over the size limit. */
  | 'payload_too_large'
  /** A platform asked us to slow down. */
  | 'rate_limited'
  /** A platform will never accept this message as it is. */
  | 'delivery_permanent'
  /** A platform's API answered with an error we have no better name for. */
  | 'platform_api_failed'
  /** Someone else changed the same row between our read and our write. */
  | 'alert_conflict'
  /** An alert rule with the same metric, scope and condition exists already (perhaps added a moment ago). */
  | 'rule_duplicate'
  /** A message waits for the message it updates or replies to, which is not sent yet. */
  | 'target_not_sent'
  /** A data source could not be read (unreachable, a query error, refused by its read-only transaction). */
  | 'source_failed';

/** The one base error: a stable `code` callers switch on, and the `cause` kept for logs. */
export class GrowthbeatError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** A user's input is wrong: `field` and `line` say where, so the answer can point at it. */
export class InputError extends GrowthbeatError {
  readonly field?: string;
  readonly line?: number;
  readonly column?: number;
  constructor(message: string, where: { field?: string; line?: number; column?: number } = {}, options?: { cause?: unknown }) {
    super('input_invalid', message, options);
    this.field = where.field;
    this.line = where.line;
    this.column = where.column;
  }
}

export class NotFoundError extends GrowthbeatError {
  constructor(what: string) {
    super('not_found', `${what} not found`);
  }
}

/** The environment is misconfigured; the message is one line naming the variable and the fix. */
export class ConfigError extends GrowthbeatError {
  readonly variable: string;
  constructor(variable: string, message: string, options?: { cause?: unknown }) {
    super('config_invalid', message, options);
    this.variable = variable;
  }
}

/** A platform asked us to slow down. */
export class RateLimitedError extends GrowthbeatError {
  readonly retryAfterMs: number;
  constructor(message: string, retryAfterMs: number, options?: { cause?: unknown }) {
    super('rate_limited', message, options);
    this.retryAfterMs = retryAfterMs;
  }
}

/** The platform will never accept this message as it is (channel gone, bot removed, token revoked). */
export class PermanentDeliveryError extends GrowthbeatError {
  constructor(reason: string, options?: { cause?: unknown }) {
    super('delivery_permanent', reason, options);
  }
}

/** A platform's API failed in a way no other error names (Feishu's non-zero `code`, no answer in time). */
export class PlatformApiError extends GrowthbeatError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('platform_api_failed', message, options);
  }
}

/** Someone else changed the alert between our read and our write: the caller reloads or leaves it to the next pass. */
export class AlertConflictError extends GrowthbeatError {
  constructor(alertId: string) {
    super('alert_conflict', `alert ${alertId} was changed by someone else`);
  }
}

/** The workspace has a rule with this metric, scope and condition already: the same condition twice would alert twice. */
export class DuplicateRuleError extends GrowthbeatError {
  constructor(readonly signature: string) {
    super('rule_duplicate', 'an alert rule with the same metric, scope and condition exists already');
  }
}

/** An update or thread reply whose target message has no platform id yet: the relay tries again later. */
export class TargetNotSentError extends GrowthbeatError {
  constructor(message: string) {
    super('target_not_sent', message);
  }
}

/** A request body over the limit; the HTTP server answers 413 before anything is parsed. */
export class PayloadTooLargeError extends GrowthbeatError {
  constructor(limit: number) {
    super('payload_too_large', `the request body is larger than ${limit} bytes`);
  }
}

/** A data source could not be read: the message names the source and what its server said (never its secrets). */
export class SourceError extends GrowthbeatError {
  readonly source: string;
  constructor(source: string, message: string, options?: { cause?: unknown }) {
    super('source_failed', `source "${source}": ${message}`, options);
    this.source = source;
  }
}
