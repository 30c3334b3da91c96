// The screen, the wizard's step and the batch live in the address: Back and Forward move between steps the
// wizard has reached, Reload keeps a draft and a batch, a batch has a link, and "New batch" always starts afresh.
import { test, expect, toEnglish, openSample } from './fixtures'

test('back, forward and reload inside the wizard and a batch', async ({ app }) => {
  test.setTimeout(180_000)
  await toEnglish(app)
  await openSample(app, /Colombia · Person/)
  // The sample's one sheet has nothing to decide: the wizard passes it, and it is still a step to go back to.
  const stepTitle = app.locator('.step-title')
  await expect(stepTitle).toHaveText('Check')
  await expect(app).toHaveURL(/#\/new\/scope$/)

  // Back and Forward move the wizard, not the page away from the app.
  await app.goBack()
  await expect(stepTitle).toHaveText('Sheet')
  await app.goForward()
  await expect(stepTitle).toHaveText('Check')
  await expect(app.getByLabel('Country')).toHaveValue('CO')

  await app.getByRole('button', { name: 'Continue' }).click()
  await expect(stepTitle).toHaveText('Columns')
  await app.getByRole('button', { name: 'Continue' }).click()
  await expect(app.getByTestId('import-counts')).toContainText('ready', { timeout: 30_000 })
  await expect(app).toHaveURL(/#\/new\/draft\/[\w-]+\/validate$/)

  // Reload keeps the draft: the review comes back with its rows.
  await app.reload()
  await expect(stepTitle).toHaveText('Review')
  await expect(app.getByTestId('import-counts')).toContainText('ready', { timeout: 30_000 })

  await app.getByRole('button', { name: 'Continue' }).click()
  await expect(stepTitle).toHaveText('Options')
  await app.getByRole('button', { name: 'Continue' }).click()
  await app.getByLabel(/I confirm that every person/).check()
  await app.getByRole('button', { name: /^Run \d+ checks$/ }).click()
  await expect(app).toHaveURL(/#\/batch\/[\w-]+\/monitor$/)
  const link = app.url()

  // Reload keeps the batch, and the address is a link to it.
  await app.reload()
  await expect(app.getByTestId('batch-status')).toHaveText(/Running|Completed/)
  await expect(app.getByRole('tab', { name: 'Monitor' })).toHaveAttribute('aria-selected', 'true')
  await app.getByRole('tab', { name: 'Results' }).click()
  await expect(app).toHaveURL(/#\/batch\/[\w-]+\/results$/)
  await app.goBack()
  await expect(app.getByRole('tab', { name: 'Monitor' })).toHaveAttribute('aria-selected', 'true')
  // Back past the batch to its confirm step: a batch that started is not a draft, so its monitor shows.
  await app.goBack()
  await expect(app.getByTestId('batch-status')).toBeVisible()
  await expect(app).toHaveURL(/#\/batch\/[\w-]+\/monitor$/)

  await app.getByRole('navigation').getByRole('button', { name: 'History' }).click()
  await expect(app).toHaveURL(/#\/history$/)
  await app.goto(link)
  await expect(app.getByTestId('batch-status')).toHaveText(/Running|Completed/)
  await expect(app.getByRole('tab', { name: 'Monitor' })).toHaveAttribute('aria-selected', 'true')
})

test('"New batch" inside the wizard starts a new one', async ({ app }) => {
  await toEnglish(app)
  await openSample(app, /Colombia · Person/)
  await expect(app.locator('.step-title')).toHaveText('Check')
  await app.getByRole('navigation').getByRole('button', { name: 'New batch' }).click()
  await expect(app.locator('.step-title')).toHaveText('File')
  await expect(app.getByTestId('drop-zone')).toBeVisible()
  await expect(app).toHaveURL(/#\/new$/)
})
