import { afterEach, describe, expect, it } from 'vitest'
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { SettingsStore } from '../../../src/main/store/settings'
import { defaultSettings, resolveLanguage } from '../../../src/shared/settings'
import { makeTempDir } from '../../helpers/env'

const dirs: string[] = []
function freshDir() {
  const dir = makeTempDir()
  dirs.push(dir)
  return dir
}
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))

describe('settings', () => {
  it('start with the Sandbox as the only, active connection', () => {
    const store = new SettingsStore(freshDir())
    const settings = store.get()
    expect(settings.activeProfileId).toBe('sandbox')
    expect(settings.profiles).toEqual([
      {
        id: 'sandbox',
        name: 'Sandbox',
        kind: 'sandbox',
        checksBaseUrl: null,
        batchBaseUrl: null,
        keyVersion: 0
      }
    ])
    expect(store.notices).toEqual([])
  })

  it('persist changes across restarts', () => {
    const dir = freshDir()
    new SettingsStore(dir).update((s) => {
      s.language = 'pt-BR'
      s.concurrency = 12
    })
    const reopened = new SettingsStore(dir).get()
    expect(reopened.language).toBe('pt-BR')
    expect(reopened.concurrency).toBe(12)
  })

  it.each([
    ['not JSON', '{"language": "es", '],
    ['a wrong value', JSON.stringify({ ...defaultSettings(), concurrency: 'many' })],
    ['not an object', '[1,2,3]']
  ])('back up a file that is %s, reset to defaults and say so', (_what, content) => {
    const dir = freshDir()
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, 'settings.json'), content)
    const store = new SettingsStore(dir, undefined, () => new Date('2026-01-02T03:04:05Z'))
    expect(store.get()).toEqual(defaultSettings())
    expect(store.notices).toHaveLength(1)
    expect(store.notices[0]).toMatchObject({ level: 'warning', code: 'settings_reset' })
    const backup = readdirSync(dir).find((f) => f.startsWith('settings.corrupt-'))
    expect(backup).toBe('settings.corrupt-2026-01-02T03-04-05-000Z.json')
    expect(readFileSync(join(dir, backup!), 'utf8')).toBe(content)
    expect(store.notices[0].message).toContain(backup!)
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'))).toEqual(defaultSettings())
  })

  it('keep a valid file from an older version and fill in new fields', () => {
    const dir = freshDir()
    const { secretBackend: _dropped, ...older } = { ...defaultSettings(), language: 'en' as const }
    writeFileSync(join(dir, 'settings.json'), JSON.stringify(older))
    const store = new SettingsStore(dir)
    expect(store.get().language).toBe('en')
    expect(store.get().secretBackend).toBe('keychain')
    expect(store.notices).toEqual([])
    expect(existsSync(join(dir, 'settings.json'))).toBe(true)
  })

  it('refuse an update that breaks the schema and keep the old values', () => {
    const store = new SettingsStore(freshDir())
    expect(() =>
      store.update((s) => {
        s.concurrency = 0
      })
    ).toThrow()
    expect(store.get().concurrency).toBe(8)
  })

  it('follow the system language unless overridden', () => {
    expect(resolveLanguage('system', 'pt-BR')).toBe('pt-BR')
    expect(resolveLanguage('system', 'en-US')).toBe('en')
    expect(resolveLanguage('system', 'es-CO')).toBe('es')
    expect(resolveLanguage('system', 'de-DE')).toBe('es')
    expect(resolveLanguage('en', 'pt-BR')).toBe('en')
  })
})
