import { defineConfig } from 'vitest/config';
import SummaryLine from './tools/vitest-summary.js';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'central/test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Tests own real files, ports and child processes; two workers match the 2-core machines.
    pool: 'forks',
    maxWorkers: 2,
    reporters: ['default', new SummaryLine()],
  },
});
