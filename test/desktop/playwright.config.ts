// `npm run test:desktop`: the desktop app, started from out/ with the Electron binary and driven by Playwright's
// Electron driver. scripts/test-desktop.sh builds first and gives it a display.
import { defineConfig } from '@playwright/test'
import { TEST_STORE_KEY_HEX } from '../helpers/test-store-key-hex'

// The hosts and apps the tests start open their encrypted store with the test key (test/helpers/store-key.ts).
process.env.LOTE_STORE_KEY ??= TEST_STORE_KEY_HEX

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  timeout: 180_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  outputDir: '../../test-results/desktop'
})
