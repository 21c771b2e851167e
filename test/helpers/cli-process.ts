import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const BIN = join(import.meta.dirname, '../../bin/growthbeat.js');
const PRELOAD_RSS = join(import.meta.dirname, 'report-max-rss.mjs');

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `growthbeat <args>` as a real process and waits for it to exit. */
export function runCli(
  args: string[],
  env: Record<string, string> = {},
  timeoutMs = 60_000,
  nodeArgs: string[] = [],
  user?: { uid: number; gid: number },
): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, BIN, ...args], {
      env: { ...process.env, LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(user ?? {}),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`growthbeat ${args.join(' ')} timed out\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

export interface Served {
  child: ChildProcess;
  url: string;
  logs: () => string;
  /** Sends a signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts `growthbeat serve` and resolves once its "serving" log line names the URL. */
export function startServe(env: Record<string, string>, timeoutMs = 60_000): Promise<Served> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'serve'], {
      env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`serve did not start in time:\n${out}`));
    }, timeoutMs);
    const onData = (d: Buffer) => {
      out += d;
      const match = out.match(/"msg":"growthbeat is serving","url":"([^"]+)"/);
      if (match) {
        clearTimeout(timer);
        resolve({
          child,
          url: match[1] as string,
          logs: () => out,
          stop: (signal = 'SIGTERM') => {
            child.kill(signal);
            return exited;
          },
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code} before serving:\n${out}`));
    });
  });
}

export interface Measured extends Finished {
  /** Peak resident set size of the child, in bytes. */
  peakRss: number;
  /** CPU time the child used (user + system). */
  cpuMs: number;
  elapsedMs: number;
}

/** Runs `growthbeat <args>` as a real process and reports its own peak memory and CPU time (not the test runner's) and wall time. */
export async function runCliMeasured(args: string[], env: Record<string, string> = {}, timeoutMs = 60_000): Promise<Measured> {
  const rssFile = join(mkdtempSync(join(tmpdir(), 'gb-rss-')), 'rss');
  const started = performance.now();
  const finished = await runCli(args, { ...env, GROWTHBEAT_TEST_RSS_FILE: rssFile }, timeoutMs, [
    '--import',
    pathToFileURL(PRELOAD_RSS).href,
  ]);
  const elapsedMs = performance.now() - started;
  const usage = JSON.parse(readFileSync(rssFile, 'utf8')) as { peakRss: number; cpuMs: number };
  return { ...finished, elapsedMs, ...usage };
}
