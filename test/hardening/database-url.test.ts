// Issue 21, item 6: a PostgreSQL DATABASE_URL whose database does not exist, or whose server cannot be
// reached, stops every start path that touches the database with ONE line on stderr naming DATABASE_URL
// and the fix, and a non-zero exit: no schema-engine stack, no WASM frames.
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { explainPostgresConnectError } from '../../src/store/database-reachable.ts';
import { runCli } from '../helpers/cli-process.ts';
import { POSTGRES_ADMIN_URL, postgresAvailable } from '../helpers/test-databases.ts';

/** Each child normally fails within seconds; on a loaded 2-core machine tsx's start-up alone can pass 60 s. */
const SLOW = 150_000;

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

function expectOneLine(result: { code: number | null; stdout: string; stderr: string }, line: RegExp) {
  expect(result.code).not.toBe(0);
  expect(result.code).not.toBeNull();
  const lines = result.stderr.trim().split('\n');
  expect(lines, result.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(line);
  expect(`${result.stdout}\n${result.stderr}`).not.toMatch(/^\s+at /m);
  expect(result.stdout).not.toMatch(/"level":"error"/);
}

describe('a PostgreSQL DATABASE_URL that cannot be used', () => {
  it('whose database does not exist: serve, migrate and a data command each print one line and exit non-zero', async (t) => {
    if (!(await postgresAvailable())) return t.skip();
    const url = new URL(POSTGRES_ADMIN_URL);
    url.pathname = '/growthbeat_does_not_exist_21';
    const where = `${url.hostname}:${url.port || '5432'}`;
    const expected = new RegExp(
      `^growthbeat: database growthbeat_does_not_exist_21 does not exist on ${where.replace(/\./g, '\\.')}: create it \\(createdb growthbeat_does_not_exist_21\\) or fix DATABASE_URL$`,
    );
    const env = { DATABASE_URL: url.toString(), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' };
    const [serve, migrate, metrics] = await Promise.all([
      runCli(['serve'], env, SLOW),
      runCli(['migrate'], env, SLOW),
      runCli(['metrics', 'list'], env, SLOW),
    ]);
    for (const result of [serve, migrate, metrics]) expectOneLine(result, expected);
  }, 300_000);

  it('whose server is not there: serve and migrate print one line naming host, port and DATABASE_URL', async () => {
    const port = await closedPort();
    const env = { DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/growthbeat`, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' };
    const [serve, migrate] = await Promise.all([runCli(['serve'], env, SLOW), runCli(['migrate'], env, SLOW)]);
    for (const result of [serve, migrate])
      expectOneLine(
        result,
        new RegExp(
          `^growthbeat: cannot reach PostgreSQL at 127\\.0\\.0\\.1:${port} \\(ECONNREFUSED\\): start it, or fix the host and port in DATABASE_URL$`,
        ),
      );
  }, 300_000);

  it('a refused user, a timeout and anything else are one line too, and the password is never shown', () => {
    const url = 'postgres://app:s3cret-pw@db.internal:6543/metrics';
    const refused = explainPostgresConnectError(
      Object.assign(new Error('password authentication failed for user "app"'), { code: '28P01' }),
      url,
    );
    expect(refused.message).toBe(
      'PostgreSQL on db.internal:6543 refused user app (password authentication failed for user "app"): fix the user or password in DATABASE_URL',
    );
    const timeout = explainPostgresConnectError(new Error('Connection terminated due to connection timeout'), url);
    expect(timeout.message).toBe(
      'cannot reach PostgreSQL at db.internal:6543 (connection timeout): start it, or fix the host and port in DATABASE_URL',
    );
    const other = explainPostgresConnectError(new Error('the server does not support SSL connections\n  at frame'), url);
    expect(other.message).toBe(
      'cannot connect to PostgreSQL at db.internal:6543: the server does not support SSL connections; check DATABASE_URL',
    );
    for (const e of [refused, timeout, other]) {
      expect(e.variable).toBe('DATABASE_URL');
      expect(e.message).not.toContain('s3cret-pw');
      expect(e.message).not.toContain('\n');
    }
  });
});
