import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from '../../base/logging/logger.ts';

/** Bolt's logger interface over our structured logger. */
export function boltLogger(logger: Logger): BoltLogger {
  let level = LogLevel.INFO;
  let name = 'bolt';
  const fmt = (args: unknown[]) =>
    args.map((a) => (a instanceof Error ? a.message : typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
  return {
    debug: (...a) => logger.debug(fmt(a), { component: name }),
    info: (...a) => logger.info(fmt(a), { component: name }),
    warn: (...a) => logger.warn(fmt(a), { component: name }),
    error: (...a) => logger.error(fmt(a), { component: name }),
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: (n) => {
      name = n;
    },
  };
}
