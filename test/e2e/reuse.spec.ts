// Never paying twice, from the analyst's side: contract prices typed in Settings, the cost of a batch at the
// confirm step, a re-check of a finished batch and what changed (the Sandbox's `66` ending: clean the first
// time, a criminal record after), all checks of a person from the drawer, and earlier results offered at the
// review — reused for some rows, checked again for another.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import type { Page } from '@playwright/test'
import { test, expect, toEnglish } from './fixtures'

const CLEAN = '1010101000'
const LATER = '1010101066'

/** Three rows, one repeating the first one's cédula written with dots. */
async function staffFile(dir: string): Promise<string> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('Personal')
  sheet.addRow(['Cédula', 'Nombres', 'Apellidos'])
  sheet.addRow([CLEAN, 'María José', 'Gómez'])
  sheet.addRow([LATER, 'Juan Carlos', 'Pérez'])
  sheet.addRow(['1.010.101.000', 'María José', 'Gómez'])
  const file = join(dir, 'personal.xlsx')
  await workbook.xlsx.writeFile(file)
  return file
}

async function toReview(app: Page, file: string) {
  await app.getByRole('navigation').getByRole('button', { name: 'Start' }).click()
  await app.getByTestId('file-input').setInputFiles(file)
  await expect(app.getByTestId('sheet-passed')).toContainText('Sheet “Personal”')
  await app.getByRole('button', { name: 'Continue' }).click()
  await expect(app.getByTestId('mapping-table').getByLabel('Truora input: Cédula')).toHaveValue('national_id')
  await app.getByRole('button', { name: 'Continue' }).click()
  await expectCounts(app)
}

/** Two rows ready; the repeated cédula is sent too, with a warning that it shares the first one's check. */
async function expectCounts(app: Page) {
  await expect(app.getByTestId('import-counts')).toContainText('2 ready')
  await expect(app.getByTestId('import-counts')).toContainText('1 with warnings')
}

/** From the review through the options to the confirm step. */
async function toConfirm(app: Page) {
  await app.getByRole('button', { name: 'Continue' }).click()
  await app.getByRole('button', { name: 'Continue' }).click()
  await expect(app.getByTestId('cost-panel')).toBeVisible()
}

async function runAndOpenResults(app: Page, button: string) {
  await app.getByLabel(/I confirm that every person/).check()
  await app.getByRole('button', { name: button }).click()
  await expect(app.getByTestId('batch-status')).toHaveText('Completed', { timeout: 60_000 })
  await app.getByRole('button', { name: 'View results' }).click()
}

function gridRow(app: Page, text: string) {
  return app.getByTestId('results-grid').locator('.vgrid-row').filter({ hasText: text })
}

