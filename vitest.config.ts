import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const graphqlDir = fileURLToPath(new URL('./node_modules/graphql/', import.meta.url));

// Three levels, one runner: unit tests beside the code (`*.test.ts`), medium tests against the
// embedded TimescaleDB and real sockets (`*.medium.test.ts`), end-to-end tests in testkit/e2e.
export default defineConfig({
  resolve: {
    // Node loads graphql's CommonJS build (it ignores "module"), and so do Apollo's packages;
    // Vite would hand our sources index.mjs instead, giving tests two graphql realms
    // ("Cannot use GraphQLSchema from another module or realm") that production never has.
    alias: [
      { find: /^graphql$/, replacement: `${graphqlDir}index.js` },
      { find: /^graphql\/(.+?)(\.m?js)?$/, replacement: `${graphqlDir}$1.js` },
    ],
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['{platform,broker,twins,gateway,edge,stack,console,subgraphs/*}/src/**/*.test.ts'],
          exclude: ['**/*.medium.test.ts', '**/node_modules/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'medium',
          include: ['{platform,broker,twins,gateway,edge,stack,subgraphs/*}/src/**/*.medium.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: { name: 'e2e', include: ['testkit/e2e/**/*.test.ts', 'bench/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 180_000, fileParallelism: false },
      },
    ],
    pool: 'forks',
  },
});
