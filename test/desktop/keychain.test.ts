// Where the keychain is missing, the desktop app offers to keep keys encrypted with Electron's safeStorage, and
// says exactly what is wrong: no Secret Service on this desktop, or no keychain module in this copy of Lote.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type { Envelope } from '../../src/shared/result'
import { makeTempDir } from '../helpers/env'
import { launchDesktopApp } from './harness'

// A desktop without a Secret Service: keytar is installed, but nothing answers on the session bus (libsecret
// binds to the first bus it sees, and this file runs in a process of its own).
const bus = process.env.DBUS_SESSION_BUS_ADDRESS
const display = process.env.DISPLAY
beforeAll(() => {
  process.env.DBUS_SESSION_BUS_ADDRESS = 'unix:path=/nonexistent/lote-bus'
  process.env.DISPLAY = ''
})
afterAll(() => {
  process.env.DBUS_SESSION_BUS_ADDRESS = bus
  process.env.DISPLAY = display
})

function unwrap<T>(envelope: Envelope<T>): T {
  if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`)
  return envelope.value
}

const KEY = 'tru0ra-live-key-0123456789abcdef'

describe('without a keychain', () => {
  const dataDir = makeTempDir('lote-desktop-keys-')
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

  it('offers safeStorage, keeps the key encrypted with it, and finds it after a restart', async () => {
    const app = await launchDesktopApp({ dataDir })
    const status = unwrap(await app.api.keychain.status())
    expect(status).toMatchObject({ backend: 'keychain', available: false, fallbackAvailable: true })
    expect(status.message).toMatch(/could not be reached/)
    expect(status.message).toMatch(/encrypted by your operating system/)

    const profile = unwrap(await app.api.profiles.create({ name: 'Producción' }))
    const refused = await app.api.profiles.setKey({ id: profile.id, apiKey: KEY })
    expect(refused).toMatchObject({ ok: false, error: { code: 'keychain_unavailable' } })

    expect(unwrap(await app.api.keychain.useFallback())).toMatchObject({
      backend: 'safeStorage',
      available: true,
      fallbackAvailable: false
    })
    expect(unwrap(await app.api.profiles.setKey({ id: profile.id, apiKey: KEY })).keyConfigured).toBe(true)
    const sealed = readFileSync(join(dataDir, 'keys.enc.json'), 'utf8')
    expect(sealed).not.toContain(KEY)
    expect(sealed).not.toContain(Buffer.from(KEY).toString('base64'))
    expect(await app.quit()).toBe(0)

    const again = await launchDesktopApp({ dataDir })
    expect(unwrap(await again.api.keychain.status())).toMatchObject({
      backend: 'safeStorage',
      available: true
    })
    const profiles = unwrap(await again.api.profiles.list())
    expect(profiles.find((p) => p.id === profile.id)).toMatchObject({ keyConfigured: true })
    expect(await again.quit()).toBe(0)
  })

  it('refuses safeStorage where it would only obfuscate (no keyring at all), and says what to install', async () => {
    const app = await launchDesktopApp({ config: { encryption: 'basic_text' } })
    try {
      const answer = await app.api.keychain.useFallback()
      expect(answer).toMatchObject({ ok: false, error: { code: 'keychain_unavailable' } })
      expect(!answer.ok && answer.error.message).toMatch(/gnome-keyring or KWallet/)
      expect(unwrap(await app.api.keychain.status())).toMatchObject({ backend: 'keychain', available: false })
    } finally {
      await app.quit()
      rmSync(app.dataDir, { recursive: true, force: true })
    }
  })
})

describe('without the keychain module', () => {
  it('starts, says what to install, and still offers safeStorage', async () => {
    // As after an installation where keytar could not be compiled: the package is not there.
    vi.doMock('keytar', () => {
      throw new Error("Cannot find package 'keytar' imported from src/main/store/secrets.ts")
    })
    const app = await launchDesktopApp()
    try {
      const status = unwrap(await app.api.keychain.status())
      expect(status).toMatchObject({ backend: 'keychain', available: false, fallbackAvailable: true })
      expect(status.message).toMatch(/keychain module of this copy of Lote \(keytar\) is not installed/)
      expect(status.message).toMatch(/sudo apt-get install libsecret-1-dev/)
      expect(status.message).toMatch(/npm run setup/)
      // The Sandbox needs no key: the app works.
      expect(unwrap(await app.api.profiles.list()).find((p) => p.active)).toMatchObject({ kind: 'sandbox' })
    } finally {
      await app.quit()
      rmSync(app.dataDir, { recursive: true, force: true })
      vi.doUnmock('keytar')
    }
  })
})
