// Each test gets its own `lote serve` process (the browser host) with a fresh data folder, started exactly as
// a user starts it, and a page opened at the address it prints.
import { test as base, expect, type Page } from '@playwright/test'
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface HostProcess {
  url: string
  openUrl: string
  token: string
  dataDir: string
  output: () => string
  stop(): Promise<void>
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
      const match = /running at (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(output)
      if (match) resolve(match[1])
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.once('exit', (code) => reject(new Error(`lote serve exited with ${code}:\n${output}`)))
  })
  const url = openUrl.split('/#')[0]
  return {
    url,
    openUrl,
    token: openUrl.split('#token=')[1],
    dataDir,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
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
