import { defineConfig } from 'vitest/config'
import { TEST_STORE_KEY_HEX } from './test/helpers/test-store-key-hex'

export default defineConfig({
  test: {
    include: [
      'test/unit/**/*.test.ts',
      'test/integration/**/*.test.ts',
      'test/packaging/**/*.test.ts',
      'test/desktop/**/*.test.ts',
      'src/**/*.test.ts'
    ],
    environment: 'node',
    // Every store a test opens is encrypted with the test key, with no keychain needed (test/helpers/store-key.ts).
    env: { LOTE_STORE_KEY: TEST_STORE_KEY_HEX },
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    server: { deps: { inline: ['electron-store'] } }
  }
})
