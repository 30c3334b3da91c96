// A shorter wizard for a first-timer: the options step shows what matters to the analyst, how the batch runs
// sits folded under Advanced, continuous checks repeat at a frequency chosen in words, and the confirm step
// says what the repeats cost in checks; a sheet step with nothing to decide is confirmed in passing; at the
// review, fixes change a whole column at once.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test, expect, toEnglish, openSample } from './fixtures'

test('options: Advanced is folded, frequencies are words, and the confirm step counts the repeats', async ({
  app
}) => {
  await toEnglish(app)
  await openSample(app, /Brazil · Person/)
  // Nothing to decide on the sheet: confirmed in passing, said, and the way back is there.
  const passed = app.getByTestId('sheet-passed')
  await expect(passed).toContainText('there was nothing to decide, so Lote went on')
  await expect(app.locator('.step-title')).toHaveText('Check')
  await passed.getByRole('button', { name: 'Change sheet or header row' }).click()
  await expect(app.locator('.step-title')).toHaveText('Sheet')
  await expect(app.getByTestId('sheet-preview')).toContainText('CPF')
  await app.getByRole('button', { name: 'Continue' }).click()
  // Seen and confirmed by the analyst now: no longer said to be passed.
  await expect(app.getByTestId('sheet-passed')).toBeHidden()
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
  await expect(app.getByTestId('sent-country')).toHaveText('Brazil')
  await expect(app.getByTestId('sent-type')).toHaveText('Person')
})

