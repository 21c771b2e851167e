/** The one base error: a stable `code` callers switch on, and the `cause` kept for logs. */
export class GrowthbeatError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
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
  constructor(variable: string, message: string) {
    super('config_invalid', message);
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
