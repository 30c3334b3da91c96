// The privacy screen, as an analyst uses it: erase a person found in two batches, set a connection's retention
// and keep one batch longer with a reason, and read the audit log (verified, filtered, saved) in es, en and
// pt-BR.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { test, expect } from './fixtures'
import { pdfText } from '../helpers/pdf'

function seed(dataDir: string, batchId: string): void {
  execFileSync(process.execPath, ['--import', 'tsx', 'test/e2e/seed-results.ts', dataDir, '3', batchId], {
    encoding: 'utf8',
    timeout: 60_000
  })
}

async function useLanguage(app: Page, language: 'es' | 'en' | 'pt-BR'): Promise<void> {
  await app.getByRole('button', { name: /^(Preferencias|Settings|Preferências)$/ }).click()
  await app.getByLabel(/^(Idioma|Language)$/).selectOption(language)
}

/** A batch of three people seeded in the store, and History open in English. */
async function historyInEnglish(app: Page, dataDir: string, batchId: string): Promise<void> {
  seed(dataDir, batchId)
  await useLanguage(app, 'en')
  await app.getByRole('navigation').getByRole('button', { name: 'History' }).click()
}

async function openPrivacy(app: Page, tab: RegExp): Promise<void> {
  await app
    .getByRole('navigation')
    .getByRole('button', { name: /^(Privacidad|Privacy|Privacidade)$/ })
    .click()
  await app.getByRole('tab', { name: tab }).click()
}

test('erase a person found in two batches from the privacy screen', async ({ app, host }) => {
  seed(host.dataDir, 'b-enero')
  seed(host.dataDir, 'b-febrero')
  await useLanguage(app, 'en')
  await openPrivacy(app, /^Erase a person$/)

  await app.getByLabel('Document number').fill('10.000.000')
  await app.getByRole('button', { name: 'Find', exact: true }).click()
  const found = app.getByTestId('erase-found')
  await expect(found).toContainText('Found in 2 row(s) of 2 batch(es), with 2 check(s).')
  await expect(found.getByRole('row')).toHaveCount(3)

  app.once('dialog', (dialog) => void dialog.accept())
  await found.getByRole('button', { name: 'Erase everything found' }).click()
  await expect(app.getByTestId('erase-result')).toContainText('Erased 2 row(s) and 2 check(s).')

  await app.getByRole('button', { name: 'Find', exact: true }).click()
  await expect(app.getByTestId('erase-nothing')).toHaveText('Nothing in Lote matches that person.')
  // The others in those batches are still there.
  await app.getByLabel('Document number').fill('10000001')
  await app.getByRole('button', { name: 'Find', exact: true }).click()
  await expect(app.getByTestId('erase-found')).toContainText('Found in 2 row(s) of 2 batch(es)')
})

test('set a retention period, keep a batch longer, and read the audit log in es, en and pt-BR', async ({
  app,
  host
}, testInfo) => {
  seed(host.dataDir, 'b-marzo')
  await useLanguage(app, 'en')
  await openPrivacy(app, /^Retention$/)

  const panel = app.getByTestId('retention-panel')
  await expect(panel.getByTestId('retention-batches')).toContainText('Kept')
  await panel.getByLabel('Connection Sandbox').fill('30')
  await panel.getByRole('button', { name: 'Save' }).click()
  await expect(app.getByText('Retention saved.')).toBeVisible()
  const batches = panel.getByTestId('retention-batches')
  await expect(batches).toContainText('To be purged on')

  await batches.getByRole('button', { name: 'Keep longer' }).click()
  const extend = app.getByTestId('retention-extend')
  await extend.getByLabel('More days').fill('60')
  await extend.getByLabel(/^Reason/).fill('Open labour claim')
  await extend.getByRole('button', { name: 'Keep longer' }).click()
  await expect(batches).toContainText('Kept longer: Open labour claim')

  await app.getByRole('tab', { name: 'Audit log' }).click()
  const audit = app.getByTestId('audit-panel')
  await expect(audit.getByTestId('audit-verify')).toContainText(/The chain of \d+ entries verifies/)
  const entries = audit.getByTestId('audit-entries')
  await expect(entries).toContainText('Retention extended')
  await expect(entries).toContainText('Settings changed')
  // Entries say what and how many, never who was checked.
  await expect(entries).not.toContainText('Open labour claim')
  await expect(entries).not.toContainText('Persona 1')

  await audit.getByLabel('Action').selectOption('retention.extended')
  await expect(entries.getByRole('row')).toHaveCount(2)
  const downloading = app.waitForEvent('download')
  await audit.getByRole('button', { name: 'Save as csv' }).click()
  const file = join(testInfo.outputDir, 'audit.csv')
  await (await downloading).saveAs(file)
  const csv = readFileSync(file, 'utf8')
  expect(csv).toContain('retention.extended')
  expect(csv).not.toContain('settings.changed')
  const printing = app.waitForEvent('download')
  await audit.getByRole('button', { name: 'Save as PDF' }).click()
  const pdf = join(testInfo.outputDir, 'audit.pdf')
  await (await printing).saveAs(pdf)
  const text = pdfText(pdf).replace(/\s+/g, ' ')
  expect(text).toContain('Lote audit log')
  expect(text).toMatch(/The chain of \d+ entries verifies/)
  expect(text).toContain('retention.extended')

  await useLanguage(app, 'es')
  await openPrivacy(app, /^Registro de auditoría$/)
  await expect(app.getByTestId('audit-verify')).toContainText(/La cadena de \d+ entradas se verifica/)
  await expect(app.getByTestId('audit-entries')).toContainText('Conservación extendida')

  await useLanguage(app, 'pt-BR')
  await openPrivacy(app, /^Registro de auditoria$/)
  await expect(app.getByTestId('audit-verify')).toContainText(/A cadeia de \d+ entradas é verificada/)
  await expect(app.getByTestId('audit-entries')).toContainText('Retenção estendida')
})

