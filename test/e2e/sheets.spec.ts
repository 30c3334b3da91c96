// Files from other writers open and map right in the wizard: the data sheet is picked past an instructions
// sheet and never a hidden one, a document-type column routes numbers, the reasons for each column are shown
// and any mapping can be cleared; a csv that is not UTF-8 waits for the analyst to choose its encoding.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test, expect, toEnglish } from './fixtures'

const corpus = (name: string) => join(import.meta.dirname, '..', 'fixtures', 'corpus', name)

test('an openpyxl file with a hidden lookup sheet and a document-type column maps and routes right', async ({
  app
}) => {
  await toEnglish(app)
  await app.getByRole('navigation').getByRole('button', { name: 'Start' }).click()
  await app.getByTestId('file-input').setInputFiles(corpus('openpyxl.xlsx'))
  await expect(app.getByLabel('Sheet', { exact: true })).toHaveValue('Personas')
  await expect(app.getByLabel('Headers are on row')).toHaveValue('3')
  await expect(app.getByTestId('sheet-preview')).toContainText('Número de Documento *')
  await app.getByRole('button', { name: 'Continue' }).click()
  await app.getByLabel('Country').selectOption('CO')
  await app.getByLabel('Check type').selectOption('person')
  await app.getByRole('button', { name: 'Continue' }).click()

  const mapping = app.getByTestId('mapping-table')
  await expect(mapping.getByLabel('Truora input: Tipo de Documento')).toHaveValue('document_type')
  await expect(mapping.getByTestId('reasons-0')).toContainText('of the values are document types')
  await expect(mapping.getByLabel('Truora input: Número de Documento *')).toHaveValue('national_id')
  await expect(mapping.getByLabel('Truora input: Celular')).toHaveValue('phone_number')
  // Any suggestion can be cleared.
  await mapping.getByLabel('Truora input: Celular').selectOption('')
  await expect(mapping.getByLabel('Truora input: Celular')).toHaveValue('')
  await app.getByRole('button', { name: 'Continue' }).click()

  // CC rows as national IDs, the CE row as a foreign ID and the PPT row as a PPT: all five can be checked.
  // Reading starts a process of its own (from TypeScript sources here): give it time on a busy machine.
  const counts = app.getByTestId('import-counts')
  await expect(counts).toContainText('5 ready', { timeout: 30_000 })
  await expect(counts).toContainText('0 with errors')
})

test('a csv that is not UTF-8 waits for the analyst to choose its encoding', async ({ app }) => {
  const dir = mkdtempSync(join(tmpdir(), 'lote-encoding-'))
  try {
    const file = join(dir, 'proveedores.csv')
    writeFileSync(
      file,
      Buffer.from('Cédula;Nombres;Apellidos\r\n1020304050;Lucía;Muñoz\r\n52345678;José;Peña\r\n', 'latin1')
    )
    await toEnglish(app)
    await app.getByRole('navigation').getByRole('button', { name: 'Start' }).click()
    await app.getByTestId('file-input').setInputFiles(file)
    const choice = app.getByTestId('encoding-choice')
    await expect(choice).toContainText('Which encoding is this file in?')
    // The first line with accents, as each encoding reads it.
    await expect(choice).toContainText('Windows-1252 (Excel on Windows)Cédula;Nombres;Apellidos')
    await expect(app.getByRole('button', { name: 'Continue' })).toBeDisabled()
    await choice.getByRole('radio', { name: /Windows-1252/ }).check()
    await expect(app.getByTestId('sheet-preview')).toContainText('Muñoz')
    await expect(choice).toContainText('Read as')
    await expect(app.getByRole('button', { name: 'Continue' })).toBeEnabled()
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
