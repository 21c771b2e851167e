import type { Logger } from '../../base/logging/logger.ts';

/** The Lark SDK's logger interface over our structured logger (the SDK logs arrays of values). */
export function larkLogger(logger: Logger) {
  const fmt = (args: unknown[]) =>
    args
      .flat()
      .map((a) => (a instanceof Error ? a.message : typeof a === 'string' ? a : JSON.stringify(a)))
      .join(' ');
  return {
    error: (...a: unknown[]) => logger.error(fmt(a)),
    warn: (...a: unknown[]) => logger.warn(fmt(a)),
    info: (...a: unknown[]) => logger.debug(fmt(a)),
    debug: (...a: unknown[]) => logger.debug(fmt(a)),
    trace: (...a: unknown[]) => logger.debug(fmt(a)),
  };
}
