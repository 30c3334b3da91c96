// Each test gets its own `lote serve` process (the browser host) with a fresh data folder, started exactly as
// a user starts it, and a page opened at the address it prints.
import { test as base, expect, type Page } from '@playwright/test'
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface HostProcess {
  url: string
  /** The one-time address `lote serve` printed (spent once a browser opened it). */
  openUrl: string
  dataDir: string
  output: () => string
  stop(): Promise<void>
  /** Ends the process at once, as a crash or a power cut would. */
  kill(): Promise<void>
}

export async function startServe(dataDir: string, env: NodeJS.ProcessEnv = {}): Promise<HostProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['bin/lote.js', 'serve', '--port', '0', '--data-dir', dataDir],
    {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe']
    }
  )
  let output = ''
  const openUrl = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const match = /running at (http:\/\/127\.0\.0\.1:\d+\/launch\/\S+)/.exec(output)
      if (match) resolve(match[1])
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.once('exit', (code) => reject(new Error(`lote serve exited with ${code}:\n${output}`)))
  })
  const url = openUrl.split('/launch/')[0]
  return {
    url,
    openUrl,
    dataDir,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
    kill: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGKILL')
      })
  }
}

export const test = base.extend<{ host: HostProcess; app: Page }>({
  // Playwright requires the destructuring pattern even when a fixture uses no other fixture.
  // eslint-disable-next-line no-empty-pattern
  host: async ({}, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lote-e2e-'))
    const host = await startServe(dataDir)
    await use(host)
    await host.stop()
    rmSync(dataDir, { recursive: true, force: true })
  },
  app: async ({ page, host }, use) => {
    const errors: string[] = []
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text())
    })
    page.on('pageerror', (error) => errors.push(error.message))
    await page.goto(host.openUrl)
    await expect(page.getByTestId('active-connection')).toBeVisible()
    await use(page)
    expect(errors, 'the page logged errors').toEqual([])
  }
})

export { expect }

/** A Sandbox of the test's own, as its own `lote sandbox` process, driven through its /__sandbox/ test API. */
export interface SandboxProcess {
  url: string
  stats(): Promise<{ checksCreated: number; duplicates: number }>
  configure(knobs: Record<string, unknown>): Promise<void>
  stop(): Promise<void>
}

export async function startSandboxProcess(knobs: Record<string, unknown> = {}): Promise<SandboxProcess> {
  const child = spawn(process.execPath, ['bin/lote.js', 'sandbox', '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let output = ''
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const match = /^Sandbox listening on (http:\/\/127\.0\.0\.1:\d+)/m.exec(output)
      if (match) resolve(match[1])
    })
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.once('exit', (code) => reject(new Error(`lote sandbox exited with ${code}:\n${output}`)))
  })
  const configure = async (changes: Record<string, unknown>) => {
    const response = await fetch(`${url}/__sandbox/config`, { method: 'POST', body: JSON.stringify(changes) })
    if (!response.ok) throw new Error(`Sandbox refused ${JSON.stringify(changes)}: ${await response.text()}`)
  }
  await configure(knobs)
  return {
    url,
    configure,
    stats: async () =>
      (await (await fetch(`${url}/__sandbox/stats`)).json()) as { checksCreated: number; duplicates: number },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      })
  }
}

/** Switches the app to English from the Preferences screen (its default language follows the system). */
export async function toEnglish(app: Page): Promise<void> {
  await app
    .getByRole('navigation')
    .getByRole('button', { name: /Preferencias|Settings|Preferências/ })
    .click()
  await app.getByLabel(/Idioma|Language/).selectOption('en')
  await expect(app.getByRole('heading', { level: 1 })).toHaveText('Settings')
}

/** From the Start screen, opens one of Lote's bundled samples by the label its button shows ("Brazil · Person"). */
export async function openSample(app: Page, label: RegExp): Promise<void> {
  await app.getByRole('navigation').getByRole('button', { name: 'Start' }).click()
  await app.getByRole('button', { name: label }).first().click()
}
