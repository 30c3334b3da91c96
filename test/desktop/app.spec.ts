// The desktop app itself, where the Electron binary is installed: an analyst drops a spreadsheet, runs it on
// the Sandbox and exports the results, in the Electron window with the real preload and IPC.
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import ExcelJS from 'exceljs'
import { electronBinary, MISSING_ELECTRON_REASON } from '../../scripts/electron-binary.mjs'

const binary = electronBinary()

test.skip(!binary, MISSING_ELECTRON_REASON)

let app: ElectronApplication
let dataDir: string
let outDir: string

test.beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'lote-desktop-'))
  outDir = mkdtempSync(join(tmpdir(), 'lote-desktop-out-'))
  app = await electron.launch({
    executablePath: binary!,
    // Chromium refuses to start as root with its OS sandbox (CI machines run as root). The window's own
    // options (sandbox, context isolation) are the app's and unchanged.
    args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), resolve('.')],
    env: { ...process.env, LOTE_DATA_DIR: dataDir, LANG: 'en_US.UTF-8', ELECTRON_RENDERER_URL: '' }
  })
})

test.afterEach(async () => {
  await app?.close()
  rmSync(dataDir, { recursive: true, force: true })
  rmSync(outDir, { recursive: true, force: true })
})

test('from a dropped spreadsheet to exported results on the Sandbox', async () => {
  const page = await app.firstWindow()
  await expect(page.getByTestId('active-connection')).toBeVisible()
  // The window runs our own page with the bridge, and nothing of Node.
  expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined')
  expect(
    await page.evaluate(() => typeof (globalThis as { api?: { app?: { info?: unknown } } }).api?.app?.info)
  ).toBe('function')

  await page
    .getByRole('navigation')
    .getByRole('button', { name: /Preferencias|Settings/ })
    .click()
  await page.getByLabel(/Idioma|Language/).selectOption('en')

  await page.getByRole('navigation').getByRole('button', { name: 'Start' }).click()
  // Dropped files reach the main process by their path (webUtils.getPathForFile in the preload).
  await page.getByTestId('file-input').setInputFiles(resolve('test/fixtures/candidatos-co.xlsx'))
  await expect(page.getByTestId('sheet-preview')).toContainText('Cédula')
  await page.getByRole('button', { name: 'Continue' }).click()
  await page.getByRole('button', { name: 'Continue' }).click()
  await expect(page.getByTestId('mapping-table')).toBeVisible()
  await page.getByRole('button', { name: 'Continue' }).click()
  await expect(page.getByTestId('import-counts')).toBeVisible()
  await page.getByRole('button', { name: 'Exclude rows with errors' }).click()
  await expect(page.getByTestId('import-counts')).toContainText('0 with errors')
  await page.getByRole('button', { name: 'Continue' }).click()
  await page.getByRole('button', { name: 'Continue' }).click()
  await page.getByLabel(/I confirm that every person/).check()
  await page.getByRole('button', { name: /^Run / }).click()
  await expect(page.getByTestId('batch-status')).toHaveText('Completed', { timeout: 120_000 })

  await page.getByRole('button', { name: 'View results' }).click()
  await expect(page.getByTestId('results-grid').locator('.vgrid-row').first()).toBeVisible()

  // The export goes through the system's save dialog, answered here with a path of the test's.
  const target = join(outDir, 'results.xlsx')
  await app.evaluate(({ dialog }, path) => {
    dialog.showSaveDialog = (async () => ({
      canceled: false,
      filePath: path
    })) as typeof dialog.showSaveDialog
  }, target)
  await page.getByRole('button', { name: 'Excel (.xlsx)' }).click()
  await expect
    .poll(async () => {
      const workbook = new ExcelJS.Workbook()
      try {
        await workbook.xlsx.readFile(target)
      } catch {
        return 0
      }
      return workbook.worksheets[0].rowCount
    })
    .toBeGreaterThan(1)
})
