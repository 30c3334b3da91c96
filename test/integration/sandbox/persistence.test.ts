// The built-in Sandbox keeps its state across restarts, in the data folder, sealed with the store key: checks
// made before the app closed are still there (and still progressing) when it opens again, so a resumed batch
// behaves as it would against Truora; what Lote erases leaves that state too.
import { spawn } from 'node:child_process'
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { launchBuiltInSandbox, sandboxStatePath } from '../../../src/main/connections/builtin-sandbox'
import { SANDBOX_API_KEY } from '../../../src/main/connections/connections'
import { parseSandboxState } from '../../../src/main/sandbox/state'
import { FileVault } from '../../../src/main/store/sealed-files'
import { StoreKey } from '../../../src/main/store/store-key'
import { TruoraClient } from '../../../src/main/truora/client'
import { TruoraError } from '../../../src/main/truora/errors'
import { ResultsStore } from '../../../src/main/store/results/results-store'
import { SANDBOX_PROFILE_ID } from '../../../src/shared/settings'
import { createTestCore, type TestCore } from '../../helpers/core'
import { makeTempDir } from '../../helpers/env'
import { authorisedRun } from '../../helpers/run-args'
import { testStoreKey } from '../../helpers/store-key'
import { personMapping, personRows } from '../batch/harness'
import { waitFor } from './harness'

const vault = new FileVault(testStoreKey())
let dataDir: string | undefined
let cores: TestCore[] = []

afterEach(async () => {
  for (const core of cores) await core.core.close().catch(() => undefined)
  cores = []
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
  dataDir = undefined
})

function clientOf(url: string): TruoraClient {
  return new TruoraClient({ checksBaseUrl: url, batchBaseUrl: url, apiKey: SANDBOX_API_KEY, maxRetries: 0 })
}

const person = (id: string) => ({
  country: 'CO',
  type: 'person',
  inputs: { national_id: id, first_name: 'Lucía', last_name: 'Muñoz' }
})

function keptState(dir: string) {
  return parseSandboxState(vault.read(sandboxStatePath(dir)).toString('utf8'))!
}

describe('the built-in Sandbox across restarts', () => {
  it('keeps its checks sealed in the data folder (0600), and they go on where they were', async () => {
    dataDir = makeTempDir('lote-sandbox-state-')
    const first = await launchBuiltInSandbox({ dataDir, vault })
    const made = await clientOf(first.url).createCheck(person('1020304011'))
    await first.close()

    const path = sandboxStatePath(dataDir)
    expect(statSync(path).mode & 0o777).toBe(0o600)
    const raw = readFileSync(path)
    // The person's document and name never sit in the file as they are.
    expect(raw.includes(Buffer.from('1020304011'))).toBe(false)
    expect(raw.includes(Buffer.from('Muñoz'))).toBe(false)

    const second = await launchBuiltInSandbox({ dataDir, vault })
    try {
      const client = clientOf(second.url)
      const again = await client.getCheck(made.id)
      expect(again.creationDate).toBe(made.creationDate)
      // The simulated time went on: the check finished (it takes a few simulated seconds).
      await waitFor(
        () => client.getCheck(made.id),
        (check) => check.status === 'completed'
      )
      // The same inputs without force_creation still get the earlier check; a forced one gets a new id.
      const repeated = await client.createCheck({ ...person('1020304011'), forceCreation: false })
      expect(repeated.id).toBe(made.id)
      const forced = await client.createCheck({ ...person('1020304011'), forceCreation: true })
      expect(forced.id).not.toBe(made.id)
    } finally {
      await second.close()
    }
  })

  it('forgets checks for good when Lote erases them: gone from the Sandbox and from its kept state', async () => {
    dataDir = makeTempDir('lote-sandbox-state-')
    const first = await launchBuiltInSandbox({ dataDir, vault })
    const client = clientOf(first.url)
    const erased = await client.createCheck(person('1020304022'))
    const kept = await client.createCheck(person('1020304033'))
    first.forget!([erased.id])
    await expect(client.getCheck(erased.id)).rejects.toMatchObject({ kind: 'not_found' })
    const state = JSON.stringify(keptState(dataDir))
    expect(state).not.toContain('1020304022')
    expect(state).toContain('1020304033')
    await first.close()

    const second = await launchBuiltInSandbox({ dataDir, vault })
    try {
      const error = await clientOf(second.url)
        .getCheck(erased.id)
        .catch((e: unknown) => e)
      expect(error).toBeInstanceOf(TruoraError)
      expect((error as TruoraError).kind).toBe('not_found')
      expect((await clientOf(second.url).getCheck(kept.id)).id).toBe(kept.id)
    } finally {
      await second.close()
    }
  })

  it("finds a check another process's Sandbox made on the same data folder (the app adopting a lote run's batch)", async () => {
    dataDir = makeTempDir('lote-sandbox-state-')
    const app = await launchBuiltInSandbox({ dataDir, vault })
    const command = await launchBuiltInSandbox({ dataDir, vault })
    try {
      const made = await clientOf(command.url).createCheck(person('1020304055'))
      await command.close()
      expect((await clientOf(app.url).getCheck(made.id)).id).toBe(made.id)
      // Kept by both from now on: the app's next write keeps it too.
      await clientOf(app.url).createCheck(person('1020304066'))
      await app.close()
      expect(keptState(dataDir).checks.checks.map((check) => check.id)).toContain(made.id)
    } finally {
      await app.close().catch(() => undefined)
    }
  })

  it('a state it cannot open is set aside, and the Sandbox starts afresh', async () => {
    dataDir = makeTempDir('lote-sandbox-state-')
    const first = await launchBuiltInSandbox({ dataDir, vault })
    await clientOf(first.url).createCheck(person('1020304044'))
    await first.close()
    const otherKey = new FileVault(StoreKey.fromHex('ab'.repeat(32), 'test'))
    const second = await launchBuiltInSandbox({ dataDir, vault: otherKey })
    try {
      expect((await clientOf(second.url).listChecks().next()).value ?? []).toEqual([])
    } finally {
      await second.close()
    }
  })
})

