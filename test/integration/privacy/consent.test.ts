// Consent evidence: a batch run with signed consent files and references keeps them with the batch (sealed,
// named by hash), the statement names the country's law, the audit entry names the evidence without the file
// names, and the xlsx export, the summary PDF and the csv say which evidence covers the batch. Then the same batch
// exported with a password: a zip 7-Zip opens with that password only.
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CsvParser } from '../../../src/main/sheets/csv'
import { startSandbox, type RunningSandbox } from '../../../src/main/sandbox/server'
import { AUDIT_FILE } from '../../../src/main/store/audit-log'
import type { AuditEntry } from '../../../src/shared/audit'
import { peopleRun, runCli } from '../../helpers/cli-io'
import { makeTempDir } from '../../helpers/env'
import { pdfText } from '../../helpers/pdf'

const SIGNED = 'Consentimiento firmado por Eulalia Zambrano Quiroga'

let sandbox: RunningSandbox
let dir: string
let batchId: string

const lote = (args: string[]) => runCli(args, { cwd: dir, dataDir: 'data' })

function filesUnder(root: string): string[] {
  return readdirSync(root, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(root, entry.name)) : [join(root, entry.name)]
  )
}

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, timeScale: 3000, seed: 5, outageRate: 0 })
  dir = makeTempDir('lote-consent-')
  mkdirSync(join(dir, 'in'), { recursive: true })
  writeFileSync(
    join(dir, 'in', 'personas.csv'),
    ['Nombre;Apellido;Cédula', 'Eulalia;Zambrano;1019283746', 'Lucía;Muñoz;30000007'].join('\r\n')
  )
  writeFileSync(join(dir, 'in', 'eulalia-zambrano-consent.txt'), SIGNED)
})

