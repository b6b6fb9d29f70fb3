// ESLint (typescript-eslint, recommended rules) for the TypeScript sources, tests and benchmarks.
// Formatting is Prettier's job (npm run format); this catches mistakes, not style.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'build/',
      'build-cmake/',
      'prebuilds/',
      'coverage/',
      '.cache/',
      'node_modules/',
      '.stryker-tmp/',
      'reports/',
      'native/',
      '**/*.cjs',
      'test/fixtures/faults/syntax-error.bench.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // The engine passes user functions of any shape and generated loops; `any` is deliberate there.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Generated measuring loops are built with new Function on purpose (see src/engine/loop.ts).
      '@typescript-eslint/no-implied-eval': 'off',
      '@typescript-eslint/no-unsafe-function-type': 'off',
      // Reporters strip terminal escapes and characters XML cannot hold, with regexes that name them.
      'no-control-regex': 'off',
    },
  },
  {
    // Experiments store results in write-only sinks (`sink`, `s`) so the optimiser keeps the work.
    files: ['bench/**'],
    rules: { '@typescript-eslint/no-unused-vars': ['error', { varsIgnorePattern: '^(_|sink$|s$)', argsIgnorePattern: '^_' }] },
  },
);
