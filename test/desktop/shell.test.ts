// The desktop shell: the real main process (src/main/index.ts, src/main/electron/) and preload, run against a
// stand-in Electron that records what they ask of it and plays the page, Chromium and the analyst.
import { afterAll, beforeAll, describe, expect, it, vi, type Mock } from 'vitest'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { pathToFileURL } from 'node:url'
import { CHANNEL_NAMES } from '../../src/shared/contract'
import { CONTENT_SECURITY_POLICY } from '../../src/shared/security'
import { RESULTS_DB_FILE } from '../../src/main/store/results/database'
import type { Dispatch } from '../../src/main/ipc/dispatch'
import { frame, type FakeBrowserWindow } from './fake-electron'
import { launchDesktopApp, startMainProcess, waitFor, type DesktopApp } from './harness'

// The real dispatcher, watched: every channel must answer through the one the main process made.
vi.mock('../../src/main/ipc/dispatch', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/main/ipc/dispatch')>()
  return {
    ...original,
    createDispatcher: vi.fn((...args: Parameters<typeof original.createDispatcher>) =>
      vi.fn(original.createDispatcher(...args))
    )
  }
})

type Bridge = Record<string, Record<string, (input?: unknown) => Promise<unknown>>>

let app: DesktopApp
const dataDirs: string[] = []

beforeAll(async () => {
  app = await launchDesktopApp()
  dataDirs.push(app.dataDir)
})

afterAll(async () => {
  if (app.process.state.kind !== 'exited') await app.quit()
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true })
})

const appUrl = () => app.window.webContents.getURL()

describe('the window', () => {
  it('keeps context isolation and the sandbox, and gives the page no Node', () => {
    const preferences = app.window.options.webPreferences as Record<string, unknown>
    expect(preferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false
    })
    for (const risky of [
      'nodeIntegrationInWorker',
      'nodeIntegrationInSubFrames',
      'webviewTag',
      'experimentalFeatures'
    ])
      expect(preferences[risky], risky).not.toBe(true)
    expect(preferences.enableBlinkFeatures).toBeUndefined()
    // The built preload: main and preload bundles sit side by side in out/.
    expect(relative(join(dirname(String(preferences.preload)), '..'), String(preferences.preload))).toBe(
      join('preload', 'index.cjs')
    )
  })

  it('shows our own page once it is ready', () => {
    expect(appUrl()).toBe(pathToFileURL(join(import.meta.dirname, '../../src/renderer/index.html')).href)
    expect(app.window.isVisible()).toBe(true)
    expect(app.process.windows).toHaveLength(1)
  })
})

describe('the bridge', () => {
  it('puts only `api` in the page: one function per contract channel, events and dropped-file paths', () => {
    expect(Object.keys(app.renderer.mainWorld)).toEqual(['api'])
    const api = app.api as unknown as Bridge
    const exposed = Object.entries(api)
      .filter(([domain]) => domain !== 'onEvent' && domain !== 'pathForFile')
      .flatMap(([domain, verbs]) => Object.keys(verbs).map((verb) => `${domain}:${verb}`))
    expect(exposed.sort()).toEqual([...CHANNEL_NAMES].sort())
    for (const [domain, verbs] of Object.entries(api))
      if (typeof verbs === 'object')
        for (const [verb, call] of Object.entries(verbs))
          expect(typeof call, `${domain}.${verb}`).toBe('function')
    expect(typeof app.api.onEvent).toBe('function')
    expect(app.api.pathForFile({ path: '/tmp/x.xlsx' } as unknown as File)).toBe('/tmp/x.xlsx')
  })

  it('is built to run in a sandboxed page, where a preload may require only electron', () => {
    // npm test and CI build out/ before the tests.
    const bundle = join(import.meta.dirname, '../../out/preload/index.cjs')
    expect(existsSync(bundle), 'out/preload/index.cjs: run npm run build first').toBe(true)
    const required = [...readFileSync(bundle, 'utf8').matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)]
    expect(new Set(required.map((match) => match[1]))).toEqual(new Set(['electron']))
  })
})

