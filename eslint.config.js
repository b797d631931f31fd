import { readdirSync } from 'node:fs'
import js from '@eslint/js'
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript'
import { importX } from 'eslint-plugin-import-x'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

/** Every folder of src/features is a feature: a new one is fenced in without editing this file. */
const features = readdirSync(`${import.meta.dirname}/src/features`, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)

export default tseslint.config(
  {
    ignores: [
      'dist',
      'dist-*',
      'public/mockServiceWorker.js',
      'test-results',
      'playwright-report',
      '.bench',
      '.treemap',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The app never reaches into the simulated backend or the tests: only main.tsx's guarded
    // dynamic import (dropped from production builds) and the dev-only module may.
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/main.tsx', 'src/dev/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/mocks/**', '**/tests/**', 'msw', 'msw/*'],
              message: 'src/ must not import mocks, tests or MSW.',
            },
          ],
        },
      ],
    },
  },
  {
    // The house's seams, as bulletproof-react draws them: a feature imports only itself and the
    // shared layers; the billing domain (src/billing: what several pages share) imports only the
    // shared layers; the shared layers (src/lib, src/components, src/config) import no feature, no
    // domain and not the app. No import cycles anywhere in src.
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: {
      'import-x/no-cycle': 'error',
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            ...features.map((feature) => ({
              target: `./src/features/${feature}`,
              from: './src/features',
              except: [`./${feature}`],
              message: 'Features do not import each other: move what several pages share to src/billing or src/lib.',
            })),
            {
              target: ['./src/features', './src/billing'],
              from: './src/app',
              message: 'Only the app imports the app.',
            },
            {
              target: './src/billing',
              from: './src/features',
              message: 'The billing domain does not import features.',
            },
            {
              target: ['./src/lib', './src/components', './src/config'],
              from: ['./src/features', './src/billing', './src/app'],
              message: 'Shared code must not import features, the billing domain or the app.',
            },
          ],
        },
      ],
    },
  },
  {
    // One function talks to the network (src/lib/api/request.ts): time-outs, the breakers, the
    // account header and the contract's validation apply to every call because there is no other.
    // The dev-only hosted payment page stands for a third party's page and has its own.
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/lib/api/request.ts', 'src/dev/**'],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'fetch', message: 'Call the API through callApi (src/lib/api/request.ts).' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'window', property: 'fetch', message: 'Call the API through callApi (src/lib/api/request.ts).' },
        { object: 'globalThis', property: 'fetch', message: 'Call the API through callApi (src/lib/api/request.ts).' },
        { object: 'self', property: 'fetch', message: 'Call the API through callApi (src/lib/api/request.ts).' },
      ],
    },
  },
)
