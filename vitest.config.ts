import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // Generous: tests that spawn real processes slow down on a loaded 2-core machine; none waits on a timer this long.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Files that spawn processes or hold databases run in forks, two at a time on these 2-core machines.
    pool: 'forks',
    maxWorkers: 2,
  },
});
