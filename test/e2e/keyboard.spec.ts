// The wizard from the keyboard: each step starts at its heading, the step's main action is a few Tab presses
// away, and the review grid is one Tab stop whose cells are reached, fixed and excluded with the arrows.
import type { Locator, Page } from '@playwright/test'
import { test, expect, toEnglish, openSample } from './fixtures'

/** Presses Tab until `target` has focus; how many presses that took, or Infinity past `limit`. */
async function tabsTo(app: Page, target: Locator, limit = 40): Promise<number> {
  for (let presses = 1; presses <= limit; presses++) {
    await app.keyboard.press('Tab')
    if (await target.evaluate((element) => element === element.ownerDocument.activeElement)) return presses
  }
  return Infinity
}

test('each step starts at its heading; Continue on Review and Run on Confirm are at most 10 Tab presses away', async ({
  app
}) => {
  test.setTimeout(120_000)
  await toEnglish(app)
  await openSample(app, /Colombia · Person/)
  const stepTitle = app.locator('.step-title')
  const next = app.getByRole('button', { name: 'Continue', exact: true })
  // The sample's sheet has nothing to decide: the wizard opens at the Check step, focus on its heading.
  await expect(app.getByTestId('sheet-passed')).toBeVisible()
  await expect(stepTitle).toBeFocused()
  // Every step after the first, whichever the wizard shows, up to Confirm.
  let reviewed = false
  while ((await stepTitle.innerText()) !== 'Confirm') {
    const title = await stepTitle.innerText()
    await expect(next).toBeEnabled({ timeout: 30_000 })
    await next.click()
    await expect(stepTitle).not.toHaveText(title)
    // Focus is on the step's heading, not left on the button that was pressed nor dropped on the page.
    await expect(stepTitle).toBeFocused()
    if ((await stepTitle.innerText()) === 'Review') {
      reviewed = true
      await expect(app.getByTestId('import-counts')).toContainText('ready', { timeout: 30_000 })
      await expect(next).toBeEnabled()
      await stepTitle.focus()
      const presses = await tabsTo(app, next)
      test
        .info()
        .annotations.push({ type: 'Tab presses to Continue on Review', description: String(presses) })
      expect(presses).toBeLessThanOrEqual(10)
    }
  }
  expect(reviewed).toBe(true)
  await app.getByLabel(/I confirm that every person/).check()
  const run = app.getByRole('button', { name: /^Run \d+ checks$/ })
  await expect(run).toBeEnabled()
  await stepTitle.focus()
  const presses = await tabsTo(app, run)
  test.info().annotations.push({ type: 'Tab presses to Run on Confirm', description: String(presses) })
  expect(presses).toBeLessThanOrEqual(10)
})

test('the review grid is one Tab stop: arrows reach a cell, Enter fixes or excludes, and focus comes back', async ({
  app
}) => {
  test.setTimeout(120_000)
  await toEnglish(app)
  await openSample(app, /Colombia · Person/)
  const next = app.getByRole('button', { name: 'Continue', exact: true })
  const stepTitle = app.locator('.step-title')
  while ((await stepTitle.innerText()) !== 'Review') {
    const title = await stepTitle.innerText()
    await next.click()
    await expect(stepTitle).not.toHaveText(title)
  }
  await expect(app.getByTestId('import-counts')).toContainText('ready', { timeout: 30_000 })
  const grid = app.getByTestId('review-grid').getByRole('grid')
  const firstRow = grid.locator('.vgrid-row').first()
  await expect(firstRow).toBeVisible()
  // Nothing inside the grid is a Tab stop of its own.
  await expect(grid.locator('button:not([tabindex="-1"]), input:not([tabindex="-1"])')).toHaveCount(0)

  await grid.focus()
  // Right three times: past the row number and the status, onto the first column of the sheet.
  for (let i = 0; i < 3; i++) await app.keyboard.press('ArrowRight')
  const firstCell = firstRow.locator('[role="gridcell"]').nth(2)
  await expect(firstCell).toHaveClass(/is-focused/)
  await expect(grid).toHaveAttribute('aria-activedescendant', (await firstCell.getAttribute('id'))!)
  const value = (await firstCell.innerText()).trim()
  await app.keyboard.press('Enter')
  const box = grid.getByRole('textbox')
  await expect(box).toBeFocused()
  await expect(box).toHaveValue(value)
  await app.keyboard.press('Enter')
  await expect(box).toBeHidden()
  await expect(grid).toBeFocused()

  // The last cell holds Exclude: Enter presses it.
  for (let i = 0; i < 30; i++) await app.keyboard.press('ArrowRight')
  await app.keyboard.press('Enter')
  await expect(firstRow.locator('.status-tag')).toHaveText('Excluded')
  await expect(grid).toBeFocused()
  // One Tab leaves the grid.
  await app.keyboard.press('Tab')
  expect(await grid.evaluate((element) => element.contains(element.ownerDocument.activeElement))).toBe(false)
})
