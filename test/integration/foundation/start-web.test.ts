// npm run start:web on a machine without a desktop session: no keychain answers, so the store's key goes to a
// file only the user can read, outside the data folder, the terminal says where, and the next start uses it.
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { electronViteCommand } from '../../../scripts/electron-binary.mjs'

const home = mkdtempSync(join(tmpdir(), 'lote-start-web-'))
afterAll(() => rmSync(home, { recursive: true, force: true }))

function env(): NodeJS.ProcessEnv {
  const clean: NodeJS.ProcessEnv = {}
  for (const name of ['PATH', 'LANG', 'TMPDIR']) if (process.env[name]) clean[name] = process.env[name]
  return {
    ...clean,
    HOME: home,
    XDG_DATA_HOME: join(home, 'share'),
    XDG_CONFIG_HOME: join(home, 'config'),
    LOTE_SKIP_BUILD: '1'
  }
}

/** Starts the script, waits for the address it prints, stops it; returns what it printed. */
function startOnce(): Promise<string> {
  return new Promise((resolvePrinted, reject) => {
    const child = spawn(process.execPath, ['scripts/start-web.mjs', '--port', '0'], { env: env() })
    let printed = ''
    const onData = (chunk: Buffer) => {
      printed += chunk.toString()
      if (/http:\/\/127\.0\.0\.1:\d+/.test(printed)) child.kill('SIGTERM')
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    child.on('error', reject)
    child.on('exit', () =>
      /http:\/\/127\.0\.0\.1:\d+/.test(printed) ? resolvePrinted(printed) : reject(new Error(printed))
    )
  })
}

describe.skipIf(process.platform !== 'linux')('npm run start:web without a desktop session', () => {
  it('keeps the key in a file only the user can read, says where, and serves with it again', async () => {
    const first = await startOnce()
    const keyFile = join(home, 'share', 'lote-store-key', 'store.key')
    expect(first).toContain(keyFile)
    expect(statSync(keyFile).mode & 0o777).toBe(0o600)
    expect(statSync(join(home, 'share', 'lote-store-key')).mode & 0o777).toBe(0o700)
    const key = readFileSync(keyFile, 'utf8')
    expect(key.trim()).toMatch(/^[0-9a-f]{64}$/)

    const second = await startOnce()
    expect(second).toContain(keyFile)
    expect(readFileSync(keyFile, 'utf8')).toBe(key)
  }, 60_000)
})

describe("electron-vite's command", () => {
  it('is found in the one place npm start and npm run start:web both ask, and runs', () => {
    const version = spawnSync(process.execPath, [electronViteCommand(), '--version'], { encoding: 'utf8' })
    expect(version.status, version.stderr).toBe(0)
    expect(version.stdout).toMatch(/\d+\.\d+\.\d+/)
    for (const script of ['scripts/start-web.mjs', 'scripts/start-desktop.js'])
      expect(readFileSync(script, 'utf8')).toContain('electronViteCommand()')
  })
})
