import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'

const electronOnlyInShell = {
  name: 'electron',
  message: 'Only src/main/index.ts, src/main/electron/ and src/preload/ may import electron.'
}

/** Which way imports go: shared is imported by both sides and imports neither; the renderer imports only shared. */
const layers = {
  shared: {
    group: ['**/main/**', '**/renderer/**', '**/preload/**', '**/cli/**', 'node:*', 'electron'],
    message:
      'src/shared is imported by the backend and the renderer alike: it imports nothing from either side.'
  },
  renderer: {
    group: ['**/main/**', '**/preload/**', '**/cli/**', 'node:*', 'electron'],
    message:
      'The renderer imports only src/shared (and its own files); it reaches the backend through lib/api.ts.'
  }
}

export default tseslint.config(
  {
    ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.bench/**']
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { paths: [electronOnlyInShell] }]
    }
  },
  {
    // The desktop shell's tests stand in for electron, so they speak its types.
    files: ['src/main/index.ts', 'src/main/electron/**', 'src/preload/**', 'test/desktop/**'],
    rules: { 'no-restricted-imports': 'off' }
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [layers.shared] }] }
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { patterns: [layers.renderer] }],
      'no-restricted-globals': ['error', { name: 'api', message: 'Use src/renderer/src/lib/api.ts.' }]
    }
  }
)
