import tseslint from 'typescript-eslint';

// Types do most of the checking; lint adds what they cannot see: unawaited promises, non-exhaustive
// switches, and the boundaries between parts (subgraphs do not import each other; the console imports
// no server code).
export default tseslint.config(
  { ignores: ['**/node_modules/**', 'console/**', '**/build/**', '**/.svelte-kit/**', '.hearth/**', 'bench/results/**'] },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.base],
    languageOptions: { parserOptions: { project: './tsconfig.json', tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'error',
    },
  },
  {
    // Every folder under subgraphs/, present and to come: no list to keep up to date.
    files: ['subgraphs/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@hearth/*', '!@hearth/platform*', '!@hearth/testkit*'],
              message: 'A subgraph stands alone: share code through @hearth/platform.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['platform/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@hearth/*', '!@hearth/platform*', '!@hearth/testkit*'], message: 'platform is the bottom layer: it imports no service.' }] },
      ],
    },
  },
  // Scripts, benchmarks and tests talk to people on the terminal.
  { files: ['bench/**', 'scripts/**', '**/*.test.ts', 'testkit/**'], rules: { 'no-console': 'off' } },
);
