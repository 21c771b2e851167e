import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const repo = join(import.meta.dirname, '../..');
const root = mkdtempSync(join(tmpdir(), 'gb-entry-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

// A copy of bin/ beside a tiny src/ and dist/ whose `main` says where it was loaded from.
mkdirSync(join(root, 'bin'));
writeFileSync(join(root, 'package.json'), '{ "type": "module" }\n');
cpSync(join(repo, 'bin/growthbeat.js'), join(root, 'bin/growthbeat.js'));
cpSync(join(repo, 'bin/entry-point.js'), join(root, 'bin/entry-point.js'));
symlinkSync(join(repo, 'node_modules'), join(root, 'node_modules'));
mkdirSync(join(root, 'src/cli'), { recursive: true });
mkdirSync(join(root, 'dist/cli'), { recursive: true });
const source = join(root, 'src/cli/main.ts');
writeFileSync(source, "export async function main(): Promise<number> { console.log('source'); return 0; }\n");
writeFileSync(join(root, 'dist/cli/main.js'), "export async function main() { console.log('compiled'); return 0; }\n");
const stamp = join(root, 'dist/.build-stamp');

const run = (env: Record<string, string> = {}) =>
  execFileSync(process.execPath, [join(root, 'bin/growthbeat.js')], { env: { ...process.env, GROWTHBEAT_FROM_SOURCE: '', ...env } })
    .toString()
    .trim();
const at = (path: string, seconds: number) => utimesSync(path, seconds, seconds);

describe('the growthbeat command', () => {
  it('runs the compiled JavaScript when dist/ was built after the last change in src/', () => {
    writeFileSync(stamp, 'built\n');
    at(source, 1_000_000);
    at(stamp, 2_000_000);
    expect(run()).toBe('compiled');
  });

  it('runs the TypeScript sources when a source file changed after the build, or when asked to', () => {
    at(source, 3_000_000);
    expect(run()).toBe('source');
    at(source, 1_000_000);
    expect(run({ GROWTHBEAT_FROM_SOURCE: '1' })).toBe('source');
  });

  it('runs the sources when there is no build', () => {
    rmSync(stamp);
    expect(run()).toBe('source');
  });

  it.runIf(process.env.CI)('is compiled by npm install on a clean clone (CI)', async () => {
    // @ts-expect-error plain JavaScript module without types
    const { buildIsCurrent } = await import('../../bin/entry-point.js');
    expect(buildIsCurrent()).toBe(true);
  });
});
