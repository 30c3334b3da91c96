// Personal data at rest: after a real run against the Sandbox, nothing in the data folder reveals a person;
// files are the user's alone; a plaintext store from before is encrypted without losing a row, and a killed
// encryption leaves it usable; a folder without its key is refused with a plain message, never emptied.
import { spawn, spawnSync } from 'node:child_process'
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openCore } from '../../../src/main/core'
import { launchBuiltInSandbox } from '../../../src/main/connections/builtin-sandbox'
import { startSandbox, type RunningSandbox } from '../../../src/main/sandbox/server'
import { RESULTS_DB_FILE } from '../../../src/main/store/results/database'
import { encryptPlaintextStoreOnce } from '../../../src/main/store/results/encrypt-store'
import { ResultsStore } from '../../../src/main/store/results/results-store'
import { MemorySecretStore, type SecretStore } from '../../../src/main/store/secrets'
import { StoreKey, storeFileKind } from '../../../src/main/store/store-key'
import { AppError } from '../../../src/shared/result'
import { peopleRun, runCli } from '../../helpers/cli-io'
import { makeTempDir } from '../../helpers/env'
import { waitUntil } from '../../helpers/wait'

const NAME = 'Zenobia'
const SURNAME = 'Quintanilla'
const NATIONAL_ID = '1098765432'

let sandbox: RunningSandbox
let dir: string

const BIN = new URL('../../../bin/lote.js', import.meta.url).pathname

/** The files a process has open (Linux's /proc), to see that it waits on a lock. */
function openFiles(pid: number): string[] {
  try {
    return readdirSync(`/proc/${pid}/fd`).map((fd) => {
      try {
        return readlinkSync(`/proc/${pid}/fd/${fd}`)
      } catch {
        return ''
      }
    })
  } catch {
    return []
  }
}

function filesUnder(root: string): string[] {
  const out: string[] = []
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    const path = join(root, entry.name)
    if (entry.isDirectory()) out.push(path, ...filesUnder(path))
    else out.push(path)
  }
  return out
}

function needles(): Buffer[] {
  return [NAME, SURNAME, NATIONAL_ID, NAME.toUpperCase()].flatMap((text) => [
    Buffer.from(text, 'utf8'),
    Buffer.from(text, 'utf16le')
  ])
}

function runPeople(dataDir: string, extra: string[] = []) {
  return runCli(peopleRun('in/personas.csv', sandbox.url, '--pdfs', ...extra), { cwd: dir, dataDir })
}

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, timeScale: 3000, seed: 11, outageRate: 0 })
  dir = makeTempDir('lote-privacy-')
  mkdirSync(join(dir, 'in'), { recursive: true })
  const lines = ['Nombre;Apellido;Cédula']
  lines.push(`${NAME};${SURNAME};${NATIONAL_ID}`)
  for (let i = 0; i < 6; i++) lines.push(`Lucía;Muñoz;${30000000 + i * 7}`)
  writeFileSync(join(dir, 'in', 'personas.csv'), lines.join('\r\n'), 'utf8')
})

