// Footprint of `growthbeat serve` (the sandbox on SQLite, started as a user starts it: the `growthbeat` command)
// beside a no-op Bolt app process in the same run: time from spawn to the first answer over HTTP (Growthbeat's
// /healthz 200), and resident memory once settled, from /proc (Linux). Growthbeat starts twice: on a fresh database
// (migrations pending) and again on the migrated one (the usual restart). Target (issue 19): idle RSS ≤ 1.5 × no-op.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sqliteDb } from './bench-databases.ts';

const root = join(import.meta.dirname, '..');

interface Footprint {
  startMs: number;
  idleRssMb: number;
  peakRssMb: number;
}

async function firstAnswer(child: ChildProcess, path: string, started: number): Promise<number> {
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no port within 60 s')), 60_000);
    let seen = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const m = seen.match(/127\.0\.0\.1:(\d+)|listening (\d+)/);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1] ?? m[2]));
      }
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code}`)));
  });
  for (;;) {
    const res = await fetch(`http://127.0.0.1:${port}${path}`).catch(() => undefined);
    if (res && (path !== '/healthz' || res.ok)) return performance.now() - started;
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function footprint(args: string[], env: Record<string, string>, path: string, settleMs: number): Promise<Footprint> {
  const started = performance.now();
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const startMs = await firstAnswer(child, path, started);
    await new Promise((r) => setTimeout(r, settleMs));
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    const kb = (field: string) => Number(status.match(new RegExp(`${field}:\\s+(\\d+) kB`))?.[1] ?? Number.NaN);
    return {
      startMs: Math.round(startMs),
      idleRssMb: Number((kb('VmRSS') / 1024).toFixed(1)),
      peakRssMb: Number((kb('VmHWM') / 1024).toFixed(1)),
    };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

export async function benchIdleRss(settleMs = 5000): Promise<Record<string, unknown>> {
  const db = sqliteDb();
  const env = { DATABASE_URL: db.url, PORT: '0', LOG_LEVEL: 'info', SLACK_BOT_TOKEN: '', SLACK_SIGNING_SECRET: '' };
  const bin = join(root, 'bin/growthbeat.js');
  try {
    const noop = await footprint([join(root, 'bench/noop-bolt-app.mjs')], { PORT: '0' }, '/', settleMs);
    const fresh = await footprint([bin, 'serve'], env, '/healthz', settleMs);
    const restart = await footprint([bin, 'serve'], env, '/healthz', settleMs);
    const { buildIsCurrent } = await import('../bin/entry-point.js' as string);
    return {
      compiled: buildIsCurrent(),
      noopBolt: noop,
      growthbeatFreshDatabase: fresh,
      growthbeatRestart: restart,
      rssRatio: Number((restart.idleRssMb / noop.idleRssMb).toFixed(2)),
      rssTargetMb: Number((noop.idleRssMb * 1.5).toFixed(1)),
      meetsTarget: Math.max(fresh.idleRssMb, restart.idleRssMb) <= noop.idleRssMb * 1.5,
      settleMs,
    };
  } finally {
    db.drop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await benchIdleRss(), null, 2));
