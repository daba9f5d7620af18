import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'bench/**/*.test.ts', 'e2e/**/*.test.ts', 'web/src/**/*.test.ts', 'web/src/**/*.test.tsx'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Two cores: files in parallel, but not more workers than the machine has.
    maxWorkers: 2,
    // A browser under load can take seconds to show what a request brought; e2e reads state by
    // polling, and the default second is too short on a busy two-core machine.
    expect: { poll: { timeout: 15_000 } },
  },
});