afterAll(async () => {
  await sandbox.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('consent evidence', () => {
  it('is kept with the batch, audited by hash, and named by the exports', async () => {
    const missing = await lote([
      'run',
      'in/personas.csv',
      '--i-have-authorization',
      '--consent-file',
      'nope.pdf'
    ])
    expect(missing.code).toBe(2)
    expect(missing.err).toContain('--consent-file nope.pdf does not exist')

    const run = await lote(
      peopleRun(
        'in/personas.csv',
        sandbox.url,
        '--consent-file',
        'in/eulalia-zambrano-consent.txt',
        '--consent-ref',
        'SOL-2026-0042',
        '--consent-form',
        'v3.1'
      )
    )
    expect(run.code, run.err).toBe(0)
    batchId = /b\d{8}-[0-9a-f]+/.exec(run.out)?.[0] as string
    const sha256 = createHash('sha256').update(SIGNED).digest('hex')

    // The audit entry: the law, the references and the file's hash; not its name (it names a person).
    const started = readFileSync(join(dir, 'data', AUDIT_FILE), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as AuditEntry)
      .find((entry) => entry.action === 'batch.started')
    expect(started?.details.authorizationStatement).toContain('Ley 1581 de 2012')
    expect(started?.details.evidence).toEqual({
      law: 'Ley 1581 de 2012',
      files: 1,
      sha256: [sha256],
      requestId: 'SOL-2026-0042',
      formVersion: 'v3.1'
    })
    expect(JSON.stringify(started)).not.toContain('eulalia')

    // The copy kept with the batch is sealed: neither its text nor its name is in the data folder.
    for (const file of filesUnder(join(dir, 'data'))) {
      const bytes = readFileSync(file)
      expect(bytes.includes(Buffer.from('Zambrano')), file).toBe(false)
      expect(file).not.toMatch(/eulalia/i)
    }

    // The xlsx's summary sheet says which evidence covers the batch.
    expect((await lote(['export', batchId, '--out', 'out/r.xlsx', '--lang', 'en'])).code).toBe(0)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(join(dir, 'out', 'r.xlsx'))
    const facts = new Map<string, string>()
    workbook.worksheets[1].eachRow((row) =>
      facts.set(String(row.getCell(1).value), String(row.getCell(2).value))
    )
    const evidence = facts.get('Authorisation evidence') ?? ''
    expect(evidence).toContain('under Ley 1581 de 2012')
    expect(evidence).toContain(`SHA-256 ${sha256.slice(0, 12)}`)
    expect(evidence).toContain('request SOL-2026-0042')
    expect(evidence).toContain('consent form version v3.1')

    // And so does the summary PDF, in the analyst's language.
    expect((await lote(['export', batchId, '--out', 'out/r.pdf', '--lang', 'es'])).code).toBe(0)
    const text = pdfText(join(dir, 'out', 'r.pdf')).replace(/\s+/g, ' ')
    expect(text).toContain('Evidencia de la autorización')
    expect(text).toContain('según la Ley 1581 de 2012')
    expect(text).toContain('solicitud SOL-2026-0042')

    // A csv has no summary sheet: its last column states the evidence, on every row.
    expect((await lote(['export', batchId, '--out', 'out/r.csv', '--lang', 'pt-BR'])).code).toBe(0)
    const parser = new CsvParser(';')
    const [header, ...records] = [
      ...parser.push(
        readFileSync(join(dir, 'out', 'r.csv'))
          .subarray(3)
          .toString('utf8')
      ),
      ...parser.end()
    ].filter((record) => record.length > 1)
    expect(header.at(-1)).toBe('Evidência da autorização')
    expect(records).toHaveLength(2)
    for (const record of records) {
      expect(record.at(-1)).toContain('Ley 1581 de 2012')
      expect(record.at(-1)).toContain(`SHA-256 ${sha256.slice(0, 12)}`)
      expect(record.at(-1)).toContain('SOL-2026-0042')
      expect(record.at(-1)).toContain('v3.1')
    }
  })
})

describe('password-protected exports', () => {
  const PASSWORD = 'caballo correcto batería'

  function sevenZip(args: string[]) {
    return spawnSync('7zz', args, { cwd: dir, encoding: 'utf8' })
  }

  it('puts the xlsx or csv in an AES-256 zip that opens with the password and nothing else', async () => {
    writeFileSync(join(dir, 'pw.txt'), `${PASSWORD}\n`)
    writeFileSync(join(dir, 'short.txt'), 'corta\n')
    const short = await lote([
      'export',
      batchId,
      '--out',
      'out/p.zip',
      '--format',
      'xlsx',
      '--password-file',
      'short.txt'
    ])
    expect(short.code).toBe(2)
    expect(short.err).toContain('at least 8 characters')
    const noZip = await lote(['export', batchId, '--out', 'out/p.xlsx', '--password-file', 'pw.txt'])
    expect(noZip.code).toBe(2)

    for (const format of ['xlsx', 'csv'] as const) {
      const exported = await lote([
        'export',
        batchId,
        '--out',
        `out/${format}.zip`,
        '--format',
        format,
        '--password-file',
        'pw.txt'
      ])
      expect(exported.code, exported.err).toBe(0)
      const zip = readFileSync(join(dir, 'out', `${format}.zip`))
      // Nothing of the export shows through: not a person, not even the xlsx's own part names.
      for (const plain of ['Zambrano', 'xl/worksheets', 'Cédula'])
        expect(zip.includes(Buffer.from(plain)), plain).toBe(false)

      const listing = sevenZip(['l', '-slt', `out/${format}.zip`])
      expect(listing.stdout).toContain('Method = AES-256 Deflate')
      const wrong = sevenZip(['x', '-y', '-pnot-the-password', `-owrong-${format}`, `out/${format}.zip`])
      expect(wrong.status, wrong.stdout).not.toBe(0)
      const right = sevenZip(['x', '-y', `-p${PASSWORD}`, `-oopened-${format}`, `out/${format}.zip`])
      expect(right.status, right.stdout + right.stderr).toBe(0)
      const [inner] = readdirSync(join(dir, `opened-${format}`))
      expect(inner).toMatch(new RegExp(`results\\.${format}$`))
      if (format === 'csv')
        expect(readFileSync(join(dir, `opened-${format}`, inner), 'utf8')).toContain('Zambrano')
      else {
        const workbook = new ExcelJS.Workbook()
        await workbook.xlsx.readFile(join(dir, `opened-${format}`, inner))
        expect(JSON.stringify(workbook.worksheets[0].getSheetValues())).toContain('Zambrano')
      }
    }

    const written = readFileSync(join(dir, 'data', AUDIT_FILE), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as AuditEntry)
      .filter((entry) => entry.action === 'export.written')
    expect(written.at(-1)?.details).toMatchObject({
      format: 'csv',
      fileName: 'csv.zip',
      passwordProtected: true
    })
    expect(JSON.stringify(written)).not.toContain(PASSWORD)
  })
})