describe('IPC', () => {
  it('registers every contract channel exactly once, and nothing else', () => {
    const registrations = app.process.ipcMain.registrations
    expect(new Set(registrations).size).toBe(registrations.length)
    expect([...registrations].sort()).toEqual([...CHANNEL_NAMES].sort())
    // The only listener besides is electron-store's, which answers its own module with the data folder.
    expect(app.process.ipcMain.eventNames().filter((name) => name !== 'electron-store-get-data')).toEqual([])
  })

  it('answers every channel through the one dispatch, which checks the payload against the contract', async () => {
    const { createDispatcher } = await import('../../src/main/ipc/dispatch')
    expect(createDispatcher).toHaveBeenCalledTimes(1)
    const dispatch = vi.mocked(createDispatcher).mock.results[0].value as Mock<Dispatch>
    const api = app.api as unknown as Bridge
    for (const channel of CHANNEL_NAMES) {
      const [domain, verb] = channel.split(':') as [string, string]
      const answer = await api[domain][verb](-1)
      expect(answer, channel).toEqual({
        ok: false,
        error: { code: 'invalid_request', message: expect.stringContaining(`Invalid request for ${channel}`) }
      })
      expect(dispatch).toHaveBeenLastCalledWith(channel, -1)
    }
    expect(await app.api.app.info()).toMatchObject({
      ok: true,
      value: { shell: 'electron', systemLocale: 'es-CO' }
    })
  })

  it('refuses a message from another frame or origin, without running it', async () => {
    const contents = app.window.webContents
    const senders = {
      'a page of another origin': frame('https://evil.example/'),
      'a frame inside our page': frame(appUrl(), contents.mainFrame),
      'another local file': frame(pathToFileURL('/tmp/other.html').href),
      'a frame that has gone away': null
    }
    const dispatch = vi.mocked((await import('../../src/main/ipc/dispatch')).createDispatcher).mock.results[0]
      .value as Mock<Dispatch>
    const calls = dispatch.mock.calls.length
    for (const [sender, senderFrame] of Object.entries(senders)) {
      const answer = await app.process.ipcMain.invoke(
        'settings:update',
        { language: 'pt-BR' },
        { sender: contents, frame: senderFrame }
      )
      expect(answer, sender).toEqual({
        ok: false,
        error: { code: 'forbidden', message: 'This window may not call Lote.' }
      })
    }
    expect(dispatch.mock.calls.length).toBe(calls)
    expect(await app.api.settings.get()).toMatchObject({
      ok: true,
      value: { language: expect.not.stringMatching('pt-BR') }
    })
  })

  it('brings backend events to the page, and only events of the contract', async () => {
    const from = app.events.length
    await app.api.settings.update({ defaultCountry: 'BR' })
    await waitFor(() =>
      expect(app.events.slice(from)).toContainEqual({
        name: 'settings:changed',
        payload: expect.objectContaining({ defaultCountry: 'BR' })
      })
    )
    // Something that is not a contract event never reaches the page's listeners.
    app.window.webContents.send('lote:event', { name: 'secrets:dump', payload: { key: 'x' } })
    app.window.webContents.send('lote:event', {
      name: 'app:notice',
      payload: { id: 'n1', level: 'info', code: 'test', message: 'Hello' }
    })
    await waitFor(() => expect(app.events.at(-1)?.name).toBe('app:notice'))
    expect(app.events.map((event) => event.name)).not.toContain('secrets:dump')
  })
})

