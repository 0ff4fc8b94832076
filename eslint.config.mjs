// ESLint (flat config) for the project's own JavaScript: scripts/lint.sh runs it. The rules are the
// ones that catch bugs (an undefined name, an unused variable, a comparison that is always true, ...),
// not formatting. Globals follow where each file runs: web/*.js (and the benchmark's bench/hello/*.js)
// are classic scripts in a page, web/*.mjs and the npm package's entry (packages/) run in pages and
// in node, the tests and benchmarks run in node and hand functions to the page (playwright's
// page.evaluate), so those see the browser's globals too.
import js from '@eslint/js';
import globals from 'globals';

export default [
  { ignores: ['build/**', 'node_modules/**', 'third_party/**'] },
  js.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2024, sourceType: 'module' },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      'no-unused-vars': ['error', { args: 'after-used', caughtErrors: 'none' }],
      'array-callback-return': 'error',
      'no-self-compare': 'error',
      'no-template-curly-in-string': 'error',
      'no-unmodified-loop-condition': 'error',
      'no-unreachable-loop': 'error',
      'no-use-before-define': ['error', { functions: false, classes: false, variables: true }],
      'eqeqeq': ['error', 'smart'],
    },
  },
  {
    files: ['web/**/*.js'],
    languageOptions: { sourceType: 'script', globals: { ...globals.browser } },
    rules: { 'no-implicit-globals': 'error' },
  },
  {
    files: ['bench/hello/*.js'],  // the hello page's glue (a benchmark fixture): a classic script too
    languageOptions: { sourceType: 'script', globals: { ...globals.browser } },
    rules: { 'no-implicit-globals': 'error' },
  },
  {
    files: ['web/**/*.mjs', 'packages/**/*.mjs'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
  },
  {
    files: ['tests/**/*.mjs', 'bench/**/*.mjs', 'scripts/**/*.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
];
