// A shorter wizard for a first-timer: the options step shows what matters to the analyst, how the batch runs
// sits folded under Advanced, continuous checks repeat at a frequency chosen in words, and the confirm step
// says what the repeats cost in checks.
import { test, expect, toEnglish, openSample } from './fixtures'

test('options: Advanced is folded, frequencies are words, and the confirm step counts the repeats', async ({
  app
}) => {
  await toEnglish(app)
  await openSample(app, /Brazil · Person/)
  await expect(app.getByTestId('sheet-preview')).toContainText('CPF')
  await app.getByRole('button', { name: 'Continue' }).click()
  await app.getByRole('button', { name: 'Continue' }).click()
  await app.getByRole('button', { name: 'Continue' }).click()
  await expect(app.getByTestId('import-counts')).toContainText('0 with errors', { timeout: 30_000 })
  await app.getByRole('button', { name: 'Continue' }).click()

  // What a first batch needs is in sight; how it runs is folded away, and says what it is set to.
  await expect(app.getByLabel('Repeat these checks (continuous checks)')).toBeVisible()
  await expect(app.getByLabel('Download each check’s Truora PDF')).toBeVisible()
  const advanced = app.getByTestId('advanced-options')
  await expect(advanced).not.toHaveAttribute('open')
  await expect(app.getByLabel(/Truora batch/)).toBeHidden()
  await expect(app.getByLabel(/Always create new checks/)).toBeHidden()
  await expect(app.getByLabel('Checks created at the same time')).toBeHidden()
  await expect(app.getByTestId('advanced-summary')).toHaveText(/^Check by check from Lote · \d+ at a time$/)
  await advanced.getByText('Advanced').click()
  await expect(app.getByLabel(/Truora batch/)).toBeVisible()
  await app.getByLabel(/Always create new checks/).check()
  await expect(app.getByTestId('advanced-summary')).toContainText('Always create new checks')

  // Continuous checks: a frequency from a list in words, never a token to type.
  await app.getByLabel('Repeat these checks (continuous checks)').check()
  const frequency = app.getByLabel('Every', { exact: true })
  await expect(frequency.locator('option')).toHaveText([
    'Every day',
    'Every week',
    'Every month',
    'Every three months',
    'Every six months',
    'Every year'
  ])
  await expect(frequency).toHaveValue('monthly')
  await frequency.selectOption({ label: 'Every three months' })
  await app.getByRole('button', { name: 'Continue' }).click()

  const checks = Number(
    /(\d+) checks? will be created/.exec(await app.getByTestId('checks-to-create').innerText())![1]
  )
  const repeats = app.getByTestId('cost-continuous')
  await expect(repeats).toContainText('(Every three months)')
  const [, perCheck, runs, more] = /(\d+) checks re-run (\d+) times .*: (\d+) more checks/.exec(
    await repeats.innerText()
  )!
  expect(Number(perCheck)).toBe(checks)
  expect(Number(runs)).toBe(4)
  expect(Number(more)).toBe(checks * 4)
})
