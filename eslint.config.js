import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/**
 * Besides the usual checks, these rules keep the layout's boundaries (README, Architecture):
 * which folders may import which is enforced here, and tests/unit/lint-boundaries.test.ts proves
 * each rule rejects a file that crosses it.
 */

/** Browser I/O that pure code must not touch. */
const BROWSER_GLOBALS = [
  'fetch',
  'window',
  'document',
  'localStorage',
  'sessionStorage',
  'navigator',
  'crypto',
];

const restrict = (...patterns) => ['error', { patterns }];

/** What pure code may not import. Folders with rules of their own repeat these (a later rule replaces an earlier one). */
const PURE = [
  { group: ['svelte', 'svelte/*'], message: 'domain code must not depend on Svelte' },
  { group: ['xstate'], message: 'domain code must not depend on machines' },
  {
    group: ['**/io/**', '**/*.machine', '**/*.svelte', '**/*.svelte.ts', '**/ui/**'],
    message: 'domain code is pure: no I/O, machines, rune bridges or components',
  },
];

const FEATURES = ['assessment', 'checklist', 'blocklists', 'report', 'session'];

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
    ignores: [
      'src/lib/**/io/**',
      'src/lib/**/ui/**',
      'src/lib/**/*.svelte.ts',
      'src/lib/**/*.machine.ts',
    ],
    languageOptions: { globals: {} },
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict(...PURE),
      'no-restricted-globals': ['error', ...BROWSER_GLOBALS],
    },
  },
  {
    // The foundations depend on no feature: model/ (what a document stores) imports only
    // shared/ and net/; shared/ and net/ import nothing but each other.
    files: ['src/lib/model/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict(...PURE, {
        group: [...FEATURES, 'content'].map((folder) => `**/${folder}/**`),
        message: 'model/ is a foundation: it imports no feature or content',
      }),
    },
  },
  {
    files: ['src/lib/shared/**/*.ts', 'src/lib/net/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict(...PURE, {
        group: [...FEATURES, 'content', 'model'].map((folder) => `**/${folder}/**`),
        message: 'shared/ and net/ are the foundations: they import nothing but each other',
      }),
    },
  },
  {
    // Content is data checked against the model: it must not reach into the features.
    files: ['src/lib/content/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict(...PURE, {
        group: ['../*', '!../model', '!../model/*', '!../shared', '!../shared/*'],
        message: 'content/ may import only model/ (and shared/ helpers)',
      }),
    },
  },
  {
    // Components stay thin: they never drive a machine themselves (a controller does) and reach
    // I/O only through a controller or callbacks; types from io/ describe data and may be used.
    files: ['src/**/ui/**', 'src/App.svelte'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict(
        { group: ['**/*.machine'], message: 'ui/ never imports a machine: use the controller' },
        {
          group: ['**/io/**'],
          allowTypeImports: true,
          message: 'ui/ does no I/O: take a callback or a controller (types from io/ are fine)',
        },
      ),
      'no-restricted-globals': ['error', 'fetch', 'localStorage', 'sessionStorage'],
    },
  },
  {
    // App.svelte composes the app from the real I/O: it is the one component that may.
    files: ['src/App.svelte'],
    rules: { '@typescript-eslint/no-restricted-imports': 'off' },
  },
  {
    // zod is configured (jitless: no `new Function` probe that the CSP would report) in one
    // module, before any schema exists; everything else, the tests and scripts too, takes `z`
    // from there. Types may come from 'zod' itself: a type import runs nothing.
    files: ['src/**/*.ts', 'src/**/*.svelte', 'tests/**/*.ts', 'scripts/**/*.{ts,js,mjs}'],
    ignores: ['src/lib/shared/zod.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportDeclaration[importKind!='type'][source.value=/^zod($|\\u002F)/]",
          message: "import z from src/lib/shared/zod.ts (zod configured jitless), not from 'zod'",
        },
      ],
    },
  },
);
