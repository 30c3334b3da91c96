// Regenerates docs/screenshots/*.png from the real app: starts `lote serve` on a fresh data folder, opens it
// in Chromium in Spanish (the language most analysts use it in), runs a sample batch through the wizard on the
// Sandbox and photographs each screen. Run with `npm run screenshots`.
import { chromium, type Page } from '@playwright/test'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startServe } from '../test/e2e/fixtures'
import { chromiumLaunchOptions } from '../test/e2e/chromium'

const OUT = 'docs/screenshots'

async function shot(page: Page, name: string) {
  await page.waitForLoadState('networkidle')
  await page.screenshot({ path: join(OUT, `${name}.png`) })
  console.log(`${OUT}/${name}.png`)
}

const nav = (page: Page, label: RegExp) =>
  page.getByRole('navigation').getByRole('button', { name: label }).click()

async function main() {
  mkdirSync(OUT, { recursive: true })
  const dataDir = mkdtempSync(join(tmpdir(), 'lote-shots-'))
  const host = await startServe(dataDir, { LANG: 'es_CO.UTF-8' })
  const browser = await chromium.launch(chromiumLaunchOptions)
  try {
    const page = await browser.newPage({ viewport: { width: 1360, height: 860 }, locale: 'es-CO' })
    await page.goto(host.openUrl)
    await page.getByTestId('active-connection').waitFor()
    await nav(page, /^Preferencias$/)
    await page.getByLabel('Idioma').selectOption('es')
    await nav(page, /^Inicio$/)
    await shot(page, 'start')

    await page.getByTestId('file-input').setInputFiles('test/fixtures/candidatos-co.xlsx')
    // A sheet of instructions before the data: the sheet step stops to show which one Lote took.
    await page.getByTestId('sheet-preview').waitFor()
    await shot(page, 'wizard-sheet')
    await page.getByRole('button', { name: 'Continuar' }).click()
    await page.getByRole('button', { name: 'Continuar' }).click()
    await page.getByTestId('mapping-table').waitFor()
    await shot(page, 'wizard-mapping')
    await page.getByRole('button', { name: 'Continuar' }).click()
    await page.getByTestId('import-counts').waitFor()
    await shot(page, 'wizard-review')
    await page.getByRole('button', { name: /^Excluir las \d+ filas con errores$/ }).click()
    await page.getByTestId('import-counts').getByText('0 con errores (no se envían)').waitFor()
    await page.getByRole('button', { name: 'Continuar' }).click()
    await page.getByTestId('advanced-options').waitFor()
    await shot(page, 'wizard-options')
    await page.getByRole('button', { name: 'Continuar' }).click()
    await page.getByTestId('checks-to-create').waitFor()
    await page.getByLabel(/Confirmo que cada persona/).check()
    await shot(page, 'wizard-confirm')
    await page.getByRole('button', { name: /^Ejecutar / }).click()
    await page.getByTestId('batch-status').getByText('Completado').waitFor({ timeout: 120_000 })
    await shot(page, 'monitor')
    await page.getByRole('button', { name: 'Ver resultados' }).click()
    await page.getByTestId('results-grid').locator('.vgrid-row').first().waitFor()
    await shot(page, 'results')
    await page.getByTestId('results-grid').locator('.vgrid-row').first().click()
    await page.getByTestId('check-drawer').waitFor()
    await shot(page, 'check-drawer')
    await page.getByTestId('check-drawer').getByRole('button', { name: 'Cerrar' }).click()

    for (const [name, label] of [
      ['history', /^Historial$/],
      ['custom-types', /Tipos personalizados/],
      ['account', /^Cuenta$/],
      ['connections', /^Conexiones$/],
      ['settings', /^Preferencias$/]
    ] as const) {
      await nav(page, label)
      await shot(page, name)
    }
  } finally {
    await browser.close()
    await host.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

await main()
