// Never paying twice, from the command line, against a real Sandbox over HTTP: a file run again within the reuse
// window makes no new check (the Sandbox's own count proves it) and still gives every row a result; the same
// documents written another way are the same people; --reuse-days 0 checks everyone again; --dry-run says what
// a run would create and cost; lote history, run as the real command, lists a person's checks.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createNodeCore } from '../../../src/main/node-core'
import { startSandbox, type RunningSandbox } from '../../../src/main/sandbox/server'
import type { BatchSummary } from '../../../src/shared/batch'
import { completeCpf } from '../../../src/shared/sheets/documents'
import { peopleRun, runCli } from '../../helpers/cli-io'
import { makeTempDir } from '../../helpers/env'
import { runLote } from '../../helpers/lote-process'

let sandbox: RunningSandbox
let dir: string

const created = () => sandbox.stats().checksCreated

/** Six Colombian cédulas ending in 00 (clean); the third is repeated further down, written another way. */
const CEDULAS = ['79123400', '80123400', '10203400', '52123400', '43123400', '71123400']

function csv(name: string, rows: string[][]): void {
  writeFileSync(join(dir, 'in', name), rows.map((row) => row.join(';')).join('\r\n'), 'utf8')
}

const dotted = (id: string) => id.replace(/\B(?=(\d{3})+(?!\d))/g, '.')

/** The real `lote` command in a process of its own, as an analyst runs it. */
const lotes = (args: string[]) => runLote(args, { cwd: dir })

const lote = (args: string[]) => runCli(args, { cwd: dir, env: { LOTE_DATA_DIR: join(dir, 'unused') } })

function runArgs(file: string, ...extra: string[]): string[] {
  return peopleRun(`in/${file}`, sandbox.url, '--data-dir', 'data', ...extra)
}

async function batches(): Promise<BatchSummary[]> {
  const { out } = await lote(['batches', '--json', '--data-dir', 'data'])
  return JSON.parse(out) as BatchSummary[]
}

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, timeScale: 3000, seed: 5, outageRate: 0 })
  dir = makeTempDir('lote-reuse-cli-')
  mkdirSync(join(dir, 'in'), { recursive: true })
  const header = ['Nombre', 'Apellido', 'Cédula']
  csv('marzo.csv', [
    header,
    ...CEDULAS.map((id, i) => [`Persona${i}`, 'Muñoz', dotted(id)]),
    ['Persona2', 'Muñoz', `0${CEDULAS[2]}`]
  ])
  csv('junio.csv', [header, ...CEDULAS.map((id, i) => [`Persona${i}`, 'Muñoz', `0${id}`])])
})