describe("what Lote removes leaves the built-in Sandbox's kept state too", () => {
  it('a person erased, then their batch deleted', async () => {
    const dir = makeTempDir('lote-sandbox-erase-')
    dataDir = dir
    const app = createTestCore({ dataDir: dir })
    cores.push(app)
    const service = app.core.batchService
    const rows = personRows(3)
    const created = service.create({ mapping: personMapping, profileId: SANDBOX_PROFILE_ID }, rows)
    service.authorize(created.id, { profileId: SANDBOX_PROFILE_ID })
    await service.start(created.id)
    expect((await service.whenIdle(created.id)).status).toBe('completed')
    const erasedId = rows[1].inputs.national_id ?? ''
    // Kept as soon as the Sandbox writes (changes are gathered for a moment).
    await waitFor(
      () => JSON.stringify(keptState(dir)),
      (state) => state.includes(erasedId)
    )
    await app.core.app.privacy.erasePerson({ document: erasedId }, { atTruora: false })
    const state = JSON.stringify(keptState(dir))
    expect(state).not.toContain(erasedId)
    expect(state).toContain(rows[0].inputs.national_id)
    await app.core.app.batches.delete(created.id)
    const after = JSON.stringify(keptState(dir))
    for (const row of rows) expect(after).not.toContain(row.inputs.national_id)
  })
})

function lote(args: string[], cwd?: string) {
  return spawn(process.execPath, [resolve(import.meta.dirname, '../../../bin/lote.js'), ...args], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1', LANG: 'en_US.UTF-8' }
  })
}

/** `lote serve` on the data folder, as the analyst starts the app; resolves once it answers. */
async function serve(dir: string) {
  const child = lote(['serve', '--port', '0', '--data-dir', dir])
  let output = ''
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  await new Promise<void>((ready, failed) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      if (output.includes('Lote is running at')) ready()
    })
    child.once('exit', (code) => failed(new Error(`lote serve exited with ${code}: ${output}`)))
  })
  return {
    /** Quits as the analyst closes the app: running batches stop at a safe point and resume next time. */
    quit: () =>
      new Promise<number | null>((done) => {
        child.removeAllListeners('exit')
        child.once('exit', (code) => done(code))
        child.kill('SIGTERM')
      })
  }
}

/** The batch as the store says, read with a short-lived connection as another process would. */
function stored(dir: string, batchId: string) {
  const store = new ResultsStore(join(dir, 'lote.db'), testStoreKey())
  try {
    return {
      batch: store.batches.get(batchId),
      rows: store.results.page(batchId, { limit: 100 }).rows
    }
  } finally {
    store.close()
  }
}

