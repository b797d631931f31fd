import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['dist', 'dist-*', 'public/mockServiceWorker.js', 'test-results', 'playwright-report', '.bench', '.treemap'] },
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
        { patterns: [{ group: ['**/mocks/**', '**/tests/**', 'msw', 'msw/*'], message: 'src/ must not import mocks, tests or MSW.' }] },
      ],
    },
  },
  {
    // Features do not import each other: shared code lives in src/lib and src/components.
    files: ['src/lib/**/*.{ts,tsx}', 'src/components/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@/features/*', '@/app/*', '**/mocks/**', 'msw'], message: 'Shared code must not import features or the app.' }] },
      ],
    },
  },
)
