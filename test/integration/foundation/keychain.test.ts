// Runs against the real Secret Service (gnome-keyring) that the test script starts on a private D-Bus.
import { describe, expect, it } from 'vitest'
import { execFileSync } from 'node:child_process'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { KeytarSecretStore } from '../../../src/main/store/secrets'
import { keychainRequired } from '../../helpers/env'

const hasBus = Boolean(process.env.DBUS_SESSION_BUS_ADDRESS)

describe.runIf(hasBus || keychainRequired)('the OS keychain through keytar', () => {
  const store = new KeytarSecretStore('lote-test')
  const account = `profile-${Date.now()}`

  it('is reachable', async () => {
    await expect(store.probe()).resolves.toBeUndefined()
  })

  it('sets, reads, replaces and deletes a key, accents included', async () => {
    expect(await store.get(account)).toBeNull()
    await store.set(account, 'first-key-123456')
    expect(await store.get(account)).toBe('first-key-123456')
    await store.set(account, 'segunda-clave-ñandú-çã')
    expect(await store.get(account)).toBe('segunda-clave-ñandú-çã')
    expect(await store.delete(account)).toBe(true)
    expect(await store.get(account)).toBeNull()
    expect(await store.delete(account)).toBe(false)
  })

  it('keeps keys of different profiles apart', async () => {
    await store.set(`${account}-a`, 'key-aaaaaaaa')
    await store.set(`${account}-b`, 'key-bbbbbbbb')
    expect(await store.get(`${account}-a`)).toBe('key-aaaaaaaa')
    expect(await store.get(`${account}-b`)).toBe('key-bbbbbbbb')
    await store.delete(`${account}-a`)
    await store.delete(`${account}-b`)
  })
})

describe('without a Secret Service', () => {
  it('says plainly that the keychain is unavailable and what to do', () => {
    // libsecret keeps its first bus connection for the life of the process, so this runs in a fresh one,
    // pointed at a bus address where nothing listens, as on a desktop without a keyring.
    const script = `
      const { KeytarSecretStore } = await import(${JSON.stringify(pathToFileURL(resolve('src/main/store/secrets.ts')).href)})
      const error = await new KeytarSecretStore('lote-test-missing').get('x').catch((e) => e)
      console.log(JSON.stringify({ code: error?.code, message: error?.message }))
    `
    const output = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/lote-bus', DISPLAY: '' },
      encoding: 'utf8',
      timeout: 60_000
    })
    const result = JSON.parse(output.trim().split('\n').pop()!) as { code: string; message: string }
    expect(result.code).toBe('keychain_unavailable')
    expect(result.message).toMatch(/keychain could not be reached.*gnome-keyring/s)
  })
})