describe('a batch across a restart of the app process', () => {
  it('lote serve quit mid-batch and started again: the batch finishes on the same checks', async () => {
    dataDir = makeTempDir('lote-restart-process-')
    const dir = dataDir
    // The batch is recorded as the wizard leaves it (authorised, running on the Sandbox connection) by a Core
    // that then closes; the app process picks it up when it starts.
    const setup = createTestCore({ dataDir: dir })
    const created = setup.core.batchService.create(
      {
        mapping: personMapping,
        profileId: SANDBOX_PROFILE_ID,
        options: { concurrency: 2, requestsPerSecond: 4, maxRequestsPerSecond: 4 }
      },
      personRows(16)
    )
    setup.core.batchService.authorize(created.id, { profileId: SANDBOX_PROFILE_ID })
    setup.core.store.batches.setStatus(created.id, 'running', null, { started: true })
    await setup.core.close()

    const first = await serve(dir)
    await waitFor(
      () => stored(dir, created.id).batch.counts,
      (counts) => counts.done + counts.running >= 4,
      60_000
    )
    expect(await first.quit()).toBe(0)
    const earlier = stored(dir, created.id)
      .rows.filter((row) => row.checkId)
      .map((row) => [row.row, row.checkId] as const)
    expect(stored(dir, created.id).batch.status).toBe('running')

    const second = await serve(dir)
    try {
      const ended = await waitFor(
        () => stored(dir, created.id).batch,
        (batch) => batch.status !== 'running',
        60_000
      )
      expect(ended.status).toBe('completed')
      expect(ended.counts.done).toBe(16)
      expect(ended.counts.lost).toBe(0)
    } finally {
      await second.quit()
    }
    const rows = stored(dir, created.id).rows
    for (const [row, checkId] of earlier) expect(rows.find((r) => r.row === row)?.checkId).toBe(checkId)
    const state = keptState(dir)
    expect(state.checks.createdPerToken).toHaveLength(16)
    expect(state.checks.createdPerToken.every(([, count]) => count === 1)).toBe(true)
  })
})

describe('a batch `lote run --sandbox` started, interrupted and resumed', () => {
  it('continues in the next process on the built-in Sandbox, with the same checks', async () => {
    const dir = makeTempDir('lote-run-sandbox-')
    dataDir = dir
    const lines = ['Nombre,Apellido,Cedula']
    for (let i = 0; i < 12; i++) lines.push(`Ana,Rojas,${5000000 + i * 100 + (i % 40)}`)
    writeFileSync(join(dir, 'people.csv'), lines.join('\n'))
    const data = join(dir, 'data')
    const run = lote(
      authorisedRun('people.csv', '--sandbox', '--rate', '3', '--concurrency', '1', '--data-dir', data),
      dir
    )
    let output = ''
    run.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    run.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    const exited = new Promise<number | null>((done) => run.once('exit', (code) => done(code)))
    const batchId = (await waitFor(() => /^Batch (\S+)$/m.exec(output)?.[1], Boolean, 60_000))!
    await waitFor(
      () => stored(data, batchId).batch.counts,
      (counts) => counts.done + counts.running >= 3,
      60_000
    )
    run.kill('SIGINT')
    await exited
    expect(stored(data, batchId).batch.options.endpoint).toBeUndefined()
    const earlier = stored(data, batchId)
      .rows.filter((row) => row.checkId)
      .map((row) => [row.row, row.checkId] as const)

    const resume = lote(['resume', batchId, '--data-dir', data], dir)
    let resumed = ''
    resume.stdout.on('data', (chunk: Buffer) => (resumed += chunk.toString()))
    resume.stderr.on('data', (chunk: Buffer) => (resumed += chunk.toString()))
    const code = await new Promise<number | null>((done) => resume.once('exit', (c) => done(c)))
    expect(code, resumed).toBe(0)
    const { batch, rows } = stored(data, batchId)
    expect(batch.status).toBe('completed')
    expect(batch.counts.done).toBe(12)
    expect(batch.counts.lost).toBe(0)
    for (const [row, checkId] of earlier) expect(rows.find((r) => r.row === row)?.checkId).toBe(checkId)
    expect(keptState(data).checks.createdPerToken.every(([, count]) => count === 1)).toBe(true)
  })
})
