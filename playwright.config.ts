import { defineConfig } from '@playwright/test'
import { TEST_STORE_KEY_HEX } from './test/helpers/test-store-key-hex'

// The hosts and apps the tests start open their encrypted store with the test key (test/helpers/store-key.ts).
process.env.LOTE_STORE_KEY ??= TEST_STORE_KEY_HEX
import { chromiumLaunchOptions } from './test/e2e/chromium'

export default defineConfig({
  testDir: 'test/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  outputDir: 'test-results/e2e',
  use: {
    browserName: 'chromium',
    viewport: { width: 1360, height: 860 },
    trace: 'retain-on-failure',
    launchOptions: chromiumLaunchOptions
  }
})
