// Keeps the README true: every built-in metric and every CLI command is documented.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/main.ts';
import { MetricCatalog } from '../../src/core/metrics/metric-catalog.ts';

const readme = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8');
const readmeZh = readFileSync(join(import.meta.dirname, '../../README.zh-CN.md'), 'utf8');

describe('the README', () => {
  it('lists every built-in metric with its formula, in both languages', () => {
    for (const m of new MetricCatalog().list()) {
      for (const text of [readme, readmeZh]) {
        expect(text).toContain(`| \`${m.key}\` |`);
        if (m.kind === 'derived') expect(text).toContain(m.formula);
      }
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
