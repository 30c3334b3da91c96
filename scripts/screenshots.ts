// Regenerates docs/screenshots/*.png from the real app: starts `lote serve` on a fresh data folder, opens it
// in Chromium and photographs each screen. Run with `npm run screenshots`.
import { chromium, type Page } from '@playwright/test'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startServe } from '../test/e2e/fixtures'

const OUT = 'docs/screenshots'

type Step = { name: string; go: (page: Page) => Promise<void> }

const nav = (label: RegExp) => async (page: Page) => {
  await page.getByRole('navigation').getByRole('button', { name: label }).click()
  await page.waitForLoadState('networkidle')
}

const steps: Step[] = [
  { name: 'start', go: nav(/^Start$/) },
  { name: 'custom-types', go: nav(/Custom types/) },
  { name: 'account', go: nav(/Account/) },
  { name: 'connections', go: nav(/Connections/) },
  { name: 'settings', go: nav(/Settings/) }
]

async function main() {
  mkdirSync(OUT, { recursive: true })
  const dataDir = mkdtempSync(join(tmpdir(), 'lote-shots-'))
  const host = await startServe(dataDir, { LANG: 'en_US.UTF-8' })
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run'
    ]
  })
  try {
    const page = await browser.newPage({ viewport: { width: 1360, height: 860 } })
    await page.goto(host.openUrl)
    await page.getByTestId('active-connection').waitFor()
    const only = process.argv.slice(2)
    for (const step of steps) {
      if (only.length && !only.includes(step.name)) continue
      await step.go(page)
      await page.screenshot({ path: join(OUT, `${step.name}.png`) })
      console.log(`${OUT}/${step.name}.png`)
    }
  } finally {
    await browser.close()
    await host.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

await main()
