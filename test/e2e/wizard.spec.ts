// The analyst's whole path through the app: drop a spreadsheet, accept the mapping, fix a row, authorise,
// run, watch, review, export — and what happens when things go wrong on the way.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import type { Page } from '@playwright/test'
import { test, expect, startSandboxProcess, toEnglish, type SandboxProcess, openSample } from './fixtures'

/** A realistic candidates sheet: a title row, Spanish headers, one row with a typo in the cédula. */
async function candidatesFile(dir: string): Promise<string> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('Candidatos')
  sheet.addRow(['Proceso de selección — noviembre'])
  sheet.addRow([])
  sheet.addRow(['Cédula', 'Nombres', 'Apellidos', 'Fecha de nacimiento'])
  sheet.addRow(['1010101000', 'María José', 'Gómez Restrepo', '14/05/1990'])
  sheet.addRow(['1.010.101.011', 'Juan Carlos', 'Pérez Ríos', '03/11/1985'])
  sheet.addRow(['10101O1033', 'Ana Lucía', 'Martínez', '29/02/1992'])
  sheet.addRow(['1010101055', 'Luis', 'Castaño Mejía', '01/01/1979'])
  const file = join(dir, 'candidatos.xlsx')
  await workbook.xlsx.writeFile(file)
  return file
}

/** From the Start screen to the confirm step, fixing the one bad cédula on the way. */
async function toConfirm(
  app: Page,
  file: string,
  options: { engine?: 'direct' | 'truora-batch'; type?: string; concurrency?: number } = {}
) {
  await app.getByRole('navigation').getByRole('button', { name: 'Start' }).click()
  await app.getByTestId('file-input').setInputFiles(file)
  // One sheet whose headers Lote knows, below a title: nothing to decide there, so the wizard goes on to the
  // country and type and says what it took.
  await expect(app.getByTestId('sheet-passed')).toContainText('Sheet “Candidatos”, headers on row 3, 4 rows')
  if (options.type) await app.getByLabel('Check type').selectOption(options.type)
  await app.getByRole('button', { name: 'Continue' }).click()
  const mapping = app.getByTestId('mapping-table')
  await expect(mapping.getByLabel('Truora input: Cédula')).toHaveValue('national_id')
  // Colombian checks take no names: the column is left out, and the wizard says why.
  await expect(mapping.getByLabel('Truora input: Nombres')).toHaveValue('')
  await expect(mapping.getByTestId('reasons-1')).toContainText('this country and check type do not take it')
  await app.getByRole('button', { name: 'Continue' }).click()

  const counts = app.getByTestId('import-counts')
  await expect(counts).toContainText('3 ready')
  await expect(counts).toContainText('1 with errors')
  await app.getByRole('radio', { name: 'Only errors' }).click()
  await app.getByRole('button', { name: /^Cédula, Row 6/ }).click()
  await app.getByRole('textbox', { name: 'Cédula, Row 6' }).fill('1010101033')
  await app.keyboard.press('Enter')
  await expect(counts).toContainText('4 ready')
  await expect(counts).toContainText('0 with errors')
  await app.getByRole('button', { name: 'Continue' }).click()

  // How the batch runs sits under Advanced, closed: a first batch needs none of it.
  const advanced = app.getByTestId('advanced-options')
  await expect(advanced).not.toHaveAttribute('open')
  await expect(app.getByLabel(/Truora batch/)).toBeHidden()
  if (options.engine || options.concurrency) await advanced.getByText('Advanced').click()
  if (options.engine === 'truora-batch') await app.getByLabel(/Truora batch/).check()
  if (options.concurrency)
    await app.getByLabel('Checks created at the same time').fill(String(options.concurrency))
  await app.getByRole('button', { name: 'Continue' }).click()
  await expect(app.getByTestId('checks-to-create')).toHaveText('4 checks will be created.')
}

/** On the confirm step: authorise and run. */
async function authoriseAndRun(app: Page) {
  const run = app.getByRole('button', { name: 'Run 4 checks' })
  await expect(run).toBeDisabled()
  await expect(app.getByTestId('run-blocked')).toHaveText('Confirm the authorisation above to run.')
  await app.getByLabel(/I confirm that every person/).check()
  await run.click()
  await expect(app.getByRole('tab', { name: 'Monitor' })).toHaveAttribute('aria-selected', 'true')
}

