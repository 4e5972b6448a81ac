import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'tests/e2e/artifacts'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'svelte/no-at-html-tags': 'error',
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
    languageOptions: {
      parserOptions: {
        projectService: true,
        extraFileExtensions: ['.svelte'],
        parser: ts.parser,
        svelteConfig,
      },
    },
  },
  {
    // Domain code is pure: no DOM, no Svelte, no fetch, no storage (see DESIGN.md). That is every
    // .ts file of src/lib except I/O (io/), rune bridges (*.svelte.ts) and machines (*.machine.ts).
    files: ['src/lib/**/*.ts'],
    ignores: ['src/lib/**/io/**', 'src/lib/**/*.svelte.ts', 'src/lib/**/*.machine.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['svelte', 'svelte/*'], message: 'domain code must not depend on Svelte' },
            { group: ['xstate'], message: 'domain code must not depend on machines' },
            {
              group: ['**/io/**', '**/*.machine', '**/*.svelte', '**/*.svelte.ts', '**/ui/**'],
              message: 'domain is the bottom layer',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        'fetch',
        'window',
        'document',
        'localStorage',
        'sessionStorage',
        'navigator',
        'crypto',
      ],
    },
  },
  {
    // Components stay thin: I/O goes through a feature's io/ or a machine's named actors.
    files: ['src/**/*.svelte'],
    rules: {
      'no-restricted-globals': ['error', 'fetch', 'localStorage', 'sessionStorage'],
    },
  },
);
