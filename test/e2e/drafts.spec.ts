// A large draft in the browser: `lote serve` killed while it reads the file leaves a draft that says it was not
// read to the end, cannot be continued, and is read again with one click; then every row with errors is
// excluded, and included again, at once.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test, expect, startServe } from './fixtures'

const ROWS = 60_000
/** Rows with a cédula; the rest have none, an error. */
const VALID = 5

test('a draft whose read was cut short says so, is read again, and excludes 59,995 rows at once', async ({
  page
}) => {
  test.setTimeout(180_000)
  const dir = mkdtempSync(join(tmpdir(), 'lote-e2e-drafts-'))
  const dataDir = join(dir, 'data')
  const file = join(dir, 'personas.csv')
  const lines = ['Nombre,Apellido,Cedula']
  for (let i = 0; i < ROWS; i++) lines.push(`Ana,Pena,${i < VALID ? 52_000_100 + i * 7 : ''}`)
  writeFileSync(file, lines.join('\n'))
  const first = await startServe(dataDir)
  try {
    await page.goto(first.openUrl)
    await page.getByRole('navigation').getByRole('button', { name: 'Start' }).click()
    await page.getByTestId('file-input').setInputFiles(file)
    await expect(page.getByTestId('sheet-passed')).toContainText('60,000 rows')
    await page.getByRole('button', { name: 'Continue' }).click()
    await expect(page.getByTestId('mapping-table').getByLabel('Truora input: Cedula')).toHaveValue(
      'national_id'
    )
    await page.getByRole('button', { name: 'Continue' }).click()
    // The host dies while the rows come in.
    await expect(page.getByText(/[1-9][\d,.]* rows read/)).toBeVisible({ timeout: 60_000 })
    await first.kill()
  } finally {
    await first.stop()
  }

  const second = await startServe(dataDir)
  try {
    await page.goto(second.openUrl)
    await page.getByRole('navigation').getByRole('button', { name: 'History' }).click()
    await expect(page.getByTestId('draft-not-read-hint')).toHaveText(/Not read to the end/)
    await page.getByRole('button', { name: 'Open' }).first().click()
    const notRead = page.getByTestId('draft-not-read')
    await expect(notRead).toContainText('This file was not read to the end')
    await expect(page.getByRole('button', { name: 'Continue' })).toBeDisabled()

    await notRead.getByRole('button', { name: 'Read the file again' }).click()
    const counts = page.getByTestId('import-counts')
    await expect(counts).toContainText(`${VALID} ready`, { timeout: 120_000 })
    await expect(counts).toContainText(/59,?995 with errors/)

    await page.getByRole('button', { name: /^Exclude the 59,?995 rows with errors$/ }).click()
    await expect(counts).toContainText(/59,?995 excluded/, { timeout: 120_000 })
    await expect(counts).toContainText('0 with errors')
    await page.getByRole('button', { name: /Include the excluded rows again/ }).click()
    await expect(counts).toContainText(/59,?995 with errors/, { timeout: 120_000 })
    await expect(counts).toContainText('0 excluded')
    await expect(page.getByRole('button', { name: 'Continue' })).toBeEnabled()
  } finally {
    await second.stop()
    rmSync(dir, { recursive: true, force: true })
  }
})
