// Keeps the README true: every built-in metric and every CLI command is documented.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/main.ts';
import { BUILTIN_METRICS } from '../../src/core/metrics/builtin-metrics.ts';

const readme = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8');

describe('the README', () => {
  it('lists every built-in metric with its formula', () => {
    for (const m of BUILTIN_METRICS) {
      expect(readme).toContain(`| \`${m.key}\` |`);
      if (m.kind === 'derived') expect(readme).toContain(m.formula);
    }
  });

  it('documents every CLI command', () => {
    for (const c of COMMANDS) expect(readme).toContain(`growthbeat ${c.name}`);
  });

  it('gives the test command CI runs', () => {
    expect(readme).toContain('npm test');
    expect(readFileSync(join(import.meta.dirname, '../../.ci/run'), 'utf8')).toContain('npm test');
  });
});
