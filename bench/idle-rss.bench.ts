// Idle resident memory of `growthbeat serve` (the sandbox on SQLite): started as a user starts it, measured
// after it has settled, from /proc (Linux).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sqliteDb } from './bench-databases.ts';

export async function benchIdleRss(settleMs = 5000): Promise<Record<string, unknown>> {
  const db = sqliteDb();
  const root = join(import.meta.dirname, '..');
  const child = spawn(process.execPath, [join(root, 'bin/growthbeat.js'), 'serve'], {
    env: { ...process.env, DATABASE_URL: db.url, PORT: '0', LOG_LEVEL: 'info', SLACK_BOT_TOKEN: '', SLACK_SIGNING_SECRET: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('serve did not start within 60 s')), 60_000);
      child.stdout.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('growthbeat is serving')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.on('exit', (code) => reject(new Error(`serve exited with ${code}`)));
    });
    await new Promise((r) => setTimeout(r, settleMs));
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    const kb = (field: string) => Number(status.match(new RegExp(`${field}:\\s+(\\d+) kB`))?.[1] ?? Number.NaN);
    return { idleRssMb: Number((kb('VmRSS') / 1024).toFixed(1)), peakRssMb: Number((kb('VmHWM') / 1024).toFixed(1)), settleMs };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    db.drop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await benchIdleRss(), null, 2));
