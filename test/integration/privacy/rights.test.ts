// The analyst's privacy duties, end to end on real parts (the Sandbox over HTTP, encrypted store files, the
// lote command): erasing a person across two batches and a draft, with and without deleting their checks at
// Truora; retention purging on time under a moved clock and leaving a record; and an audit log whose chain
// records every action and breaks exactly where one byte was edited.
import { readFileSync, mkdirSync, rmSync, writeFileSync, existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox, type RunningSandbox } from '../../../src/main/sandbox/server'
import { AUDIT_FILE } from '../../../src/main/store/audit-log'
import type { AuditEntry } from '../../../src/shared/audit'
import type { DraftRead } from '../../../src/shared/batch'
import { peopleRun, runCli } from '../../helpers/cli-io'
import { createTestCore } from '../../helpers/core'
import { makeTempDir } from '../../helpers/env'

const ANA = { name: 'Anacleta', surname: 'Berrío', id: '1032456781' }
const BRUNO = { name: 'Brunilda', surname: 'Cárdenas', id: '52987654' }
const DAY = 86_400_000

let sandbox: RunningSandbox
let dir: string
let dataDir: string
const batchIds: string[] = []

function deletes(): number {
  return sandbox.stats().requests['DELETE /v1/checks/{check_id}'] ?? 0
}

function writeSheet(file: string, people: Array<{ name: string; surname: string; id: string }>): void {
  const lines = ['Nombre;Apellido;Cédula']
  for (const p of people) lines.push(`${p.name};${p.surname};${p.id}`)
  writeFileSync(join(dir, 'in', file), lines.join('\r\n'), 'utf8')
}

const lote = (args: string[], env: NodeJS.ProcessEnv = {}) => runCli(args, { cwd: dir, dataDir: 'data', env })

async function runBatch(file: string): Promise<string> {
  const result = await lote(
    // Each batch makes its own checks of the same people (no earlier result reused), as erasing must find them all.
    peopleRun(`in/${file}`, sandbox.url, '--pdfs', '--reuse-days', '0')
  )
  expect(result.code, result.err).toBe(0)
  const id = /b\d{8}-[0-9a-f]+/.exec(result.out)?.[0]
  expect(id).toBeDefined()
  return id as string
}

function auditEntries(): AuditEntry[] {
  return readFileSync(join(dataDir, AUDIT_FILE), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as AuditEntry)
}

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, timeScale: 3000, seed: 21, outageRate: 0 })
  dir = makeTempDir('lote-rights-')
  dataDir = join(dir, 'data')
  mkdirSync(join(dir, 'in'), { recursive: true })
  const others = Array.from({ length: 4 }, (_, i) => ({
    name: 'Lucía',
    surname: 'Muñoz',
    id: `${40000000 + i * 13}`
  }))
  writeSheet('uno.csv', [ANA, ...others, BRUNO])
  writeSheet('dos.csv', [...others.slice(0, 2), BRUNO, ANA])
  batchIds.push(await runBatch('uno.csv'), await runBatch('dos.csv'))
  // An export made before the erasure: Lote cannot reach it later, so the erasure lists it.
  const exported = await lote(['export', batchIds[0], '--out', 'out/uno.xlsx'])
  expect(exported.code, exported.err).toBe(0)
}, 120_000)

