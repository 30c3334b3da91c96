// The browser host's session, as Chromium holds it: the printed address works once, the session lives in an
// HttpOnly, SameSite=Strict cookie, and no address the browser keeps (address bar, history, downloads, any
// request the page makes) carries a secret afterwards.
import { chromium } from '@playwright/test'
import Database from 'better-sqlite3-multiple-ciphers'
import { execFileSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromiumLaunchOptions } from './chromium'
import { test, expect, startServe } from './fixtures'

test('after the first load no URL carries a secret, and the printed address is spent', async () => {
  test.setTimeout(150_000)
  const dataDir = mkdtempSync(join(tmpdir(), 'lote-e2e-session-'))
  const profileDir = mkdtempSync(join(tmpdir(), 'lote-e2e-profile-'))
  execFileSync(
    process.execPath,
    [
      'bin/lote.js',
      'run',
      'test/fixtures/candidatos-co.xlsx',
      // A run that can check nobody exits non-zero: name the batch's country and check type.
      '--country',
      'CO',
      '--type',
      'person',
      '--sandbox',
      '--i-have-authorization'
    ].concat(['--data-dir', dataDir]),
    { encoding: 'utf8', timeout: 120_000 }
  )
  const host = await startServe(dataDir, { LANG: 'en_US.UTF-8' })
  const launchCode = host.openUrl.split('/launch/')[1]
  try {
    const context = await chromium.launchPersistentContext(profileDir, {
      ...chromiumLaunchOptions,
      acceptDownloads: true
    })
    const page = context.pages()[0] ?? (await context.newPage())
    const requested: string[] = []
    page.on('request', (request) => requested.push(request.url()))

    await page.goto(host.openUrl)
    await expect(page.getByTestId('active-connection')).toBeVisible()
    expect(page.url()).toBe(`${host.url}/`)

    const cookies = await context.cookies(host.url)
    const session = cookies.find((cookie) => cookie.name.startsWith('lote_session_'))
    expect(session, 'the session cookie').toBeDefined()
    expect(session!.httpOnly).toBe(true)
    expect(session!.sameSite).toBe('Strict')
    expect(await page.evaluate('document.cookie')).not.toContain(session!.value)

    // Use the app: calls, events, and a download of an export.
    await page
      .getByRole('navigation')
      .getByRole('button', { name: /History|Historial|Histórico/ })
      .click()
    await page
      .getByTestId('history-row')
      .first()
      .getByRole('button', { name: /^(Open|Abrir)$/ })
      .click()
    await expect(page.getByTestId('results-grid')).toBeVisible()
    const downloading = page.waitForEvent('download')
    await page.getByRole('button', { name: 'Excel (.xlsx)' }).click()
    const download = await downloading
    expect(download.url()).toMatch(new RegExp(`^${host.url}/api/files/download/[0-9a-f-]{36}$`))
    await download.saveAs(join(dataDir, 'exported.xlsx'))

    expect(requested.length).toBeGreaterThan(5)
    for (const url of requested) {
      expect(url).not.toContain(session!.value)
      expect(url).not.toMatch(/[?&#]token=/)
    }
    expect(requested.filter((url) => url.includes(launchCode))).toEqual([host.openUrl])
    await context.close()

    // What Chromium keeps on disk: visited addresses and download chains hold no session, and the one
    // launch address it remembers opens nothing any more.
    const historyFile = join(profileDir, 'Default', 'History')
    expect(existsSync(historyFile), 'Chromium wrote its history').toBe(true)
    const copy = join(dataDir, 'History.copy')
    copyFileSync(historyFile, copy)
    const history = new Database(copy, { readonly: true })
    const urls = [
      ...(history.prepare('SELECT url FROM urls').all() as { url: string }[]).map((r) => r.url),
      ...(history.prepare('SELECT url FROM downloads_url_chains').all() as { url: string }[]).map(
        (r) => r.url
      )
    ]
    history.close()
    expect(urls.length).toBeGreaterThan(0)
    for (const url of urls) {
      expect(url).not.toContain(session!.value)
      expect(url).not.toMatch(/[?&#]token=/)
    }
    const spent = await fetch(host.openUrl, { redirect: 'manual' })
    expect(spent.status).toBe(403)
    expect(spent.headers.get('set-cookie')).toBeNull()

    // Another browser with the printed address gets a page pointing to the terminal, not the app.
    const other = await chromium.launch(chromiumLaunchOptions)
    const stranger = await other.newPage()
    await stranger.goto(host.openUrl)
    await expect(stranger.getByRole('heading', { level: 1 })).toHaveText(/Open Lote from the terminal|Abra/)
    await expect(stranger.getByTestId('active-connection')).toHaveCount(0)
    await other.close()
    await expect.poll(() => host.output()).toMatch(/Open Lote at http:\/\/127\.0\.0\.1:\d+\/launch\//)
  } finally {
    await host.stop()
    rmSync(dataDir, { recursive: true, force: true })
    rmSync(profileDir, { recursive: true, force: true })
  }
})
