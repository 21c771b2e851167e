// A throwaway ClickHouse server for the clickhouse source kind: Debian's `clickhouse-server` package, started on
// free ports with its data in a temporary directory, stopped (and the directory removed) after. `.ci/run`
// installs the package; on a machine without it the ClickHouse tests skip with one line saying so.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BINARY = '/usr/sbin/clickhouse-server';
const CONFIG = '/etc/clickhouse-server/config.xml';

export interface ClickHouseServer {
  url: string;
  /** Runs a statement over HTTP as the default user. */
  exec(sql: string): Promise<string>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Whether the package is installed; in CI its absence is an error. */
export function clickhouseInstalled(): boolean {
  const ok = existsSync(BINARY) && existsSync(CONFIG);
  if (!ok && process.env.CI === 'true')
    throw new Error('clickhouse-server is required in CI: .ci/run installs it (apt-get install clickhouse-server)');
  if (!ok)
    console.warn('[growthbeat tests] ClickHouse tests skipped: install clickhouse-server (apt-get install clickhouse-server) to run them.');
  return ok;
}

export async function startClickHouse(): Promise<ClickHouseServer> {
  const dir = mkdtempSync(join(tmpdir(), 'gb-clickhouse-'));
  const [http, tcp, interserver] = [await freePort(), await freePort(), await freePort()];
  const child: ChildProcess = spawn(
    BINARY,
    [
      `--config-file=${CONFIG}`,
      '--',
      `--path=${dir}/`,
      `--tmp_path=${dir}/tmp/`,
      `--user_files_path=${dir}/user_files/`,
      `--format_schema_path=${dir}/format_schemas/`,
      `--logger.log=${dir}/server.log`,
      `--logger.errorlog=${dir}/error.log`,
      `--http_port=${http}`,
      `--tcp_port=${tcp}`,
      `--interserver_http_port=${interserver}`,
      '--listen_host=127.0.0.1',
    ],
    { stdio: 'ignore' },
  );
  const url = `http://127.0.0.1:${http}`;
  const exec = async (sql: string) => {
    const response = await fetch(`${url}/`, { method: 'POST', body: sql });
    const text = await response.text();
    if (!response.ok) throw new Error(`ClickHouse: ${text}`);
    return text;
  };
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  // The server takes a few seconds to open its port: poll /ping (a real process, not a timed wait).
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) break;
    const ok = await fetch(`${url}/ping`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { url, exec, stop };
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error(`clickhouse-server did not start on port ${http}`);
}
