// The wizard proposes the country and check type from what the file holds — a bundled sample by its own word,
// an analyst's csv by its values — says why, lets the analyst change it, and says why Continue is disabled.
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { test, expect, toEnglish, openSample } from './fixtures'

const fixture = (name: string) => join(import.meta.dirname, '..', 'fixtures', name)

/** In English, drops an analyst's own Brazilian payroll csv on the Start screen. */
async function openBrazilianCsv(app: Page) {
  await toEnglish(app)
  await app.getByRole('navigation').getByRole('button', { name: 'Start' }).click()
  await app.getByTestId('file-input').setInputFiles(fixture('colaboradores-br.csv'))
}

test('Lote’s Brazil sample proposes Brazil and a person check, and says why', async ({ app }) => {
  await toEnglish(app)
  await openSample(app, /Brazil · Person/)
  // One sheet whose headers Lote knows: confirmed in passing, straight to the country and type.
  await expect(app.getByTestId('sheet-passed')).toBeVisible()
  await expect(app.getByLabel('Country')).toHaveValue('BR')
  await expect(app.getByLabel('Check type')).toHaveValue('person')
  await expect(app.getByTestId('country-reason')).toHaveText(
    'Proposed by Lote: this is Lote’s sample for Brazil.'
  )
  // Carried through: Brazilian people are read without a single error.
  await app.getByRole('button', { name: 'Continue' }).click()
  await app.getByRole('button', { name: 'Continue' }).click()
  await expect(app.getByTestId('import-counts')).toContainText('0 with errors', { timeout: 30_000 })
})

test('a Brazilian payroll csv proposes Brazil from its CPFs; the analyst can change it, and Continue says why it waits', async ({
  app
}) => {
  await openBrazilianCsv(app)
  await expect(app.getByTestId('sheet-passed')).toContainText('12 rows')
  await expect(app.getByLabel('Country')).toHaveValue('BR')
  await expect(app.getByTestId('country-reason')).toHaveText(
    'Proposed by Lote: 12 of 12 values in “Documento” are valid CPF numbers, which only Brazil uses.'
  )
  await expect(app.getByLabel('Check type')).toHaveValue('person')
  await expect(app.getByTestId('type-reason')).toContainText('the column “Documento” identifies people.')

  // Changeable, and the change is said.
  await app.getByLabel('Country').selectOption('CO')
  await expect(app.getByTestId('country-reason')).toContainText('You changed Lote’s proposal (Brazil)')
  await app.getByLabel('Country').selectOption('column')
  await app.getByRole('button', { name: 'Continue' }).click()
  // No column of countries is mapped: Continue is disabled, and says why next to it.
  const mapping = app.getByTestId('mapping-table')
  await expect(mapping).toBeVisible()
  await expect(app.getByRole('button', { name: 'Continue' })).toBeDisabled()
  await expect(app.getByTestId('continue-blocked')).toHaveText(
    'Each row’s country comes from a column: map the column that holds it.'
  )
  await app.getByRole('button', { name: 'Back' }).click()
  await app.getByLabel('Country').selectOption('BR')
  await app.getByRole('button', { name: 'Continue' }).click()
  await expect(mapping.getByLabel('Truora input: Documento')).toHaveValue('national_id')
  await expect(app.getByTestId('continue-blocked')).toBeHidden()
  await app.getByRole('button', { name: 'Continue' }).click()
  await expect(app.getByTestId('import-counts')).toContainText('12 ready', { timeout: 30_000 })
})

test('a review where most rows fail names the likely cause and offers the switch', async ({ app }) => {
  await openBrazilianCsv(app)
  // The analyst overrules the proposal: every row then fails as a Colombian check.
  await app.getByLabel('Country').selectOption('CO')
  await app.getByRole('button', { name: 'Continue' }).click()
  await app.getByRole('button', { name: 'Continue' }).click()
  const cause = app.getByTestId('likely-cause')
  await expect(cause).toContainText('12 of 12 rows have errors: the sheet looks like Brazil.', {
    timeout: 30_000
  })
  await expect(cause).toContainText('valid CPF numbers, which only Brazil uses')
  await cause.getByRole('button', { name: 'Switch to Brazil' }).click()
  // Back at the mapping with Brazil, proposed again for Brazil's inputs: the UF column the Colombian mapping
  // left out (and which was saved with it) now feeds the state Brazil needs.
  await expect(app.locator('.step-title')).toHaveText('Columns')
  await expect(app.getByText('What a person check in Brazil needs')).toBeVisible()
  const mapping = app.getByTestId('mapping-table')
  await expect(mapping.getByLabel('Truora input: UF')).toHaveValue('region')
  await expect(mapping.getByLabel('Truora input: Documento')).toHaveValue('national_id')
  await expect(app.getByText('Region / state (required, mapped)')).toBeVisible()
  // The uploaded file is read again with Brazil's mapping: the review has every row ready.
  await app.getByRole('button', { name: 'Continue' }).click()
  await expect(app.getByTestId('import-counts')).toContainText('12 ready', { timeout: 30_000 })
  await expect(cause).toBeHidden()
})

test('after a change of country the mapping is proposed again, keeping the columns the analyst chose', async ({
  app
}) => {
  await openBrazilianCsv(app)
  await app.getByLabel('Country').selectOption('CO')
  await app.getByRole('button', { name: 'Continue' }).click()
  const mapping = app.getByTestId('mapping-table')
  // Colombia takes no state: the UF column is left out. The analyst keeps the birth dates out by hand.
  await expect(mapping.getByLabel('Truora input: UF')).toHaveValue('')
  await expect(mapping.getByLabel('Truora input: Data de nascimento')).toHaveValue('date_of_birth')
  await mapping.getByLabel('Truora input: Data de nascimento').selectOption('')
  await app.getByRole('button', { name: 'Back' }).click()
  await app.getByLabel('Country').selectOption('BR')
  await app.getByRole('button', { name: 'Continue' }).click()
  await expect(mapping.getByLabel('Truora input: UF')).toHaveValue('region')
  await expect(mapping.getByLabel('Truora input: Data de nascimento')).toHaveValue('')
  // Input names are whole, with Truora's own name beside them.
  await expect(mapping.getByLabel('Truora input: UF').locator('option:checked')).toHaveText(
    'Region / state · region'
  )
})
