// ESLint flat config for loopscope.
//
// Besides style/safety rules, this file enforces the project's folder boundaries
// as real lint errors:
//   - src/engine/**     pure, deterministic simulation engine: no UI libraries, no app
//                       code, no wall clock, no timers, no ambient randomness, no host
//                       globals (integer simulated time + a seeded generator only).
//   - src/scenarios/**, src/formats/**  plain data/serialisation: no UI libraries, no app code.
//   - app/**            d3 only in app/**/d3/**, **/scales.ts and **/panZoom.ts.
//
// Note: in flat config a rule configured in a later object *replaces* the options of
// the same rule from an earlier object, so each boundary block below states its full
// option list rather than adding to another one.
import js from '@eslint/js'
import { defineConfig } from 'eslint/config'
import prettier from 'eslint-config-prettier'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

const TS = '**/*.{ts,tsx,mts,cts}'
const TEST_FILES = ['**/*.test.{ts,tsx}', '**/*.spec.{ts,tsx}']

/** Import bans shared by every "pure" layer (engine, scenarios, formats). */
const pureLayerImportPatterns = [
  {
    group: ['react', 'react/*', 'react-dom', 'react-dom/*'],
    message:
      'This layer is UI-free: it must not import React. Only app/** renders; it consumes this layer, never the other way round.',
  },
  {
    group: ['zustand', 'zustand/*'],
    message:
      'This layer is UI-free: it must not import zustand. Application state lives in app/**; the engine exposes plain functions and data.',
  },
  {
    group: ['d3', 'd3/*', 'd3-*'],
    message:
      'This layer is UI-free: it must not import d3. Scales, zoom and drawing belong to app/**.',
  },
  {
    group: ['**/app', '**/app/**', '../../app*'],
    message:
      'This layer must not depend on app/**: the dependency points app -> src, never src -> app (the CLI runs the engine without any UI).',
  },
]

const ENGINE_DETERMINISM =
  'The engine is pure and deterministic: time is an integer simulated clock passed in by the caller, randomness comes from the seeded generator (src/engine/kernel/rng), and it never touches the host environment.'

const engineRestrictedGlobals = [
  { name: 'Date', message: `No wall-clock time in the engine. ${ENGINE_DETERMINISM}` },
  { name: 'setTimeout', message: `No timers in the engine. ${ENGINE_DETERMINISM}` },
  { name: 'setInterval', message: `No timers in the engine. ${ENGINE_DETERMINISM}` },
  { name: 'setImmediate', message: `No timers in the engine. ${ENGINE_DETERMINISM}` },
  { name: 'clearTimeout', message: `No timers in the engine. ${ENGINE_DETERMINISM}` },
  { name: 'clearInterval', message: `No timers in the engine. ${ENGINE_DETERMINISM}` },
  {
    name: 'queueMicrotask',
    message: `No host scheduling in the engine; order work through the engine's own event queue. ${ENGINE_DETERMINISM}`,
  },
  {
    name: 'requestAnimationFrame',
    message: `No frame scheduling in the engine; animation is the app's job. ${ENGINE_DETERMINISM}`,
  },
  { name: 'performance', message: `No host clocks in the engine. ${ENGINE_DETERMINISM}` },
  {
    name: 'window',
    message: `No browser globals in the engine (it also runs headless). ${ENGINE_DETERMINISM}`,
  },
  {
    name: 'document',
    message: `No DOM in the engine (it also runs headless). ${ENGINE_DETERMINISM}`,
  },
  { name: 'navigator', message: `No browser globals in the engine. ${ENGINE_DETERMINISM}` },
  {
    name: 'process',
    message: `No Node globals in the engine (it also runs in the browser). ${ENGINE_DETERMINISM}`,
  },
  {
    name: 'crypto',
    message: `No host randomness in the engine; use the seeded generator. ${ENGINE_DETERMINISM}`,
  },
]

const engineRestrictedProperties = [
  {
    object: 'Math',
    property: 'random',
    message: `Math.random is unseeded; use the engine's seeded generator (tests too). ${ENGINE_DETERMINISM}`,
  },
  {
    object: 'Date',
    property: 'now',
    message: `No wall-clock time in the engine. ${ENGINE_DETERMINISM}`,
  },
  {
    object: 'performance',
    property: 'now',
    message: `No host clocks in the engine. ${ENGINE_DETERMINISM}`,
  },
]

export default defineConfig(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'playwright-report/**',
      'test-results/**',
      'coverage/**',
      '.vite/**',
    ],
  },

  js.configs.recommended,
  tseslint.configs.recommended,

  // Project-wide rules.
  {
    files: ['**/*.{js,mjs,cjs,ts,tsx,mts,cts}'],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      eqeqeq: ['error', 'always'],
      'no-console': 'error',
    },
  },
  {
    files: [TS],
    rules: {
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { prefer: 'type-imports', fixStyle: 'inline-type-imports' },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },

  // The browser app.
  {
    files: ['app/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    ...reactHooks.configs.flat['recommended-latest'],
  },
  {
    // d3 is confined to a few files so rendering code stays declarative React.
    files: ['app/**/*.{ts,tsx}'],
    ignores: ['app/**/d3/**', 'app/**/scales.ts', 'app/**/panZoom.ts', ...TEST_FILES],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['d3', 'd3/*', 'd3-*'],
              message:
                'd3 may only be imported in app/**/d3/**, **/scales.ts or **/panZoom.ts; everything else renders with React.',
            },
          ],
        },
      ],
    },
  },

  // Pure layers: engine, scenarios, formats, conformance, share links, practice problems.
  {
    files: ['src/engine/**', 'src/scenarios/**', 'src/formats/**', 'src/conformance/**', 'src/share/**', 'src/practice/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: pureLayerImportPatterns }],
    },
  },
  {
    // Practice problems are a pure function of their seed, forever: the engine's bans apply.
    files: ['src/engine/**', 'src/practice/**'],
    rules: {
      'no-restricted-globals': ['error', ...engineRestrictedGlobals],
      'no-restricted-properties': ['error', ...engineRestrictedProperties],
    },
  },

  // Command line and scripts print to the terminal.
  {
    files: ['src/cli/**', 'scripts/**'],
    rules: { 'no-console': 'off' },
  },

  // Tests may use anything (console, timers, d3 ...), except that engine tests keep the
  // engine's import bans and must stay seeded: Math.random / Date.now / performance.now
  // are still errors in src/engine/**/*.test.ts.
  {
    files: TEST_FILES,
    rules: {
      'no-console': 'off',
      'no-restricted-globals': 'off',
    },
  },
  {
    files: ['src/engine/**/*.test.{ts,tsx}', 'src/practice/**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-properties': ['error', ...engineRestrictedProperties],
    },
  },

  // Must stay last: turns off rules that conflict with Prettier.
  prettier,
)