test('the export card says an unprotected export leaves Lote, and a password makes it a protected zip', async ({
  app,
  host
}, testInfo) => {
  await historyInEnglish(app, host.dataDir, 'b-abril')
  await app
    .getByTestId('history-row')
    .filter({ hasText: 'Nómina 3' })
    .getByRole('button', { name: 'Open', exact: true })
    .click()
  const card = app.locator('.export-card')
  await expect(card.getByTestId('export-protection')).toContainText("leaves Lote's protection")

  await card.getByLabel('Password (optional)').fill('short')
  await expect(card.getByRole('button', { name: 'Excel (.xlsx)' })).toBeDisabled()
  await card.getByLabel('Password (optional)').fill('a long enough secret')
  await expect(card.getByTestId('export-protection')).toContainText('zip protected by this password')
  const downloading = app.waitForEvent('download')
  await card.getByRole('button', { name: 'Excel (.xlsx)' }).click()
  const download = await downloading
  expect(download.suggestedFilename()).toMatch(/-results\.xlsx\.zip$/)
  const file = join(testInfo.outputDir, 'protected.zip')
  await download.saveAs(file)
  const listing = execFileSync('7zz', ['l', '-slt', file], { encoding: 'utf8' })
  expect(listing).toContain('Method = AES-256 Deflate')
})

test("History's quick exports offer the same password: short is refused, a long one makes a protected zip", async ({
  app,
  host
}, testInfo) => {
  await historyInEnglish(app, host.dataDir, 'b-mayo')
  const protection = app.getByTestId('history-export-protection')
  await expect(protection).toContainText("leaves Lote's protection")
  const row = app.getByTestId('history-row').filter({ hasText: 'Nómina 3' })
  const csv = row.getByRole('button', { name: /as CSV/ })
  await expect(csv).toBeEnabled()

  const password = app.getByTestId('history-export').getByLabel('Password (optional)')
  await password.fill('short')
  await expect(protection).toContainText('at least 8 characters')
  await expect(csv).toBeDisabled()
  await password.fill('a long enough secret')
  await expect(protection).toContainText('zip protected by this password')
  const downloading = app.waitForEvent('download')
  await csv.click()
  const download = await downloading
  expect(download.suggestedFilename()).toMatch(/\.csv\.zip$/)
  const file = join(testInfo.outputDir, 'history-protected.zip')
  await download.saveAs(file)
  const listing = execFileSync('7zz', ['l', '-slt', file], { encoding: 'utf8' })
  expect(listing).toContain('Method = AES-256 Deflate')
  // Only the password opens it.
  expect(() =>
    execFileSync('7zz', ['t', '-pwrong-password', file], { encoding: 'utf8', stdio: 'pipe' })
  ).toThrow()
  expect(execFileSync('7zz', ['t', '-pa long enough secret', file], { encoding: 'utf8' })).toContain(
    'Everything is Ok'
  )
})
