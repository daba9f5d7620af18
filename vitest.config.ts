import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'bench/**/*.test.ts', 'e2e/**/*.test.ts', 'web/src/**/*.test.ts', 'web/src/**/*.test.tsx'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Every test's fetch keeps its connections by wall time: undici's own clock stands still while a
    // test holds the event loop, and it reused connections the server had closed (test/support/http-client.ts).
    setupFiles: ['test/support/http-client.ts'],
    // Two cores: files in parallel, but not more workers than the machine has.
    maxWorkers: 2,
    // A browser under load can take seconds to show what a request brought; e2e reads state by
    // polling, and the default second is too short on a busy two-core machine.
    expect: { poll: { timeout: 15_000 } },
  },
});
