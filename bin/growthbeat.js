#!/usr/bin/env node
// The `growthbeat` command. It runs the compiled JavaScript in dist/ (built by `npm install` and `npm run build`);
// when dist/ is missing or older than a file in src/ (a developer's edit), it runs the sources through tsx instead.
import { setFlagsFromString } from 'node:v8';
import { entryPoint } from './entry-point.js';

if (process.argv[2] === 'serve') {
  // A long-running bot favours a small footprint (docs/benchmarks.md: an idle sandbox 190 MB → about 105 MB, answer
  // times unchanged). Prisma's query compiler is WebAssembly: V8's baseline compiler alone, not its optimizing tier
  // on top, and V8's memory-saving heuristics.
  setFlagsFromString('--liftoff-only');
  setFlagsFromString('--optimize-for-size');
}
const { main } = await import(await entryPoint('cli/main'));
process.exitCode = await main(process.argv.slice(2));