describe('navigation, windows and permissions', () => {
  it('keeps the page where it is: no navigation, redirect or webview elsewhere', () => {
    const contents = app.window.webContents
    expect(contents.navigate('https://evil.example/')).toBe(false)
    expect(contents.navigate(pathToFileURL('/tmp/other.html').href)).toBe(false)
    expect(contents.redirect('https://evil.example/login')).toBe(false)
    expect(contents.attachWebview('https://evil.example/')).toBe(false)
    expect(contents.getURL()).toBe(appUrl())
  })

  it('opens no new window, and sends only allow-listed https links to the system browser', () => {
    const contents = app.window.webContents
    const refused = [
      'http://docs.truora.com/',
      'https://evil.example/',
      'https://docs.truora.com.evil.example/',
      'https://evil.example/?next=https://docs.truora.com/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      pathToFileURL(join(import.meta.dirname, '../../src/renderer/index.html')).href
    ]
    for (const url of [...refused, 'https://docs.truora.com/guides'])
      expect(contents.openWindow(url), url).toBe('deny')
    expect(app.process.openedExternally).toEqual(['https://docs.truora.com/guides'])
    expect(app.process.windows).toHaveLength(1)
  })

  it('refuses every permission to every page, notifications to our own page too', async () => {
    const session = app.process.session.defaultSession
    const contents = app.window.webContents
    for (const permission of [
      'notifications',
      'media',
      'geolocation',
      'clipboard-read',
      'openExternal',
      'hid',
      'fullscreen'
    ]) {
      expect(await session.requestPermission(contents, permission), permission).toBe(false)
      expect(session.checkPermission(contents, permission), permission).toBe(false)
    }
    expect(session.checkPermission(null, 'notifications')).toBe(false)

    const foreign: FakeBrowserWindow = new app.process.BrowserWindow({ show: false })
    await foreign.loadURL('https://evil.example/')
    expect(await session.requestPermission(foreign.webContents, 'notifications')).toBe(false)
    expect(session.checkPermission(foreign.webContents, 'notifications')).toBe(false)
    foreign.destroy()
  })

  it('applies the content security policy to every response', async () => {
    const session = app.process.session.defaultSession
    for (const url of [appUrl(), 'https://evil.example/']) {
      const headers = await session.receive(url, { 'content-type': ['text/html'] })
      expect(headers).toEqual({
        'content-type': ['text/html'],
        'Content-Security-Policy': [CONTENT_SECURITY_POLICY]
      })
    }
    expect(CONTENT_SECURITY_POLICY).toMatch(/default-src 'self'/)
    expect(CONTENT_SECURITY_POLICY).toMatch(/object-src 'none'/)
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*(unsafe|\*|http)/)
  })
})

describe('system notifications', () => {
  it('the main process shows the notification the page asks for over the contract, and a click brings the window back', async () => {
    const shown = app.process.notifications.length
    const answer = await app.api.app.notify({
      title: 'Lote terminó',
      body: 'El lote “candidatos” terminó: 12 consultas.'
    })
    expect(answer).toEqual({ ok: true, value: true })
    expect(app.process.notifications.slice(shown).map((n) => n.options)).toEqual([
      { title: 'Lote terminó', body: 'El lote “candidatos” terminó: 12 consultas.' }
    ])
    app.window.minimize()
    expect(app.window.isFocused()).toBe(false)
    app.process.notifications.at(-1)!.click()
    expect(app.window.isMinimized()).toBe(false)
    expect(app.window.isFocused()).toBe(true)
  })

  it('refuses a notification without a title or with a body past the contract’s length', async () => {
    const shown = app.process.notifications.length
    for (const input of [
      { title: '', body: 'x' },
      { title: 'x', body: 'x'.repeat(1001) }
    ])
      expect(await app.api.app.notify(input)).toMatchObject({ ok: false, error: { code: 'invalid_request' } })
    expect(app.process.notifications.length).toBe(shown)
  })
})

describe('one app per data folder', () => {
  it('a second start on the same folder hands over to the running window and exits', async () => {
    app.window.minimize()
    expect(app.window.isFocused()).toBe(false)
    const second = await startMainProcess(app.dataDir)
    await waitFor(() => expect(second.state).toEqual({ kind: 'exited', code: 0 }))
    expect(second.windows).toHaveLength(0)
    expect(second.ipcMain.registrations).toEqual([])
    await waitFor(() => expect(app.window.isFocused()).toBe(true))
    expect(app.window.isMinimized()).toBe(false)
    expect(app.window.isVisible()).toBe(true)
  })

  it('an app on another data folder runs beside it', async () => {
    const other = await launchDesktopApp()
    dataDirs.push(other.dataDir)
    expect(other.process.windows).toHaveLength(1)
    // Its results store is in its own folder (the page is not told where: no path crosses to it).
    expect(await other.api.app.info()).toMatchObject({ ok: true, value: { name: 'Lote' } })
    expect(existsSync(join(other.dataDir, RESULTS_DB_FILE))).toBe(true)
    expect(await other.quit()).toBe(0)
    expect(app.process.state.kind).toBe('running')
  })
})