afterAll(async () => {
  await sandbox.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('personal data at rest', () => {
  it('after a run with PDFs and an export, no file in the data folder holds the name or the national id', async () => {
    const { code, err } = await runPeople('data', ['--out', 'out/results.xlsx'])
    expect(code, err).toBe(0)
    const dataDir = join(dir, 'data')
    const store = ResultsStore.inDataDir(dataDir, StoreKey.fromHex(process.env.LOTE_STORE_KEY!, 'test'))
    try {
      const [batch] = store.batches.list()
      // The run really happened and really kept the person: readable with the key…
      const rows = [...store.results.each(batch.id)]
      expect(rows.some((row) => JSON.stringify(row).includes(NATIONAL_ID))).toBe(true)
      expect(store.results.files(batch.id, 'check-pdf').length).toBeGreaterThan(0)
    } finally {
      store.close()
    }
    // …and nowhere readable without it: database, its journal, PDFs, logs, settings.
    const files = filesUnder(dataDir).filter((path) => statSync(path).isFile())
    expect(files.some((path) => path.endsWith('.pdf'))).toBe(true)
    for (const path of files) {
      const bytes = readFileSync(path)
      for (const needle of needles())
        expect(bytes.includes(needle), `${path} holds "${needle.toString()}"`).toBe(false)
    }
    expect(storeFileKind(join(dataDir, RESULTS_DB_FILE))).toBe('encrypted')
    // The export the analyst asked for is outside the data folder, and plain: that is what they asked for.
    expect(existsSync(join(dir, 'out', 'results.xlsx'))).toBe(true)
  })

  it('keeps the data folder private: folders 0700, files 0600', () => {
    const dataDir = join(dir, 'data')
    expect(statSync(dataDir).mode & 0o777).toBe(0o700)
    for (const path of filesUnder(dataDir)) {
      const stat = statSync(path)
      expect(stat.mode & 0o777, path).toBe(stat.isDirectory() ? 0o700 : 0o600)
    }
  })

  it('tightens a folder left readable by an older version', async () => {
    const dataDir = join(dir, 'data')
    chmodSync(dataDir, 0o755)
    chmodSync(join(dataDir, RESULTS_DB_FILE), 0o644)
    expect((await runCli(['batches'], { cwd: dir, dataDir: 'data' })).code).toBe(0)
    expect(statSync(dataDir).mode & 0o777).toBe(0o700)
    expect(statSync(join(dataDir, RESULTS_DB_FILE)).mode & 0o777).toBe(0o600)
  })
})

describe('a plaintext store from an earlier version', () => {
  function makePlaintextStore(dataDir: string): { batchId: string; rows: number } {
    // The current schema in plaintext, as the previous version wrote it, with a real run's rows in it.
    const source = join(dir, 'data', RESULTS_DB_FILE)
    const key = StoreKey.fromHex(process.env.LOTE_STORE_KEY!, 'test')
    mkdirSync(dataDir, { recursive: true })
    const target = join(dataDir, RESULTS_DB_FILE)
    new ResultsStore(target, { kind: 'plaintext' }).close()
    const encrypted = new ResultsStore(source, key)
    encrypted.db.connection.prepare(`ATTACH DATABASE ? AS plain KEY ''`).run(target)
    const tables = encrypted.db.connection
      .prepare(
        `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations'`
      )
      .all() as { name: string }[]
    encrypted.db.transaction(() => {
      for (const { name } of tables)
        encrypted.db.connection.exec(`INSERT INTO plain."${name}" SELECT * FROM main."${name}"`)
    })
    encrypted.db.connection.exec('DETACH DATABASE plain')
    encrypted.close()
    const plain = new ResultsStore(target, { kind: 'plaintext' })
    const [batch] = plain.batches.list()
    const rows = [...plain.results.each(batch.id)].length
    plain.close()
    expect(storeFileKind(join(dataDir, RESULTS_DB_FILE))).toBe('plaintext')
    expect(readFileSync(join(dataDir, RESULTS_DB_FILE)).includes(Buffer.from(NATIONAL_ID))).toBe(true)
    return { batchId: batch.id, rows }
  }

  /** Node's arguments to migrate `file` in a process of its own (test/helpers/encrypt-in-child.ts). */
  function encryptInChild(file: string, mode: 'kill' | 'hold'): string[] {
    const helper = join(import.meta.dirname, '..', '..', 'helpers', 'encrypt-in-child.ts')
    return ['--import', 'tsx', helper, file, process.env.LOTE_STORE_KEY!, mode]
  }

  function tableCounts(file: string, protection: ConstructorParameters<typeof ResultsStore>[1]) {
    const store = new ResultsStore(file, protection)
    try {
      const names = store.db.connection
        .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`)
        .all() as { name: string }[]
      return Object.fromEntries(
        names.map(({ name }) => [
          name,
          (store.db.connection.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n
        ])
      )
    } finally {
      store.close()
    }
  }

  it('is encrypted on first start without losing a row, and the plaintext is gone', async () => {
    const dataDir = join(dir, 'legacy')
    const { batchId, rows } = makePlaintextStore(dataDir)
    const before = tableCounts(join(dataDir, RESULTS_DB_FILE), { kind: 'plaintext' })
    const listing = await runCli(['batches', '--json'], { cwd: dir, dataDir: 'legacy' })
    expect(listing.code).toBe(0)
    const listed = JSON.parse(listing.out) as Array<{ id: string; total: number }>
    expect(listed.find((b) => b.id === batchId)?.total).toBe(rows)
    const file = join(dataDir, RESULTS_DB_FILE)
    expect(storeFileKind(file)).toBe('encrypted')
    expect(tableCounts(file, StoreKey.fromHex(process.env.LOTE_STORE_KEY!, 'test'))).toEqual(before)
    for (const path of filesUnder(dataDir).filter((p) => statSync(p).isFile()))
      for (const needle of needles()) expect(readFileSync(path).includes(needle), path).toBe(false)
  })

  it('a migration killed before the swap leaves the old store intact, and the next start finishes it', async () => {
    const dataDir = join(dir, 'killed')
    makePlaintextStore(dataDir)
    const file = join(dataDir, RESULTS_DB_FILE)
    const before = tableCounts(file, { kind: 'plaintext' })
    const child = spawnSync(process.execPath, encryptInChild(file, 'kill'), {
      encoding: 'utf8',
      timeout: 60_000
    })
    expect(child.signal).toBe('SIGKILL')
    expect(existsSync(`${file}.encrypting`)).toBe(true)
    expect(storeFileKind(file)).toBe('plaintext')
    expect(tableCounts(file, { kind: 'plaintext' })).toEqual(before)

    expect((await runCli(['batches'], { cwd: dir, dataDir: 'killed' })).code).toBe(0)
    expect(storeFileKind(file)).toBe('encrypted')
    expect(existsSync(`${file}.encrypting`)).toBe(false)
    expect(tableCounts(file, StoreKey.fromHex(process.env.LOTE_STORE_KEY!, 'test'))).toEqual(before)
  })

  it('two processes starting on it at once: one migrates, the other waits for it or says plainly that it cannot yet', async () => {
    const dataDir = join(dir, 'twice')
    const { batchId, rows } = makePlaintextStore(dataDir)
    const file = join(dataDir, RESULTS_DB_FILE)
    const before = tableCounts(file, { kind: 'plaintext' })
    const key = StoreKey.fromHex(process.env.LOTE_STORE_KEY!, 'test')

    // The first holds the migration lock with its encrypted copy made, the old file not yet replaced.
    const first = spawn(process.execPath, encryptInChild(file, 'hold'), {
      stdio: ['pipe', 'pipe', 'inherit']
    })
    let firstOut = ''
    const holding = new Promise<void>((resolve) =>
      first.stdout.on('data', (chunk: Buffer) => {
        firstOut += chunk.toString('utf8')
        if (firstOut.includes('holding')) resolve()
      })
    )
    const firstExit = new Promise<number | null>((resolve) => first.on('close', resolve))
    await holding

    // A start that will not wait long says so plainly, and changes nothing.
    expect(() => encryptPlaintextStoreOnce(file, key, { waitMs: 300 })).toThrow(
      /Another Lote is encrypting the results kept in this data folder.*Nothing was changed/
    )
    expect(storeFileKind(file)).toBe('plaintext')

    // The real command, started now, waits on the lock…
    const second = spawn(process.execPath, [BIN, 'batches', '--json', '--data-dir', 'twice'], {
      cwd: dir,
      env: process.env
    })
    let secondOut = ''
    let secondErr = ''
    second.stdout.on('data', (chunk: Buffer) => (secondOut += chunk.toString('utf8')))
    second.stderr.on('data', (chunk: Buffer) => (secondErr += chunk.toString('utf8')))
    const secondExit = new Promise<number | null>((resolve) => second.on('close', resolve))
    await waitUntil(() =>
      openFiles(second.pid!).some((path) => path.endsWith(`${RESULTS_DB_FILE}.migrating`))
    )
    expect(second.exitCode).toBeNull()

    // …until the first has swapped its copy in; then it finds the store encrypted and lists it.
    first.stdin.end('go\n')
    expect(await firstExit).toBe(0)
    expect(firstOut).toMatch(/encrypted \d+ rows/)
    expect(await secondExit, secondErr).toBe(0)
    const listed = JSON.parse(secondOut) as Array<{ id: string; total: number }>
    expect(listed.find((b) => b.id === batchId)?.total).toBe(rows)
    expect(storeFileKind(file)).toBe('encrypted')
    expect(existsSync(`${file}.encrypting`)).toBe(false)
    expect(tableCounts(file, key)).toEqual(before)
  }, 60_000)
})

describe('the store key', () => {
  const coreOptions = (dataDir: string, keychain: SecretStore) => ({
    dataDir,
    shell: 'cli' as const,
    version: '0.0.0-test',
    systemLocale: 'es-CO',
    launchSandbox: launchBuiltInSandbox,
    keychain,
    env: {}
  })

  it('is made on first start and kept in the keychain; a copy of the folder without it is refused plainly', async () => {
    const keychain = new MemorySecretStore()
    const dataDir = join(dir, 'keychain')
    const first = await openCore(coreOptions(dataDir, keychain))
    first.store.batches.list()
    await first.close()
    expect(storeFileKind(join(dataDir, RESULTS_DB_FILE))).toBe('encrypted')

    const again = await openCore(coreOptions(dataDir, keychain))
    await again.close()

    const copy = join(dir, 'keychain-copy')
    cpSync(dataDir, copy, { recursive: true })
    const elsewhere = openCore(coreOptions(copy, new MemorySecretStore()))
    await expect(elsewhere).rejects.toThrow(AppError)
    await expect(elsewhere).rejects.toThrow(/encrypted, and its key is not in this computer's keychain/)
    // Refused, not emptied: the copy's store is the original's, byte for byte.
    expect(
      readFileSync(join(copy, RESULTS_DB_FILE)).equals(readFileSync(join(dataDir, RESULTS_DB_FILE)))
    ).toBe(true)
  })

  it('without keychain or key, nothing is written in plaintext', async () => {
    const broken: SecretStore = {
      backend: 'keychain',
      probe: async () => {
        throw new AppError('keychain_unavailable', 'no Secret Service')
      },
      get: async () => null,
      set: async () => {},
      delete: async () => false
    }
    const dataDir = join(dir, 'no-keychain')
    await expect(openCore(coreOptions(dataDir, broken))).rejects.toThrow(/LOTE_STORE_KEY or --store-key-file/)
    expect(existsSync(join(dataDir, RESULTS_DB_FILE))).toBe(false)
  })

  it('lote takes a key file only when its owner alone can read it, and a wrong key is refused plainly', async () => {
    const keyFile = join(dir, 'store.key')
    writeFileSync(keyFile, `${StoreKey.generate().hex}\n`, { mode: 0o644 })
    chmodSync(keyFile, 0o644)
    const batches = (env: NodeJS.ProcessEnv, ...flags: string[]) =>
      runCli(['batches', ...flags], { cwd: dir, dataDir: 'keyfile', env })
    const unreadable = await batches({ LOTE_STORE_KEY: '' }, '--store-key-file', 'store.key')
    expect(unreadable.code).toBe(1)
    expect(unreadable.err).toMatch(/can be read by other users.*chmod 600/)
    expect(existsSync(join(dir, 'keyfile', RESULTS_DB_FILE))).toBe(false)

    chmodSync(keyFile, 0o600)
    expect((await batches({ LOTE_STORE_KEY: '' }, '--store-key-file', 'store.key')).code).toBe(0)
    expect(storeFileKind(join(dir, 'keyfile', RESULTS_DB_FILE))).toBe('encrypted')

    const wrong = await batches({ LOTE_STORE_KEY: StoreKey.generate().hex })
    expect(wrong.code).toBe(1)
    expect(wrong.err).toMatch(/store key does not open this data folder/)

    const malformed = await batches({ LOTE_STORE_KEY: 'not-a-key' })
    expect(malformed.code).toBe(1)
    expect(malformed.err).toMatch(/64 hexadecimal characters/)
  })
})
