// History, results grid, detail drawer and export, against batches stored in the data folder: one run by
// `lote run` on the Sandbox, and one of 100,000 synthetic results written straight into the results store.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import type { Locator, Page, TestInfo } from '@playwright/test'
import { test, expect, startServe } from './fixtures'

function lote(args: string[]): string {
  return execFileSync(process.execPath, ['bin/lote.js', ...args], { encoding: 'utf8', timeout: 120_000 })
}

async function rowCount(grid: Locator): Promise<number> {
  return Number(await grid.getAttribute('aria-rowcount')) - 1
}

async function openHistory(app: Page) {
  await app.getByRole('navigation').getByRole('button', { name: 'History' }).click()
  await expect(app.getByRole('heading', { level: 1 })).toHaveText('History')
}

test('a batch run by `lote run` opens from History; filters, search, drawer and xlsx export work', async ({
  page
}, testInfo) => {
  test.setTimeout(120_000)
  // The batch is run before the app opens the folder, as when an analyst ran it from a script.
  const dataDir = mkdtempSync(join(tmpdir(), 'lote-e2e-run-'))
  const printed = lote([
    'run',
    'test/fixtures/mixed-latam.xlsx',
    '--sandbox',
    '--i-have-authorization',
    '--data-dir',
    dataDir,
    '--out',
    join(dataDir, 'cli-results.xlsx')
  ])
  expect(printed).toMatch(/Batch \S+: completed/)
  const host = await startServe(dataDir)
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  try {
    await page.goto(host.openUrl)
    await expect(page.getByTestId('active-connection')).toBeVisible()
    await historyResultsFlow(page, dataDir, testInfo)
    expect(errors, 'the page threw').toEqual([])
  } finally {
    await host.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
})

async function historyResultsFlow(app: Page, dataDir: string, testInfo: TestInfo) {
  await openHistory(app)
  const historyRow = app.getByTestId('history-row').filter({ hasText: 'mixed-latam.xlsx' })
  await expect(historyRow).toHaveCount(1)
  await expect(historyRow.getByTestId('batch-status')).toHaveText('Completed')
  await historyRow.getByRole('button', { name: 'Open', exact: true }).click()

  const grid = app.getByTestId('results-grid')
  await expect(grid.getByRole('row').nth(1)).toContainText(/\d/)
  const all = await rowCount(grid)
  expect(all).toBeGreaterThan(3)

  // Risk filter: only the rows the store rates low risk, each saying so in words.
  await app.getByRole('group', { name: 'Risk' }).getByRole('button', { name: 'Low risk' }).click()
  // While the filtered query is being answered the grid counts no rows: wait for its answer, not that pause.
  await expect
    .poll(async () => {
      const shown = await rowCount(grid)
      return shown > 0 && shown < all
    })
    .toBe(true)
  const lowRows = await rowCount(grid)
  expect(lowRows).toBeGreaterThan(0)
  const visibleRisks = await grid.locator('.vgrid-row .risk').allInnerTexts()
  expect(visibleRisks.length).toBe(lowRows)
  for (const text of visibleRisks) expect(text).toContain('Low risk')
  await app.getByRole('button', { name: 'Clear filters' }).click()
  await expect.poll(() => rowCount(grid)).toBe(all)

  // Search by the document of the first risky row (details are stored for the rows that need attention).
  const firstChecked = grid
    .locator('.vgrid-row')
    .filter({ has: app.locator('.risk-high, .risk-medium') })
    .first()
  const documentText = (await firstChecked.getByRole('gridcell').nth(3).innerText()).trim()
  const scoreText = (await firstChecked.getByRole('gridcell').nth(6).innerText()).trim()
  expect(documentText).not.toBe('')
  await app.getByTestId('results-search').fill(documentText)
  await expect.poll(() => rowCount(grid)).toBeLessThan(all)
  await expect(grid.locator('.vgrid-row').first()).toContainText(documentText)

  // The drawer of that check: scores by dataset and stored details.
  await grid.locator('.vgrid-row').first().click()
  const drawer = app.getByTestId('check-drawer')
  await expect(drawer).toBeVisible()
  await expect(drawer.getByTestId('drawer-datasets').locator('tbody tr').first()).toBeVisible()
  await expect(drawer.getByTestId('drawer-details').locator('details').first()).toBeVisible()
  const checkId = (await drawer.locator('.drawer-header .mono').innerText()).trim()
  await drawer.getByRole('button', { name: 'Close' }).click()
  await expect(drawer).toBeHidden()

  // Export xlsx and read it back: the row of that check has the score the grid shows.
  const downloading = app.waitForEvent('download')
  await app.getByRole('button', { name: 'Excel (.xlsx)' }).click()
  const download = await downloading
  const saved = join(dataDir, 'exported.xlsx')
  await download.saveAs(saved)
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.readFile(saved)
  const sheet = workbook.worksheets[0]
  const headers = (sheet.getRow(1).values as unknown[]).map((v) => String(v ?? ''))
  const checkColumn = headers.indexOf('Check ID')
  const scoreColumn = headers.indexOf('Score')
  expect(checkColumn).toBeGreaterThan(0)
  let exportedScore: number | undefined
  sheet.eachRow((row) => {
    if (String(row.getCell(checkColumn).value) === checkId)
      exportedScore = Number(row.getCell(scoreColumn).value)
  })
  expect(exportedScore, `row of ${checkId} in the export`).toBeDefined()
  expect(exportedScore!.toFixed(2)).toBe(scoreText)
  testInfo.annotations.push({
    type: 'export',
    description: `${checkId}: score ${scoreText} in grid and xlsx`
  })
}

test('100,000 stored results: first rows within 2 s, and the end is reachable', async ({
  app,
  host
}, testInfo) => {
  test.setTimeout(240_000)
  // Seeded into the running host's data folder; the batch is already finished when it appears.
  execFileSync(process.execPath, ['--import', 'tsx', 'test/e2e/seed-results.ts', host.dataDir, '100000'], {
    encoding: 'utf8',
    timeout: 200_000
  })

  await openHistory(app)
  const historyRow = app.getByTestId('history-row').filter({ hasText: 'Nómina 100000' })
  await expect(historyRow).toHaveCount(1)

  const started = await app.evaluate(() => performance.now())
  await historyRow.getByRole('button', { name: 'Open', exact: true }).click()
  const grid = app.getByTestId('results-grid')
  await expect(grid.locator('.vgrid-row').first()).toContainText('Persona 1', { timeout: 10_000 })
  const firstRowMs = (await app.evaluate(() => performance.now())) - started
  console.log(`100,000 rows: first rows visible ${firstRowMs.toFixed(0)} ms after opening`)
  testInfo.annotations.push({ type: 'first-rows-ms', description: firstRowMs.toFixed(0) })
  expect(firstRowMs).toBeLessThan(2000)
  expect(await rowCount(grid)).toBe(100_000)

  // Only the rows on screen are in the DOM.
  expect(await grid.locator('.vgrid-row').count()).toBeLessThan(100)

  // Keyboard: End goes to the last row, which loads and shows its data.
  await grid.focus()
  const endStarted = await app.evaluate(() => performance.now())
  await app.keyboard.press('End')
  const last = grid.locator('[aria-rowindex="100001"]')
  await expect(last).toContainText('Persona 100000')
  const endMs = (await app.evaluate(() => performance.now())) - endStarted
  await expect(last).toHaveAttribute('aria-selected', 'true')
  console.log(`100,000 rows: last row visible ${endMs.toFixed(0)} ms after End`)
  testInfo.annotations.push({ type: 'last-row-ms', description: endMs.toFixed(0) })

  // And back with Home and a few pages down.
  await app.keyboard.press('Home')
  await expect(grid.locator('[aria-rowindex="2"]')).toContainText('Persona 1')
  await app.keyboard.press('PageDown')
  await app.keyboard.press('ArrowDown')
  await expect(grid.locator('.vgrid-row.is-focused')).toBeVisible()

  // Scrolling with the wheel/scrollbar to the bottom reaches the end as well.
  await grid.evaluate((element) => element.scrollTo({ top: element.scrollHeight }))
  await expect(grid.locator('[aria-rowindex="100001"]')).toContainText('Persona 100000')

  // Sorting by score across all 100,000 rows puts the lowest first.
  await grid.getByRole('button', { name: /^Score/ }).click()
  await expect(grid.locator('[aria-rowindex="2"]').getByRole('gridcell').nth(6)).toHaveText('0.00')
})
