// An analyst decides on three people of a batch run by `lote run` on the Sandbox: one from the drawer (and
// changes it, keeping the first in the history), two in bulk from the grid; filters by decision, exports the
// xlsx and reads the decisions back.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import type { Locator } from '@playwright/test'
import { test, expect, startServe } from './fixtures'

async function rowCount(grid: Locator): Promise<number> {
  return Number(await grid.getAttribute('aria-rowcount')) - 1
}

test('decide on three people from the drawer and in bulk, filter by decision, export and read them back', async ({
  page
}) => {
  test.setTimeout(150_000)
  const dataDir = mkdtempSync(join(tmpdir(), 'lote-e2e-decisions-'))
  execFileSync(
    process.execPath,
    [
      'bin/lote.js',
      'run',
      'test/fixtures/mixed-latam.xlsx',
      '--sandbox',
      '--i-have-authorization',
      '--data-dir',
      dataDir
    ],
    { encoding: 'utf8', timeout: 120_000 }
  )
  const host = await startServe(dataDir)
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  try {
    await page.goto(host.openUrl)
    await page.getByRole('navigation').getByRole('button', { name: 'History' }).click()
    await page
      .getByTestId('history-row')
      .filter({ hasText: 'mixed-latam.xlsx' })
      .getByRole('button', { name: 'Open', exact: true })
      .click()
    const grid = page.getByTestId('results-grid')
    await expect(grid.getByRole('row').nth(1)).toContainText(/\d/)
    const undecided = page.getByTestId('undecided-count')
    await expect(undecided).toContainText(/\d+ undecided/)
    const undecidedBefore = Number((await undecided.innerText()).match(/\d+/)![0])

    // 1. From the drawer: approve a low-risk person, then change it to a follow-up.
    await page.getByRole('group', { name: 'Risk' }).getByRole('button', { name: 'Low risk' }).click()
    const first = grid.locator('.vgrid-row').first()
    await expect(first).toContainText('Low risk')
    const firstRow = (await first.getByRole('gridcell').nth(1).innerText()).trim()
    await first.click()
    const drawer = page.getByTestId('check-drawer')
    const panel = drawer.getByTestId('decision-panel')
    await expect(panel.getByTestId('decision-current')).toHaveText('No decision yet.')
    await panel.getByLabel('Approved').check()
    await panel.getByTestId('decision-reason').selectOption({ label: 'Nothing against the person' })
    await panel.getByTestId('decision-note').fill('Checked with HR')
    await panel.getByTestId('decision-submit').click()
    await expect(panel.getByTestId('decision-current')).toContainText('Approved')
    await expect(panel.getByTestId('decision-current')).toContainText('Checked with HR')
    await panel.getByRole('button', { name: 'Change decision' }).click()
    await panel.getByLabel('Follow-up').check()
    await panel.getByTestId('decision-reason').selectOption({ label: 'Ask the person for documents' })
    await panel.getByTestId('decision-note').fill('Missing diploma')
    await panel.getByTestId('decision-submit').click()
    await expect(panel.getByTestId('decision-current')).toContainText('Follow-up')
    await expect(panel.getByTestId('decision-history')).toContainText('Approved')
    await expect(panel.getByTestId('decision-history')).toContainText('Checked with HR')
    await drawer.getByRole('button', { name: 'Close' }).click()
    await expect(first.getByText('Follow-up')).toBeVisible()
    await page.getByRole('button', { name: 'Clear filters' }).click()

    // 2. In bulk: two other people picked in the grid, rejected together.
    const others = grid
      .locator('.vgrid-row')
      .filter({ hasNot: page.getByText('Follow-up', { exact: true }) })
      .filter({ has: page.locator('input.row-pick:not([disabled])') })
    const picked: string[] = []
    for (const index of [0, 1]) {
      const row = others.nth(index)
      picked.push((await row.getByRole('gridcell').nth(1).innerText()).trim())
      await row.getByRole('checkbox').check()
    }
    const bulk = page.getByTestId('bulk-decisions')
    await expect(bulk).toContainText('2 rows selected')
    await bulk.getByLabel('Rejected').check()
    await bulk.getByTestId('decision-reason').selectOption({ label: 'Identity not confirmed' })
    await bulk.getByTestId('decision-submit').click()
    await expect(page.getByText('2 rows decided.')).toBeVisible()
    await expect(undecided).toHaveText(`${undecidedBefore - 3} undecided`)

    // 3. The grid filters by decision.
    await page.getByTestId('filter-decision').selectOption('rejected')
    await expect.poll(() => rowCount(grid)).toBe(2)
    await page.getByTestId('filter-decision').selectOption('follow-up')
    await expect.poll(() => rowCount(grid)).toBe(1)
    await page.getByTestId('filter-decision').selectOption('')

    // 4. The export carries every decision: who, why, notes.
    const downloading = page.waitForEvent('download')
    await page.getByRole('button', { name: 'Excel (.xlsx)' }).click()
    const saved = join(dataDir, 'decisions.xlsx')
    await (await downloading).saveAs(saved)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(saved)
    const sheet = workbook.worksheets[0]
    const headers = (sheet.getRow(1).values as unknown[]).map((v) => String(v ?? ''))
    const at = (name: string) => headers.indexOf(name)
    const byRow = new Map<string, ExcelJS.Row>()
    sheet.eachRow((row, n) => {
      if (n > 1) byRow.set(String(row.getCell(at('Row')).value), row)
    })
    const followUp = byRow.get(firstRow)!
    expect(followUp.getCell(at('Decision')).value).toBe('Follow-up')
    expect(followUp.getCell(at('Reason')).value).toBe('Ask the person for documents')
    expect(followUp.getCell(at('Notes')).value).toBe('Missing diploma')
    expect(String(followUp.getCell(at('Decided by')).value ?? '')).not.toBe('')
    expect(followUp.getCell(at('Decided on')).value).toBeInstanceOf(Date)
    for (const row of picked) {
      expect(byRow.get(row)!.getCell(at('Decision')).value).toBe('Rejected')
      expect(byRow.get(row)!.getCell(at('Reason')).value).toBe('Identity not confirmed')
    }
    expect(errors, 'the page threw').toEqual([])
  } finally {
    await host.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
})
