// `npm run test:desktop`: the desktop app, started from out/ with the Electron binary and driven by Playwright's
// Electron driver. scripts/test-desktop.sh builds first and gives it a display.
import { defineConfig } from '@playwright/test'

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
