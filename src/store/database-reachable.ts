// Before anything else touches PostgreSQL (the schema engine's errors are multi-line and carry a WASM
// stack), one plain connection: a wrong DATABASE_URL becomes one line naming the variable and the fix.
import { ConfigError } from '../core/errors.ts';
import type { DatabaseTarget } from './database-url.ts';

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'ECONNRESET', 'EAI_AGAIN']);

/** Throws a one-line ConfigError when the PostgreSQL server cannot be reached or the database is not there. */
export async function checkDatabaseReachable(target: DatabaseTarget, timeoutMs = 10_000): Promise<void> {
  if (target.kind !== 'postgres') return;
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: target.url, connectionTimeoutMillis: timeoutMs });
  client.on('error', () => {}); // a connection dropped after connect() settles must not become an unhandled 'error'
  try {
    await client.connect();
  } catch (error) {
    throw explainPostgresConnectError(error, target.url);
  } finally {
    await client.end().catch(() => {});
  }
}

/** The one line for a failed connection: where, what, and what to do. Never echoes the password. */
export function explainPostgresConnectError(error: unknown, url: string): ConfigError {
  const u = new URL(url);
  const where = `${u.hostname || 'localhost'}:${u.port || '5432'}`;
  const user = decodeURIComponent(u.username) || process.env.PGUSER || 'the current user';
  const database = decodeURIComponent(u.pathname.replace(/^\//, '')) || decodeURIComponent(u.username) || 'postgres';
  const e = error as { code?: string; message?: string };
  const firstLine = String(e.message ?? error).split('\n')[0] ?? '';
  if (e.code === '3D000')
    return new ConfigError(
      'DATABASE_URL',
      `database ${database} does not exist on ${where}: create it (createdb ${database}) or fix DATABASE_URL`,
    );
  if (e.code === '28P01' || e.code === '28000')
    return new ConfigError(
      'DATABASE_URL',
      `PostgreSQL on ${where} refused user ${user} (${firstLine}): fix the user or password in DATABASE_URL`,
    );
  if ((e.code && UNREACHABLE.has(e.code)) || /timeout/i.test(firstLine))
    return new ConfigError(
      'DATABASE_URL',
      `cannot reach PostgreSQL at ${where} (${e.code ?? 'connection timeout'}): start it, or fix the host and port in DATABASE_URL`,
    );
  return new ConfigError('DATABASE_URL', `cannot connect to PostgreSQL at ${where}: ${firstLine}; check DATABASE_URL`);
}
