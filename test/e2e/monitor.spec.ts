// What the monitor and the results tell the analyst when Truora loses checks Lote created: the rows say so,
// are counted apart, are never read as low risk, and are checked again in one click.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test, expect, startServe, startSandboxProcess } from './fixtures'

/** `lote run` in the background, as a script would start it; resolves with its exit code and output. */
function loteRun(args: string[]): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['bin/lote.js', 'run', ...args], {
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })))
}

test('checks Truora lost are shown as lost in the monitor and the results, and checked again in one click', async ({
  page
}) => {
  test.setTimeout(180_000)
  const dir = mkdtempSync(join(tmpdir(), 'lote-e2e-lost-'))
  const dataDir = join(dir, 'data')
  writeFileSync(
    join(dir, 'personas.csv'),
    [
      'Nombre;Apellido;Documento de identidad',
      'Lucía;Muñoz;1010101000',
      'Luis;Peña;1010101017',
      'Ana;Díaz;1010101020'
    ].join('\r\n')
  )
  // Truora holds every check back, so the batch is still following them when they disappear.
  const sandbox = await startSandboxProcess({ stuckRate: 1 })
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  let host: Awaited<ReturnType<typeof startServe>> | undefined
  try {
    const run = loteRun([
      join(dir, 'personas.csv'),
      '--country',
      'CO',
      '--type',
      'person',
      '--map',
      'national_id=Documento de identidad',
      '--sandbox-url',
      sandbox.url,
      '--give-up-after',
      '48h',
      '--i-have-authorization',
      '--data-dir',
      dataDir
    ])
    const polls = async () =>
      ((await (await fetch(`${sandbox.url}/__sandbox/stats`)).json()) as { requests: Record<string, number> })
        .requests['GET /v1/checks/{check_id}'] ?? 0
    await expect.poll(async () => (await sandbox.stats()).checksCreated, { timeout: 60_000 }).toBe(3)
    await expect.poll(polls, { timeout: 60_000 }).toBeGreaterThanOrEqual(3)
    // The Sandbox forgets everything, as a Truora that deleted the checks would: they answer 404 from now on.
    expect((await fetch(`${sandbox.url}/__sandbox/reset`, { method: 'POST' })).ok).toBe(true)
    const ended = await run
    expect(ended.output).toContain('3 lost (Truora no longer finds their check)')
    expect(ended.code).toBe(1)

    await sandbox.configure({ stuckRate: 0 })
    host = await startServe(dataDir)
    await page.goto(host.openUrl)
    await expect(page.getByTestId('active-connection')).toBeVisible()
    await page.getByRole('navigation').getByRole('button', { name: 'History' }).click()
    const historyRow = page.getByTestId('history-row').filter({ hasText: 'personas.csv' })
    await expect(historyRow.getByTestId('batch-status')).toHaveText('Failed')
    await historyRow.getByRole('button', { name: 'Open', exact: true }).click()

    // The results: each row says its check was lost, none reads as low risk, and the notice offers a new check.
    const notice = page.getByTestId('notice-lost')
    await expect(notice).toContainText('Truora no longer finds the checks of 3 rows.')
    const grid = page.getByTestId('results-grid')
    await expect(grid.locator('.vgrid-row').filter({ hasText: 'Lost by Truora' })).toHaveCount(3)
    await expect(grid.locator('.vgrid-row .risk').filter({ hasText: 'Low risk' })).toHaveCount(0)

    // The monitor counts them apart and offers the re-run, saying what it does.
    await page.getByRole('tab', { name: 'Monitor' }).click()
    await expect(page.getByTestId('count-lost')).toHaveText('Lost by Truora 3')
    await expect(page.getByTestId('rerun')).toHaveText(/Re-run 3 rows without a result/)
    await expect(page.getByTestId('rerun-help')).toContainText('get a new check')

    // Check them again from the results: new checks, and this time the batch completes.
    await page.getByRole('tab', { name: 'Results' }).click()
    await notice.getByRole('button', { name: 'Check them again' }).click()
    await expect(notice).toBeHidden({ timeout: 60_000 })
    await page.getByRole('tab', { name: 'Monitor' }).click()
    await expect(page.getByTestId('batch-status')).toHaveText('Completed', { timeout: 60_000 })
    expect((await sandbox.stats()).checksCreated).toBe(3)
    expect((await sandbox.stats()).duplicates).toBe(0)
    expect(errors, 'the page threw').toEqual([])
  } finally {
    await host?.stop()
    await sandbox.stop()
    rmSync(dir, { recursive: true, force: true })
  }
})
