// No file path reaches the page: the analyst's whole round in the desktop app (a file dropped, read, reviewed,
// run on the Sandbox, its results opened, exported and saved twice, the file opened again from the recent
// list), with every answer and event the page received walked for a folder of this computer. The page may hand
// a path in (a dropped file's), never get one back.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { existsSync, rmSync, writeFileSync } from 'node:fs'
import { homedir, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { mappingFromSuggestions } from '../../src/shared/sheets/mapping'
import type { Envelope } from '../../src/shared/result'
import type { LoteBridge } from '../../src/shared/bridge'
import { startSandbox, type RunningSandbox } from '../../src/main/sandbox/server'
import { makeTempDir } from '../helpers/env'
import { launchDesktopApp, waitFor, type DesktopApp } from './harness'

const shared = vi.hoisted(() => ({ url: '' }))
vi.mock('../../src/main/connections/builtin-sandbox', () => ({
  launchBuiltInSandbox: async () => ({ url: shared.url, close: async () => undefined })
}))

/** An absolute path inside a text: `/a/b`, `C:\`, `\\server\`, or a file URL. */
const ABSOLUTE_PATH = /(?:^|[\s"'(=,;])(?:\/[\w.@~-]+\/|[A-Za-z]:[\\/]|\\\\[\w.-]+\\)|file:\/\//

/** Every string in a value that names a folder of this computer or looks like an absolute path. */
function pathsIn(value: unknown, folders: string[], where = '$'): string[] {
  if (typeof value === 'string')
    return folders.some((folder) => value.includes(folder)) || ABSOLUTE_PATH.test(value)
      ? [`${where}: ${value}`]
      : []
  if (Array.isArray(value)) return value.flatMap((item, i) => pathsIn(item, folders, `${where}[${i}]`))
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([key, item]) => pathsIn(item, folders, `${where}.${key}`))
  return []
}

let sandbox: RunningSandbox
let app: DesktopApp
let folder: string
let saveDir: string
/** Every answer the page got, by channel. */
const answers: { channel: string; answer: unknown }[] = []

/** The page's `window.api`, recording every answer it gets. */
function recorded(api: LoteBridge): LoteBridge {
  const bridge = api as unknown as Record<string, Record<string, (input?: unknown) => Promise<unknown>>>
  const wrapped: Record<string, unknown> = { ...api }
  for (const [domain, verbs] of Object.entries(bridge)) {
    if (typeof verbs !== 'object' || verbs === null) continue
    wrapped[domain] = Object.fromEntries(
      Object.entries(verbs).map(([verb, call]) => [
        verb,
        async (input?: unknown) => {
          const answer = await call(input)
          answers.push({ channel: `${domain}:${verb}`, answer })
          return answer
        }
      ])
    )
  }
  return wrapped as unknown as LoteBridge
}

function unwrap<T>(envelope: Envelope<T>): T {
  if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`)
  return envelope.value
}

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, timeScale: 5000, seed: 7, outageRate: 0 })
  shared.url = sandbox.url
  folder = makeTempDir('lote-desktop-paths-')
  saveDir = makeTempDir('lote-desktop-saved-')
  app = await launchDesktopApp()
})

afterAll(async () => {
  if (app.process.state.kind !== 'exited') await app.quit()
  await sandbox.close()
  for (const dir of [app.dataDir, folder, saveDir]) rmSync(dir, { recursive: true, force: true })
})

describe('what the page is told', () => {
  it('never holds a path: not the data folder, not where a file was read from or saved to', async () => {
    const api = recorded(app.api)
    unwrap(await api.app.info())
    unwrap(await api.settings.get())
    unwrap(await api.profiles.list())

    const csv = join(folder, 'candidatos.csv')
    writeFileSync(csv, 'Cédula,Nombres,Apellidos\n1010101000,Ana,Pérez\n1010101111,Luis,Gómez\n')
    const file = unwrap(
      await api.files.register({ path: app.api.pathForFile({ path: csv } as unknown as File) })
    )
    expect(file.name).toBe('candidatos.csv')
    const sheet = unwrap(await api.import.inspect({ fileId: file.fileId })).sheets[0]
    const { suggestions } = unwrap(await api.import.suggest({ headers: sheet.headers, country: 'CO' }))
    const mapping = mappingFromSuggestions(sheet.headers, suggestions, { country: 'CO', type: 'person' })
    const { batchId } = unwrap(await api.drafts.open({ fileId: file.fileId, sheet: sheet.name, mapping }))
    await waitFor(async () => expect(unwrap(await api.drafts.status({ batchId })).read.state).toBe('ready'))
    unwrap(await api.drafts.rows({ batchId, filter: 'all', offset: 0, limit: 10 }))
    const preflight = unwrap(await api.batches.preflight({ batchId }))
    unwrap(
      await api.batches.start({
        batchId,
        options: { engine: 'direct', concurrency: 2 },
        authorization: { accepted: true, statement: preflight.statement }
      })
    )
    await waitFor(
      async () => expect(unwrap(await api.batches.get({ batchId })).status).toBe('completed'),
      60_000
    )
    unwrap(await api.batches.list())
    const page = unwrap(await api.results.query({ batchId, query: {} }))
    expect(page.total).toBe(2)
    const checkId = page.rows.find((row) => row.checkId)?.checkId
    if (checkId) unwrap(await api.results.check({ checkId }))

    // Saved twice: the page learns the name; the second dialog opens where the first save went.
    const exported = unwrap(await api.results.export({ batchId, format: 'xlsx' }))
    const target = join(saveDir, 'resultados.xlsx')
    app.process.dialogAnswers.push(target)
    expect(unwrap(await api.files.saveAs({ fileId: exported.fileId }))).toEqual({ name: 'resultados.xlsx' })
    expect(existsSync(target)).toBe(true)
    const again = unwrap(await api.results.export({ batchId, format: 'csv' }))
    app.process.dialogAnswers.push(null)
    expect(unwrap(await api.files.saveAs({ fileId: again.fileId }))).toBeNull()
    const lastDialog = app.process.dialogsShown.at(-1)?.options as { defaultPath: string }
    expect(dirname(lastDialog.defaultPath)).toBe(saveDir)

    // A file that cannot be read is named in the refusal, not placed.
    const broken = join(folder, 'notas.xlsx')
    writeFileSync(broken, 'no es una hoja de cálculo')
    const notes = unwrap(await api.files.register({ path: broken }))
    const refused = await api.import.inspect({ fileId: notes.fileId })
    expect(refused.ok).toBe(false)
    expect(JSON.stringify(refused)).toContain('notas.xlsx')

    // The recent list names the file and its folder's name, and opens it by id.
    const recent = unwrap(await api.settings.get()).recentFiles
    expect(recent.map((entry) => entry.name)).toContain('candidatos.csv')
    unwrap(await api.files.openRecent({ id: recent[0].id }))

    const folders = [app.dataDir, folder, saveDir, tmpdir(), homedir()]
    expect(answers.length).toBeGreaterThan(15)
    expect(answers.flatMap(({ channel, answer }) => pathsIn(answer, folders, channel))).toEqual([])
    expect(app.events.length).toBeGreaterThan(0)
    expect(app.events.flatMap((event) => pathsIn(event.payload, folders, event.name))).toEqual([])
  })

  it('the walker finds a path wherever it hides', () => {
    const folders = ['/home/ana']
    expect(pathsIn({ a: [{ b: 'saved to /home/ana/x.xlsx' }] }, folders)).toHaveLength(1)
    expect(pathsIn({ file: '/var/lib/lote/lote.db' }, [])).toHaveLength(1)
    expect(pathsIn({ file: 'C:\\Users\\ana\\x.xlsx' }, [])).toHaveLength(1)
    expect(pathsIn(['file:///tmp/x'], [])).toHaveLength(1)
    expect(
      pathsIn({ name: 'x.xlsx', folder: 'Descargas', url: 'https://api.truora.com/v1/checks' }, folders)
    ).toEqual([])
  })
})