test('prices, cost at confirm, a re-check with what changed, a person’s checks, and reuse at the review', async ({
  app
}) => {
  test.setTimeout(240_000)
  const dir = mkdtempSync(join(tmpdir(), 'lote-reuse-'))
  try {
    await toEnglish(app)
    // The contract's price of a Colombian person check, in pesos.
    await app.getByLabel('Currency').fill('COP')
    await app.getByRole('button', { name: 'Add a price' }).click()
    await app.getByLabel('Price 1').fill('9900')
    await app.getByRole('button', { name: 'Save prices and reuse' }).click()
    await expect(app.getByText('Prices and reuse window saved.')).toBeVisible()

    // First batch: nothing to reuse; the repeated cédula shares one check; two new checks at 9,900 each.
    const file = await staffFile(dir)
    await toReview(app, file)
    await expect(app.getByTestId('reuse-summary')).toContainText('No row has a recent check')
    await toConfirm(app)
    await expect(app.getByTestId('checks-to-create')).toHaveText('2 checks will be created.')
    await expect(app.getByTestId('cost-line')).toContainText(['Colombia · Person'])
    await expect(app.getByTestId('cost-line')).toContainText(['9,900'])
    await expect(app.getByTestId('cost-grouped')).toHaveText(
      '1 row repeats a document of this file and shares its check.'
    )
    await expect(app.getByTestId('cost-total')).toContainText('19,800')
    await runAndOpenResults(app, 'Run 2 checks')
    await expect(app.getByTestId('results-grid')).toHaveAttribute('aria-rowcount', '4')
    // Sorted by row: 2, 3, then 4, the repeated cédula.
    await expect(app.getByTestId('results-grid').locator('.vgrid-row').nth(2)).toContainText(
      'Shares the check of row 2'
    )
    await expect(gridRow(app, LATER)).toContainText('First check')

    // Check everyone again: a new draft with reuse off and new checks forced, then what changed.
    await app.getByRole('button', { name: 'Everyone in this batch' }).click()
    await expectCounts(app)
    await expect(app.getByTestId('reuse-panel')).toContainText('Reuse is off for this batch')
    await app.getByRole('button', { name: 'Continue' }).click()
    await expect(app.getByLabel(/Always create new checks/)).toBeChecked()
    await app.getByRole('button', { name: 'Continue' }).click()
    await expect(app.getByTestId('checks-to-create')).toHaveText('2 checks will be created.')
    await runAndOpenResults(app, 'Run 2 checks')
    await expect(gridRow(app, LATER)).toContainText('Criminal record: newly found')
    await expect(gridRow(app, LATER)).toContainText('Risk Low risk → High risk')
    await expect(gridRow(app, CLEAN).first()).toContainText('No change')
    await app.getByTestId('filter-changed').check()
    await expect(app.getByTestId('results-grid')).toHaveAttribute('aria-rowcount', '2')
    await expect(app.getByTestId('results-grid').locator('.vgrid-row')).toContainText([LATER])
    await app.getByTestId('filter-changed').uncheck()

    // All checks of this person, newest first, and the two compared.
    await gridRow(app, LATER).click()
    const drawer = app.getByTestId('check-drawer')
    await drawer.getByRole('button', { name: 'Show all checks of this person' }).click()
    const checks = drawer.getByTestId('person-check')
    await expect(checks).toHaveCount(2)
    await expect(checks.first()).toContainText('this check')
    await expect(checks.first()).toContainText('Criminal record')
    await expect(checks.nth(1)).not.toContainText('Criminal record')
    await checks.nth(0).getByRole('checkbox').check()
    await checks.nth(1).getByRole('checkbox').check()
    await drawer.getByRole('button', { name: 'Compare' }).click()
    await expect(drawer.getByTestId('change-summary')).toContainText('Criminal record: newly found')
    await drawer.getByRole('button', { name: 'Close' }).click()

    // The same file once more: every row has a recent check; one is checked again, the others reuse theirs.
    await toReview(app, file)
    await expect(app.getByTestId('reuse-summary')).toContainText('3 rows have a recent check.')
    const matches = app.getByTestId('reuse-row')
    await expect(matches).toHaveCount(3)
    await expect(matches.first()).toContainText('personal')
    await app.getByRole('radiogroup', { name: 'Row 3' }).getByRole('radio', { name: 'Check again' }).click()
    await expect(app.getByTestId('reuse-summary')).toContainText('2 rows reuse an earlier result')
    await expect(app.getByTestId('reuse-summary')).toContainText('1 new checks')
    await toConfirm(app)
    await expect(app.getByTestId('checks-to-create')).toHaveText('1 check will be created.')
    await expect(app.getByTestId('cost-reused')).toHaveText(
      '2 rows reuse an earlier result: no request, no cost.'
    )
    await expect(app.getByTestId('cost-total')).toContainText('9,900')
    await runAndOpenResults(app, 'Run 1 checks')
    await expect(gridRow(app, CLEAN)).toHaveCount(2)
    for (const row of await gridRow(app, CLEAN).all()) await expect(row).toContainText('Reused: check of')
    await expect(gridRow(app, LATER)).not.toContainText('Reused')

    // History keeps each batch's estimate and what it made.
    await app.getByRole('navigation').getByRole('button', { name: 'History' }).click()
    const costs = app.getByTestId('batch-cost')
    await expect(costs.first()).toContainText('Estimated: 1 new checks')
    await expect(costs.first()).toContainText('Made: 1 checks')
    await expect(costs.first()).toContainText('2 reused')
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
