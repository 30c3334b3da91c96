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

/**
 * Which way imports go inside the backend: a folder of src/main does not import the folders built on it, so no
 * two import each other (the store never imports the engines that write through it, for one). Only the
 * renderer's translations are shared with the backend (the exports speak the analyst's language).
 */
const backendLayers = {
  store: ['batch', 'app', 'connections', 'ipc', 'host', 'export', 'sheets', 'sandbox'],
  truora: ['store', 'batch', 'app', 'connections', 'ipc', 'host', 'export', 'sheets', 'sandbox'],
  sandbox: ['store', 'batch', 'app', 'connections', 'ipc', 'host', 'export', 'sheets'],
  sheets: ['store', 'batch', 'app', 'connections', 'ipc', 'host', 'export', 'truora', 'sandbox'],
  connections: ['batch', 'app', 'ipc', 'host', 'export', 'sheets'],
  batch: ['app', 'ipc', 'host', 'export', 'sheets', 'sandbox'],
  export: ['batch', 'app', 'ipc', 'host', 'connections', 'sheets', 'sandbox'],
  app: ['ipc', 'host']
}
const backendRules = Object.entries(backendLayers).map(([folder, above]) => ({
  files: [`src/main/${folder}/**/*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        paths: [electronOnlyInShell],
        patterns: [
          {
            // A path that climbs out of this folder into one built on it: '../batch/service', '../../app'.
            regex: `^(\\.\\./)+(${above.join('|')})(/|$)`,
            message: `src/main/${folder} does not import src/main/{${above.join(',')}}: they are built on it.`
          },
          {
            regex: '(^|/)(cli|preload)(/|$)|/renderer/src/(?!i18n/locales/)',
            message:
              'The backend imports nothing from the command, the preload or the renderer (but its translations).'
          }
        ]
      }
    ]
  }
}))

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
  },
  ...backendRules
)