test('column-wide fixes at the review: a date column read month first, repeated rows and rows with errors excluded, each undone', async ({
  app
}) => {
  const dir = mkdtempSync(join(tmpdir(), 'lote-e2e-fixes-'))
  try {
    // Row 4 repeats row 2's person; row 5's cédula has a letter O for a zero.
    const file = join(dir, 'ingresos.csv')
    writeFileSync(
      file,
      [
        'Cedula,Fecha de nacimiento',
        '1010101000,25/12/1990',
        '1010101011,03/04/1985',
        '1010101000,25/12/1990',
        '10101O1033,01/02/1979',
        '1010101055,14/07/2001'
      ].join('\n')
    )
    await toEnglish(app)
    await app.getByRole('navigation').getByRole('button', { name: 'Start' }).click()
    await app.getByTestId('file-input').setInputFiles(file)
    await expect(app.getByTestId('sheet-passed')).toContainText('5 rows')
    await app.getByLabel('Country').selectOption('CO')
    await app.getByLabel('Check type').selectOption('person')
    await app.getByRole('button', { name: 'Continue' }).click()
    const mapping = app.getByTestId('mapping-table')
    await expect(mapping.getByLabel('Truora input: Fecha de nacimiento')).toHaveValue('date_of_birth')
    await app.getByRole('button', { name: 'Continue' }).click()

    const counts = app.getByTestId('import-counts')
    await expect(counts).toContainText('1 with errors', { timeout: 30_000 })
    const fixes = app.getByTestId('column-fixes')
    const dates = fixes.getByTestId('date-order-Fecha de nacimiento')
    await expect(dates.getByRole('radio', { name: 'Day first (dd/mm/yyyy)' })).toHaveAttribute(
      'aria-checked',
      'true'
    )
    await expect(dates).toContainText('Read this way because of its own values')

    // Month first: 25/12 and 14/07 are no dates then, and the counts say so at once.
    await dates.getByRole('radio', { name: 'Month first (mm/dd/yyyy)' }).click()
    await expect(counts).toContainText('4 with errors')
    await expect(dates).toContainText('Read as you chose.')
    // Undone by reading it day first again.
    await dates.getByRole('radio', { name: 'Day first (dd/mm/yyyy)' }).click()
    await expect(counts).toContainText('1 with errors')

    // Repeated rows out in one action, and back with Undo.
    await fixes.getByRole('button', { name: 'Exclude the row that repeats a document' }).click()
    await expect(counts).toContainText('1 excluded')
    await fixes.getByRole('button', { name: 'Undo: include the repeated row again' }).click()
    await expect(counts).toContainText('0 excluded')
    await expect(fixes.getByRole('button', { name: /^Undo/ })).toBeHidden()

    // Rows with errors out: what is sent follows.
    await fixes.getByRole('button', { name: 'Exclude the row with errors' }).click()
    await expect(counts).toContainText('1 excluded')
    await expect(counts).toContainText('0 with errors')
    await app.getByRole('button', { name: 'Continue' }).click()
    await app.getByRole('button', { name: 'Continue' }).click()
    await expect(app.getByTestId('sent-country')).toHaveText('Colombia')
    await expect(app.getByTestId('sent-type')).toHaveText('Person')
    await expect(app.getByTestId('sent-rows')).toHaveText(
      '4 rows will have a result. 1 row will not be sent (errors or excluded).'
    )
    await expect(app.getByTestId('checks-to-create')).toHaveText('3 checks will be created.')
    await expect(app.getByTestId('cost-grouped')).toContainText('1 row repeats a document')
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

test('a custom type that checks vehicles offers a vehicle’s inputs at the mapping, not a person’s', async ({
  app
}) => {
  const dir = mkdtempSync(join(tmpdir(), 'lote-e2e-kind-'))
  try {
    await toEnglish(app)
    await app.getByRole('navigation').getByRole('button', { name: 'Custom types' }).click()
    await app.getByRole('button', { name: 'New custom type' }).click()
    await app.getByLabel('Type name').fill('flota-co')
    await app.getByLabel('Search this dataset: Vehicle information').check()
    await app.getByLabel('Weight Vehicle information').fill('1')
    await app.getByRole('button', { name: 'Save type' }).click()
    await expect(app.getByTestId('custom-type-flota-co')).toContainText('Vehicle information')

    const file = join(dir, 'flota.csv')
    writeFileSync(file, ['Cedula,Placa', '1010101000,ABC123', '1010101011,XYZ987'].join('\n'))
    await app.getByRole('navigation').getByRole('button', { name: 'Start' }).click()
    await app.getByTestId('file-input').setInputFiles(file)
    await app.getByLabel('Country').selectOption('CO')
    await app.getByLabel('Check type').selectOption('flota-co')
    await app.getByRole('button', { name: 'Continue' }).click()

    const mapping = app.getByTestId('mapping-table')
    await expect(mapping.getByLabel('Truora input: Placa')).toHaveValue('license_plate')
    await expect(app.getByRole('heading', { name: 'What a vehicle check in Colombia needs' })).toBeVisible()
    // A vehicle check's inputs are offered; a person's foreign documents are not.
    const offered = mapping.getByLabel('Truora input: Cedula').locator('option')
    await expect(offered.filter({ hasText: 'License plate' })).toHaveCount(1)
    await expect(offered.filter({ hasText: 'ptp' })).toHaveCount(0)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

test('on the Account screen a continuous check’s frequency is chosen in words too', async ({ app }) => {
  test.setTimeout(120_000)
  const dir = mkdtempSync(join(tmpdir(), 'lote-e2e-continuous-'))
  try {
    const file = join(dir, 'seguimiento.csv')
    writeFileSync(file, ['Cedula', '52000100', '52000107'].join('\n'))
    await toEnglish(app)
    await app.getByRole('navigation').getByRole('button', { name: 'Start' }).click()
    await app.getByTestId('file-input').setInputFiles(file)
    await app.getByLabel('Country').selectOption('CO')
    await app.getByRole('button', { name: 'Continue' }).click()
    await app.getByRole('button', { name: 'Continue' }).click()
    await expect(app.getByTestId('import-counts')).toContainText('2 ready', { timeout: 30_000 })
    await app.getByRole('button', { name: 'Continue' }).click()
    await app.getByLabel('Repeat these checks (continuous checks)').check()
    await app.getByLabel('Every', { exact: true }).selectOption({ label: 'Every three months' })
    await app.getByRole('button', { name: 'Continue' }).click()
    await app.getByLabel(/I confirm that every person/).check()
    await app.getByRole('button', { name: 'Run 2 checks' }).click()
    await expect(app.getByTestId('batch-status')).toHaveText('Completed', { timeout: 60_000 })

    await app.getByRole('navigation').getByRole('button', { name: 'Account' }).click()
    const first = app.getByRole('combobox', { name: /^Change frequency / }).first()
    await expect(first).toHaveValue('3m')
    await expect(first.locator('option:checked')).toHaveText('Every three months')
    await first.selectOption({ label: 'Every six months' })
    const form = first.locator('xpath=ancestor::form')
    await form.getByRole('button', { name: 'Apply' }).click()
    await expect(form.getByRole('button', { name: 'Apply' })).toBeHidden()
    await expect(first).toHaveValue('6m')
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