/** From the Start screen to a running batch, fixing the one bad cédula on the way. */
async function runWizard(
  app: Page,
  file: string,
  options: { engine?: 'direct' | 'truora-batch'; type?: string; concurrency?: number } = {}
) {
  await toConfirm(app, file, options)
  await authoriseAndRun(app)
}

async function exportedRows(app: Page, dir: string): Promise<Map<string, Record<string, string>>> {
  const downloading = app.waitForEvent('download')
  await app.getByRole('button', { name: 'Excel (.xlsx)' }).click()
  const file = join(dir, 'exported.xlsx')
  await (await downloading).saveAs(file)
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.readFile(file)
  const sheet = workbook.worksheets[0]
  const headers = (sheet.getRow(1).values as unknown[]).map((v) => String(v ?? ''))
  const rows = new Map<string, Record<string, string>>()
  sheet.eachRow((row, n) => {
    if (n === 1) return
    const record: Record<string, string> = {}
    headers.forEach((h, i) => h && (record[h] = String(row.getCell(i).value ?? '')))
    rows.set(record['Cédula'], record)
  })
  return rows
}

for (const engine of ['direct', 'truora-batch'] as const) {
  test(`from a dropped xlsx to exported results with the ${engine} engine`, async ({ app }) => {
    test.setTimeout(180_000)
    const dir = mkdtempSync(join(tmpdir(), 'lote-wizard-'))
    try {
      await toEnglish(app)
      await runWizard(app, await candidatesFile(dir), { engine })
      await expect(app.getByTestId('batch-status')).toHaveText('Completed', { timeout: 120_000 })
      // …55 is the Sandbox's "Truora could not finish this check" case.
      await expect(app.getByTestId('count-completed')).toContainText('3')
      await expect(app.getByTestId('count-error')).toContainText('1')

      await app.getByRole('button', { name: 'View results' }).click()
      const grid = app.getByTestId('results-grid')
      await expect(grid).toHaveAttribute('aria-rowcount', '5')
      // The criminal record (…11) is high risk; its drawer shows the datasets and the details Truora found.
      const risky = grid.locator('.vgrid-row').filter({ hasText: '1010101011' })
      await expect(risky).toContainText('High risk')
      await risky.click()
      const drawer = app.getByTestId('check-drawer')
      await expect(drawer.getByTestId('drawer-datasets')).toContainText(/Criminal record/i)
      await expect(drawer.getByTestId('drawer-details').locator('details').first()).toBeVisible()
      await drawer.getByRole('button', { name: 'Close' }).click()

      const rows = await exportedRows(app, dir)
      // The analyst's own columns come back as written (dots included), with the fixed cell as fixed.
      expect([...rows.keys()].sort()).toEqual(['1.010.101.011', '1010101000', '1010101033', '1010101055'])
      const exported = rows.get('1.010.101.011')!
      expect(exported['Nombres']).toBe('Juan Carlos')
      expect(exported['Check ID']).toMatch(/^CHK/)
      expect(exported['Risk']).toMatch(/high/i)
      // The fixed cédula was sent as fixed.
      expect(rows.get('1010101033')!['Check ID']).toMatch(/^CHK/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
}

/** A Truora connection to a Sandbox the test controls, added through the Connections screen. */
async function addConnection(app: Page, sandbox: SandboxProcess, key: string) {
  await app.getByRole('navigation').getByRole('button', { name: 'Connections' }).click()
  await app.getByRole('button', { name: 'Add a Truora account' }).click()
  await app.getByLabel('Name').fill('Staging')
  await app.getByLabel('API key').fill(key)
  await app.getByText('Advanced').click()
  await app.getByLabel('Checks API address').fill(sandbox.url)
  await app.getByLabel('Batch API address').fill(sandbox.url)
  await app.getByRole('button', { name: 'Save' }).click()
  const card = app.getByTestId('profile-Staging')
  await expect(card.getByTestId('key-state')).toHaveText('Key not tested')
  await card.getByRole('button', { name: 'Use this connection' }).click()
  await expect(app.getByTestId('active-connection')).toContainText('Staging')
}

/**
 * The usual setup of a run against a Sandbox of the test's own: the app in English, a Sandbox process with
 * these knobs added as the active connection with `key`, and the candidates file in a folder of the test's
 * own. The Sandbox is stopped and the folder removed however `steps` ends.
 */
async function withStagingSandbox(
  app: Page,
  knobs: Record<string, unknown>,
  steps: (sandbox: SandboxProcess, file: string) => Promise<void>,
  key = 'valid-key-654321'
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'lote-staging-'))
  const sandbox = await startSandboxProcess(knobs)
  try {
    await toEnglish(app)
    await addConnection(app, sandbox, key)
    await steps(sandbox, await candidatesFile(dir))
  } finally {
    await sandbox.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}

test('a refused key is blocked before anything is sent, and fixed in place on the confirm step', async ({
  app
}) => {
  test.setTimeout(180_000)
  await withStagingSandbox(
    app,
    { timeScale: 200, refusedKeys: ['revoked-key-123456'] },
    async (sandbox, file) => {
      await toConfirm(app, file)
      // The confirm step tested the key: refused, said so in words, and Run says why it cannot be pressed.
      const blocked = app.getByTestId('key-blocked')
      await expect(blocked).toContainText('Truora refused the API key of “Staging”')
      await expect(app.getByTestId('key-state')).toHaveText('Key refused')
      await app.getByLabel(/I confirm that every person/).check()
      await expect(app.getByRole('button', { name: 'Run 4 checks' })).toBeDisabled()
      await expect(app.getByTestId('run-blocked')).toHaveText(
        'The connection’s key has to work first (see above).'
      )
      expect((await sandbox.stats()).checksCreated).toBe(0)

      // Fixed where it blocked: paste a key that works, and Run is enabled.
      await blocked.getByLabel('New API key').fill('valid-key-654321')
      await blocked.getByRole('button', { name: 'Save and test' }).click()
      await expect(blocked).toBeHidden()
      await expect(app.getByTestId('key-state')).toHaveText('Key works')
      await expect(app.getByTestId('run-blocked')).toBeHidden()
      await app.getByRole('button', { name: 'Run 4 checks' }).click()
      await expect(app.getByTestId('batch-status')).toHaveText('Completed', { timeout: 60_000 })
      expect((await sandbox.stats()).checksCreated).toBe(4)
      expect((await sandbox.stats()).duplicates).toBe(0)
    },
    'revoked-key-123456'
  )
})

test('a batch stopped by a refused key waits, paused, and resumes once a new key works', async ({ app }) => {
  test.setTimeout(180_000)
  await withStagingSandbox(app, { timeScale: 200 }, async (sandbox, file) => {
    await toConfirm(app, file)
    await expect(app.getByTestId('key-state')).toHaveText('Key works')
    // The key is revoked on Truora's side after the confirm step tested it.
    await sandbox.configure({ refusedKeys: ['valid-key-654321'] })
    await authoriseAndRun(app)
    const panel = app.getByTestId('key-refused')
    await expect(panel).toContainText('Paused: Truora refused the API key', { timeout: 60_000 })
    await expect(app.getByTestId('batch-status')).toHaveText('Paused')
    expect((await sandbox.stats()).checksCreated).toBe(0)

    await panel.getByLabel('New API key').fill('other-valid-key-777')
    await panel.getByRole('button', { name: 'Save and test' }).click()
    await expect(app.getByTestId('batch-status')).toHaveText('Completed', { timeout: 60_000 })
    await expect(panel).toBeHidden()
    expect((await sandbox.stats()).checksCreated).toBe(4)
    expect((await sandbox.stats()).duplicates).toBe(0)
  })
})

test('a connection that drops mid-batch is retried until every row has exactly one check', async ({
  app
}) => {
  test.setTimeout(180_000)
  await withStagingSandbox(app, { timeScale: 200 }, async (sandbox, file) => {
    await toConfirm(app, file)
    await expect(app.getByTestId('key-state')).toHaveText('Key works')
    // From the run on, every other request dies with a dropped connection, some after Truora already acted.
    await sandbox.configure({ faultRate: 0.5, faultModes: ['drop-before', 'drop-after'] })
    await authoriseAndRun(app)
    await expect(app.getByTestId('batch-status')).toHaveText('Completed', { timeout: 120_000 })
    await expect(app.getByTestId('count-completed')).toContainText('3')
    await expect(app.getByTestId('count-error')).toContainText('1')
    expect((await sandbox.stats()).duplicates).toBe(0)
    expect((await sandbox.stats()).checksCreated).toBe(4)
  })
})

test('a corrupt file is refused with a message that names it, and the app stays usable', async ({ app }) => {
  await toEnglish(app)
  await app.getByRole('navigation').getByRole('button', { name: 'Start' }).click()
  await app.getByTestId('file-input').setInputFiles('test/fixtures/corrupt.xlsx')
  await expect(app.getByTestId('problems')).toContainText(
    '“corrupt.xlsx” is damaged or is not really an Excel file.'
  )
  await expect(app.getByTestId('drop-zone')).toBeVisible()
  await app.getByTestId('file-input').setInputFiles('test/fixtures/candidatos-co.xlsx')
  // Its data sheet comes after a sheet of instructions: the sheet step stops for the analyst to see.
  await expect(app.getByTestId('sheet-preview')).toBeVisible()
  await expect(app.getByLabel('Sheet', { exact: true })).toHaveValue('Candidatos')
})

test('custom types: weights must sum to 1, and a saved type runs a batch', async ({ app }) => {
  test.setTimeout(180_000)
  const dir = mkdtempSync(join(tmpdir(), 'lote-custom-'))
  try {
    await toEnglish(app)
    await app.getByRole('navigation').getByRole('button', { name: 'Custom types' }).click()
    await app.getByRole('button', { name: 'New custom type' }).click()
    await app.getByLabel('Type name').fill('staff-co')
    await app.getByLabel('Search this dataset: Criminal record').check()
    await app.getByLabel('Weight Criminal record').fill('0.5')
    await app.getByLabel('Search this dataset: Personal identity').check()
    await app.getByLabel('Weight Personal identity').fill('0.3')
    await expect(app.getByTestId('weight-sum')).toContainText('they must add up to 1')
    await expect(app.getByRole('button', { name: 'Save type' })).toBeDisabled()
    await app.getByRole('button', { name: 'Normalise to 1' }).click()
    await expect(app.getByTestId('weight-sum')).toContainText('The weights add up to 1.')
    await app.getByRole('button', { name: 'Save type' }).click()
    await expect(app.getByTestId('custom-type-staff-co')).toContainText('Criminal record')

    await runWizard(app, await candidatesFile(dir), { type: 'staff-co' })
    await expect(app.getByTestId('batch-status')).toHaveText('Completed', { timeout: 120_000 })
    await expect(app.getByText(/staff-co/).first()).toBeVisible()
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

test('a running batch can be paused, resumed and cancelled from the monitor without a check made twice', async ({
  app
}) => {
  test.setTimeout(180_000)
  // Slow answers and one create at a time leave room to act while the batch runs.
  await withStagingSandbox(app, { timeScale: 200, latencyMs: 700 }, async (sandbox, file) => {
    await runWizard(app, file, { concurrency: 1 })
    await app.getByRole('button', { name: 'Pause' }).click()
    await expect(app.getByTestId('batch-status')).toHaveText('Paused', { timeout: 30_000 })
    const createdWhilePaused = (await sandbox.stats()).checksCreated
    expect(createdWhilePaused).toBeLessThan(4)
    // Nothing is sent while paused.
    await expect
      .poll(async () => (await sandbox.stats()).checksCreated, { timeout: 3000 })
      .toBe(createdWhilePaused)

    await app.getByRole('button', { name: 'Resume' }).click()
    await expect(app.getByTestId('batch-status')).toHaveText('Running')
    await app.getByRole('button', { name: 'Cancel batch…' }).click()
    await app.getByRole('dialog').getByRole('button', { name: 'Stop and collect created checks' }).click()
    await expect(app.getByTestId('batch-status')).toHaveText('Cancelled', { timeout: 60_000 })
    const stats = await sandbox.stats()
    expect(stats.duplicates).toBe(0)
    // The checks made before the cancel were still followed to the end; the rest were never sent.
    const completed = Number((await app.getByTestId('count-completed').innerText()).replace(/\D/g, ''))
    const errors = Number((await app.getByTestId('count-error').innerText()).replace(/\D/g, ''))
    expect(completed + errors).toBe(stats.checksCreated)
  })
})

test('a sample opened once is offered again under recent files', async ({ app }) => {
  await toEnglish(app)
  await openSample(app, /Colombia · Person/)
  await expect(app.getByTestId('sheet-passed')).toBeVisible()
  await app.getByRole('button', { name: 'Continue' }).click()
  await app.getByRole('button', { name: 'Continue' }).click()
  await expect(app.getByTestId('import-counts')).toBeVisible()
  await app.getByRole('navigation').getByRole('button', { name: 'Start' }).click()
  const recent = app.getByTestId('recent-files').getByRole('button').first()
  await expect(recent).toContainText('co-person.xlsx')
  await recent.click()
  await expect(app.getByTestId('sheet-passed')).toBeVisible()
})

test('answers the documentation allows but Lote does not know are shown for what they are, and the batch still ends', async ({
  app
}) => {
  test.setTimeout(180_000)
  // Every check ends in a final status Lote does not know, and every list comes in an unknown shape.
  await withStagingSandbox(
    app,
    {
      timeScale: 500,
      unknownStatusRate: 1,
      unknownStatus: 'expired',
      listShape: 'unknown'
    },
    async (sandbox, file) => {
      await app.getByTestId('profile-Staging').getByTestId('key-version').selectOption('1')
      await expect(app.getByTestId('profile-Staging').getByTestId('key-version')).toHaveValue('1')
      await runWizard(app, file, { engine: 'truora-batch' })
      await expect(app.getByTestId('batch-status')).toHaveText('Completed', { timeout: 120_000 })
      await expect(app.getByTestId('count-unknownFinal')).toContainText('4')

      await app.getByRole('button', { name: 'View results' }).click()
      const notices = app.getByTestId('batch-notices')
      await expect(notices.getByTestId('notice-unknown-status')).toContainText(
        '4 checks ended in a status Lote does not know.'
      )
      await expect(notices.getByTestId('notice-unknown-shape')).toContainText(
        'Truora answered in a way Lote does not know.'
      )
      // Listing by report_id came in an unknown shape: the checks were found in Truora's report file.
      await expect(notices.getByTestId('notice-found-by')).toHaveText(
        "Checks found by: Truora's report file (4)."
      )
      const grid = app.getByTestId('results-grid')
      const row = grid.locator('.vgrid-row').filter({ hasText: '1010101000' })
      await expect(row).toContainText('Status Lote does not know: expired')
      await expect(row).toContainText('Not scored')
    }
  )
})

test('an outage is shown in the monitor as it happens, with what Lote does, and its end too', async ({
  app
}) => {
  test.setTimeout(180_000)
  // Slow checks keep the batch waiting on Truora long enough for an outage to happen in the middle.
  await withStagingSandbox(app, { timeScale: 20 }, async (sandbox, file) => {
    await runWizard(app, file)
    await expect(app.getByTestId('phase')).toHaveText('Waiting for results', { timeout: 60_000 })
    // Truora stops answering: every request now dies before it arrives.
    await sandbox.configure({ faultRate: 1, faultModes: ['drop-before'] })
    const outage = app.locator('[data-testid="batch-warning"][data-code="connection"]')
    await expect(outage).toContainText('Waiting for the connection', { timeout: 60_000 })
    await expect(outage).toContainText('The batch waits, and goes on by itself as soon as Truora answers.')
    await expect(app.getByTestId('batch-status')).toHaveText('Running')
    // Truora is back: the outage gives way to the recovery, and the batch ends with one check per row.
    await sandbox.configure({ faultRate: 0 })
    const recovered = app.locator('[data-testid="batch-warning"][data-code="recovered"]')
    await expect(recovered).toContainText('Truora answers again', { timeout: 60_000 })
    await expect(outage).toBeHidden()
    await expect(app.getByTestId('batch-status')).toHaveText('Completed', { timeout: 120_000 })
    expect((await sandbox.stats()).checksCreated).toBe(4)
    expect((await sandbox.stats()).duplicates).toBe(0)
  })
})

test('checks Truora holds back are called out, with when Lote gives up on them', async ({ app }) => {
  test.setTimeout(180_000)
  // Every check stays `delayed` at Truora.
  await withStagingSandbox(app, { timeScale: 200, stuckRate: 1 }, async (sandbox, file) => {
    await runWizard(app, file)
    const callout = app.getByTestId('delayed-callout')
    await expect(callout).toContainText('4 checks are delayed at Truora', { timeout: 60_000 })
    await expect(callout).toContainText('by')
    await expect(callout).toContainText('at the latest it gives up on them')
    // The time left is not a pace that says "a second" while checks wait.
    await expect(app.getByTestId('eta')).toContainText('Waiting for delayed checks')
    await expect(app.getByTestId('batch-status')).toHaveText('Running')
  })
})
