import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { serverTestFiles } from './testkit/src/server-test-files';

const root = fileURLToPath(new URL('.', import.meta.url));
const graphqlDir = fileURLToPath(new URL('./node_modules/graphql/', import.meta.url));

// Server mode (HEARTH_TEST_DB=server, TEST_DATABASE_URL: scripts/test.sh sets both) runs the medium
// and end-to-end files that reach a database through testkit's test database against a TimescaleDB
// server instead; each file gets databases of its own there. The console's browser tests and the
// benchmarks' smoke tests run once, in embedded mode: they would repeat it.
const server = process.env.HEARTH_TEST_DB === 'server';
const onServer = (dirs: string[], pattern: RegExp) => serverTestFiles(root, dirs, pattern).filter((f) => !f.endsWith('.browser.test.ts'));

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
          include: server
            ? onServer(['platform', 'broker', 'twins', 'gateway', 'edge', 'stack', 'subgraphs'], /\/src\/.*\.medium\.test\.ts$/)
            : ['{platform,broker,twins,gateway,edge,stack,subgraphs/*}/src/**/*.medium.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: server ? onServer(['testkit/e2e'], /\.test\.ts$/) : ['testkit/e2e/**/*.test.ts', 'bench/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
    pool: 'forks',
    // Server mode: names the run's databases, checks the server answers, drops what files left.
    globalSetup: server ? ['testkit/src/server-test-setup.ts'] : [],
  },
});
