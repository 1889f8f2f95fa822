import { defineConfig } from 'vitest/config';

// Three levels, one runner: unit tests beside the code (`*.test.ts`), medium tests against the
// embedded TimescaleDB and real sockets (`*.medium.test.ts`), end-to-end tests in testkit/e2e.
export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['{platform,broker,twins,gateway,edge,stack,subgraphs/*}/src/**/*.test.ts'], exclude: ['**/*.medium.test.ts', '**/node_modules/**'] },
      },
      {
        extends: true,
        test: { name: 'medium', include: ['{platform,broker,twins,gateway,edge,stack,subgraphs/*}/src/**/*.medium.test.ts'], testTimeout: 60_000, hookTimeout: 120_000 },
      },
      {
        extends: true,
        test: { name: 'e2e', include: ['testkit/e2e/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 180_000, fileParallelism: false },
      },
    ],
    pool: 'forks',
  },
});
