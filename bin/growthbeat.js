#!/usr/bin/env node
// The `growthbeat` command. It runs the compiled JavaScript in dist/ (built by `npm install` and `npm run build`);
// when dist/ is missing or older than a file in src/ (a developer's edit), it runs the sources through tsx instead.
import { entryPoint } from './entry-point.js';

const { main } = await import(await entryPoint('cli/main'));
process.exitCode = await main(process.argv.slice(2));