afterAll(async () => {
  await sandbox.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('erasing a person', () => {
  it('finds Ana in two batches and a draft, shows it, and erases it with her checks at Truora', async () => {
    // A draft holding Ana, not yet run.
    writeSheet('tres.csv', [ANA, { name: 'Otto', surname: 'Ríos', id: '71234567' }])
    const env = createTestCore({ dataDir })
    let draftId: string
    try {
      const { fileId } = env.core.files.registerPath(join(dir, 'in', 'tres.csv'))
      const ready = new Promise<void>((resolve) => {
        const off = env.core.events.subscribe((name, payload) => {
          const status = payload as { read: DraftRead }
          if (name === 'drafts:status' && status.read.state === 'ready') {
            off()
            resolve()
          }
        })
      })
      const info = await env.core.app.spreadsheets.inspect({ fileId })
      const sheet = info.sheets[0]
      draftId = env.core.app.drafts.open({
        fileId,
        sheet: sheet.name,
        mapping: {
          headers: sheet.headers,
          targets: ['first_name', 'last_name', 'national_id'],
          defaults: { country: 'CO', type: 'person' }
        }
      }).batchId
      await ready
    } finally {
      await env.dispose()
    }

    // Shown first, erased only with --yes; the document number matches whatever its punctuation.
    const before = deletes()
    const shown = await lote(['erase', '--document', '1.032.456.781'])
    expect(shown.code).toBe(1)
    expect(shown.out).toContain('Found in 3 row(s)')
    expect(shown.out).toContain(`batch ${batchIds[0]}`)
    expect(shown.out).toContain(`batch ${batchIds[1]}`)
    expect(shown.out).toContain(`draft ${draftId}`)
    expect(shown.out).toMatch(/uno\.xlsx \(xlsx, 6 rows/)
    expect(shown.out).toContain('Nothing was erased')

    const erased = await lote([
      'erase',
      '--document',
      '1032456781',
      '--at-truora',
      '--yes',
      '--sandbox-url',
      sandbox.url
    ])
    expect(erased.code, erased.err).toBe(0)
    expect(erased.out).toMatch(/Erased 3 row\(s\), 2 check\(s\) and 2 file\(s\) from 3 batch\(es\)/)
    expect(erased.out.match(/at Truora: \S+ deleted/g)).toHaveLength(2)
    // The Sandbox was asked to delete exactly her two checks.
    expect(deletes() - before).toBe(2)

    const again = await lote(['erase', '--document', '1032456781'])
    expect(again.out).toBe('Nothing in Lote matches that person.')
    // The others are all still there.
    const batches = JSON.parse((await lote(['batches', '--json'])).out) as Array<{
      id: string
      total: number
    }>
    expect(batches.find((b) => b.id === batchIds[0])?.total).toBe(5)
    expect(batches.find((b) => b.id === batchIds[1])?.total).toBe(3)
    expect(batches.find((b) => b.id === draftId)?.total).toBe(1)

    // The erasure is in the audit log, with check ids and counts, the export to delete by hand, and no trace of her.
    const entry = auditEntries().find((e) => e.action === 'person.erased')
    expect(entry?.details).toMatchObject({ rows: 3, checks: 2, batches: 3 })
    expect(JSON.stringify(entry?.details)).toContain('uno.xlsx')
    const log = readFileSync(join(dataDir, AUDIT_FILE), 'utf8')
    for (const text of [ANA.id, ANA.name, ANA.surname]) expect(log).not.toContain(text)
  })

  it('erases Bruno by name without touching Truora', async () => {
    const before = deletes()
    const erased = await lote(['erase', '--name', 'brunilda cardenas', '--yes'])
    expect(erased.code, erased.err).toBe(0)
    expect(erased.out).toMatch(/Erased 2 row\(s\), 2 check\(s\)/)
    expect(erased.out).not.toContain('at Truora')
    expect(deletes()).toBe(before)
    // Her PDFs are gone from disk too.
    const pdfs = batchIds.flatMap((id) => {
      const folder = join(dataDir, 'files', id, 'pdf')
      return existsSync(folder) ? readdirSync(folder) : []
    })
    expect(pdfs).toHaveLength(4 + 2)
  })
})

describe('retention', () => {
  it('purges on time under the connection period, keeps an extended batch, and leaves a record', async () => {
    let offset = 0
    const env = createTestCore({ dataDir, clock: () => new Date(Date.now() + offset) })
    try {
      const { privacy } = env.core.app
      privacy.setRetention('sandbox', 30)
      const states = privacy.retention().filter((s) => batchIds.includes(s.batchId))
      expect(states).toHaveLength(2)
      for (const s of states) expect(Date.parse(s.purgeDueAt!) - Date.parse(s.finishedAt!)).toBe(30 * DAY)
      privacy.extendRetention(batchIds[1], 60, 'Pending labour claim')

      offset = 29 * DAY
      expect(privacy.applyRetention()).toEqual([])
      offset = 31 * DAY
      const purged = privacy.applyRetention()
      expect(purged.map((p) => p.batchId)).toEqual([batchIds[0]])
      const record = purged[0].record
      // Six people, less the two erased.
      expect(record).toMatchObject({ rows: 4, counts: { done: 4 } })
      expect(record.checkIds).toHaveLength(4)
      // The record is kept in the store and has no person in it.
      expect(env.core.store.privacy.purgeRecord(batchIds[0])).toEqual(record)
      expect(env.core.store.results.page(batchIds[0]).total).toBe(0)
      expect(existsSync(join(dataDir, 'files', batchIds[0]))).toBe(false)
      // Nothing else was touched.
      expect(env.core.store.results.page(batchIds[1]).total).toBe(2)
      expect(env.core.store.results.files(batchIds[1], 'check-pdf')).toHaveLength(2)

      offset = 95 * DAY
      expect(privacy.applyRetention().map((p) => p.batchId)).toEqual([batchIds[1]])
      const entries = auditEntries().filter((e) => e.action === 'retention.purged')
      expect(entries.map((e) => e.details.batchId)).toEqual(batchIds)
    } finally {
      await env.dispose()
    }
  })
})

describe('the audit log', () => {
  it('holds an entry for each kind of action, and one edited byte makes --verify fail at that entry', async () => {
    const env = createTestCore({ dataDir })
    try {
      const profile = await env.core.connections.create({ name: 'Cuenta' })
      await env.core.connections.setKey(profile.id, 'key-one-0123456789')
      await env.core.connections.setKey(profile.id, 'key-two-0123456789')
      await env.core.connections.deleteKey(profile.id)
      env.core.app.preferences.update({ concurrency: 4 })
    } finally {
      await env.dispose()
    }
    const actions = new Set(auditEntries().map((e) => e.action))
    for (const action of [
      'batch.started',
      'file.imported',
      'export.written',
      'person.erased',
      'retention.purged',
      'retention.extended',
      'key.added',
      'key.replaced',
      'key.removed',
      'settings.changed'
    ])
      expect(actions, action).toContain(action)
    const started = auditEntries().find((e) => e.action === 'batch.started')
    expect(started?.details.authorizationStatement).toMatch(/authorised/)

    let verify = await lote(['audit', '--verify'])
    expect(verify.code, verify.err).toBe(0)
    expect(verify.out).toMatch(/intact: \d+ entries/)
    const listed = await lote(['audit', '--json', '--since', '2000-01-01'])
    expect((JSON.parse(listed.out) as AuditEntry[]).length).toBe(auditEntries().length)

    // One byte of entry 3 changed: the chain breaks there, not before.
    const file = join(dataDir, AUDIT_FILE)
    const bytes = readFileSync(file)
    const lines = bytes.toString('utf8').split('\n')
    const offset = lines.slice(0, 2).join('\n').length + 1 + lines[2].indexOf('"at":"') + 8
    bytes[offset] = bytes[offset] === 0x31 ? 0x32 : 0x31
    writeFileSync(file, bytes)
    verify = await lote(['audit', '--verify'])
    expect(verify.code).toBe(1)
    expect(verify.err).toMatch(/breaks at entry 3 \(line 3\): its content was changed/)
    expect(verify.err).toContain('The 2 entries before it are intact')
  })
})