afterAll(async () => {
  await sandbox.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('reusing recent checks from lote run', () => {
  it('checks a repeated document once for its rows, and gives every row a result', async () => {
    const { code, out: text } = await lote(runArgs('marzo.csv'))
    expect(code).toBe(0)
    expect(created()).toBe(6)
    expect(text).toContain('Grouped: 1 row(s) repeat the document of an earlier row and share its check.')
    expect(text).toMatch(/completed\. 7 completed, .* 0 reused from earlier checks, 6 new check\(s\) made\./)
    const [batch] = await batches()
    expect(batch.counts).toMatchObject({ completed: 7, pending: 0, failed: 0 })
    expect(batch.reuse).toEqual({ reused: 0, grouped: 1 })
  })

  it('runs the same people again within the window without a single new check, every row with its result', async () => {
    const before = created()
    const requests = sandbox.stats().requests['POST /v1/checks'] ?? 0
    // The cédulas come back as 079123400 instead of 79.123.400: the same people.
    const { code, out: text } = await lote(runArgs('junio.csv'))
    expect(code).toBe(0)
    expect(created()).toBe(before)
    expect(sandbox.stats().requests['POST /v1/checks'] ?? 0).toBe(requests)
    expect(text).toContain(
      'Reuse: 6 row(s) take the result of a completed check of the last 30 days on this connection (no new check).'
    )
    expect(text).toMatch(/completed\. 6 completed, .* 6 reused from earlier checks, 0 new check\(s\) made\./)
    const [latest] = await batches()
    expect(latest.counts).toMatchObject({ completed: 6, done: 6, pending: 0 })
    expect(latest.made).toEqual([])
  })

  it('checks everyone again with --reuse-days 0', async () => {
    const before = created()
    const { code, out: text } = await lote(runArgs('junio.csv', '--reuse-days', '0'))
    expect(code).toBe(0)
    expect(created()).toBe(before + 6)
    expect(text).toContain('Reuse: off (every row gets a new check).')
    expect(text).toMatch(/0 reused from earlier checks, 6 new check\(s\) made\./)
  })

  it('matches a CPF written with and without punctuation', async () => {
    const cpfs = ['123456782', '234567893'].map((base) => completeCpf(base))
    const header = ['Nome', 'CPF', 'Nascimento', 'UF']
    csv('com-pontos.csv', [
      header,
      ...cpfs.map((cpf, i) => [
        `Pessoa${i}`,
        `${cpf.slice(0, 3)}.${cpf.slice(3, 6)}.${cpf.slice(6, 9)}-${cpf.slice(9)}`,
        '1990-05-14',
        'SP'
      ])
    ])
    csv('sem-pontos.csv', [header, ...cpfs.map((cpf, i) => [`Pessoa${i}`, cpf, '1990-05-14', 'SP'])])
    const map = ['--map', 'national_id=CPF', '--map', 'date_of_birth=Nascimento', '--map', 'region=UF']
    const brazil = (file: string) =>
      runArgs(file, ...map).map((arg, i, all) => (all[i - 1] === '--country' ? 'BR' : arg))
    expect((await lote(brazil('com-pontos.csv'))).code).toBe(0)
    const before = created()
    const again = await lote(brazil('sem-pontos.csv'))
    expect(again.code).toBe(0)
    expect(created()).toBe(before)
    expect(again.out).toMatch(/2 reused from earlier checks, 0 new check\(s\) made\./)
  })

  it('--dry-run prints the new checks and their cost with the configured prices, and sends nothing', async () => {
    const core = await createNodeCore({ shell: 'cli', dataDir: join(dir, 'data') })
    core.app.costs.update('sandbox', {
      currency: 'COP',
      prices: [
        { country: 'CO', type: 'person', amount: 12_500 },
        { country: 'BR', type: 'person', amount: 4 }
      ]
    })
    await core.close()
    csv('julio.csv', [
      ['Nombre', 'Apellido', 'Cédula'],
      ['Persona0', 'Muñoz', CEDULAS[0]],
      ['Persona1', 'Muñoz', CEDULAS[1]],
      ['Nueva', 'Persona', '91234500'],
      ['Otra', 'Persona', '92234500'],
      ['Otra', 'Persona', '092.234.500']
    ])
    const before = created()
    const drafts = (await batches()).length
    const { code, out: text } = await lote(
      runArgs('julio.csv', '--dry-run').filter((arg) => arg !== '--i-have-authorization')
    )
    expect(code).toBe(0)
    expect(text).toContain('nothing was sent to Truora')
    expect(text).toContain('Reuse: 2 row(s) take the result')
    expect(text).toContain('Grouped: 1 row(s)')
    expect(text).toContain('New checks: 2')
    expect(text).toMatch(/CO person\s+2 × COP\s?12,500(\.00)? = COP\s?25,000(\.00)?$/m)
    expect(text).toContain('Continuous checks: 0')
    expect(text).toMatch(/Estimated cost: COP\s?25,000(\.00)?$/m)
    expect(created()).toBe(before)
    expect((await batches()).length).toBe(drafts)

    // The real run keeps the estimate with the batch, and what it finally made.
    expect((await lote(runArgs('julio.csv'))).code).toBe(0)
    const [batch] = await batches()
    expect(batch.estimate).toMatchObject({ newChecks: 2, reusedRows: 2, groupedRows: 1, total: 25_000 })
    expect(batch.made).toEqual([{ country: 'CO', type: 'person', checks: 2 }])
  })

  it('lote history, run as the real command, lists every check of a document, newest first, however it is written', async () => {
    const history = (...args: string[]) => lotes(['history', ...args, '--data-dir', 'data'])
    const { code, stdout } = await history('--document', '79.123.400', '--country', 'CO')
    expect(code).toBe(0)
    const lines = stdout.trim().split('\n')
    // marzo made one, junio reused it (no check of its own), junio with --reuse-days 0 made another.
    expect(lines[0]).toBe('2 check(s) of 79123400 (CO), newest first:')
    const times = lines.slice(1).map((line) => line.slice(0, 16))
    expect(times).toHaveLength(2)
    expect([...times].sort().reverse()).toEqual(times)
    expect(lines[1]).toMatch(/CO person\s+completed\s+score \d\.\d\d\s+low risk\s+nothing found/)
    expect(lines[1]).toContain('batch "junio.csv" row 2')
    expect(lines[2]).toContain('batch "marzo.csv" row 2')

    // Written another way, as json: the same two checks, the newest first.
    const json = await history('--document', '079123400', '--json')
    expect(json.code).toBe(0)
    const parsed = JSON.parse(json.stdout) as {
      document: string
      checks: { checkId: string; batchName: string }[]
    }
    expect(parsed.document).toBe('79123400')
    expect(parsed.checks.map((c) => c.batchName)).toEqual(['junio.csv', 'marzo.csv'])
    expect(lines[1]).toContain(parsed.checks[0].checkId)

    // Another country has none; a document never checked has none; no document is a usage error.
    const brazil = await history('--document', '79123400', '--country', 'BR')
    expect(brazil).toMatchObject({ code: 0 })
    expect(brazil.stdout).toContain('No check of 79123400 in BR')
    expect((await history('--document', '11111111')).stdout).toContain('No check of 11111111')
    const missing = await history()
    expect(missing.code).toBe(2)
    expect(missing.output).toContain('give the document to look for with --document')
  }, 60_000)
})
