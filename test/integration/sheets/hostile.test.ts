// Crafted files (scripts/make-fixtures-corpus.ts writes them to test/fixtures/hostile/) are refused with a
// message that names the limit they break, while reading stays far below 500 MB. Each is read in a child
// process, the way the app reads (a reading thread under resource limits), which reports the whole process's
// peak resident memory.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { inspectSpreadsheet } from '../../../src/main/sheets/read'

const hostile = (name: string) => join(import.meta.dirname, '..', '..', 'fixtures', 'hostile', name)
const child = join(import.meta.dirname, '..', '..', 'helpers', 'read-in-child.ts')

interface Outcome {
  ok: boolean
  code?: string
  message: string
  peakMb: number
}

function readInChild(file: string, limits?: object, heapMb?: number): Outcome {
  const args = [
    '--import',
    'tsx',
    child,
    file,
    limits ? JSON.stringify(limits) : '',
    heapMb ? String(heapMb) : ''
  ]
  const output = execFileSync(process.execPath, args, { encoding: 'utf8', timeout: 120_000 })
  return JSON.parse(output.trim().split('\n').pop()!) as Outcome
}

const MEMORY_BOUND_MB = 500

describe('hostile files', () => {
  it.each([
    [
      'strings-gigabytes.xlsx',
      'shared strings that inflate to 3 GB',
      'more than 64 million characters of text'
    ],
    ['strings-many.xlsx', 'twenty million shared strings', 'more than 4,000,000 different texts'],
    ['blank-rows.xlsx', '1.1 million numbered blank rows', 'rows numbered beyond 1,048,576'],
    [
      'blank-rows-unnumbered.xlsx',
      'five million blank rows without numbers',
      'rows numbered beyond 1,048,576'
    ],
    ['row-beyond.xlsx', 'a row numbered 2,000,000', 'rows numbered beyond 1,048,576'],
    ['inflated.xlsx', 'a sheet that inflates past a gigabyte', 'more than 1024 MB once uncompressed'],
    ['white-space.xlsx', 'a gigabyte of white space', 'characters in a row without any markup'],
    ['long-cell.xlsx', 'a cell of 100,000 characters', 'a cell longer than 32,767 characters'],
    ['wide.xlsx', 'a value in column XFD', 'values beyond column 1,024'],
    ['many-entries.xlsx', 'a zip of 20,000 parts', 'more than 10,000 parts inside']
  ])(
    '%s (%s) is refused naming the limit, in bounded memory',
    (file, _what, limit) => {
      const outcome = readInChild(hostile(file))
      expect(outcome).toMatchObject({ ok: false, code: 'limit-exceeded' })
      expect(outcome.message).toContain(limit)
      expect(outcome.message).toContain(`"${file}"`)
      expect(outcome.peakMb).toBeLessThan(MEMORY_BOUND_MB)
    },
    150_000
  )

  it.each([
    ['billion-laughs.xlsx', 'xl/sharedStrings.xml'],
    ['xxe.xlsx', 'xl/worksheets/sheet1.xml']
  ])(
    '%s (entity tricks) is refused and says why',
    (file, part) => {
      const outcome = readInChild(hostile(file))
      expect(outcome).toMatchObject({ ok: false, code: 'unsafe-xml' })
      expect(outcome.message).toContain(`declares its own XML entities (in ${part})`)
      expect(outcome.message).toContain('billion laughs')
      expect(outcome.message).not.toContain('root:')
      expect(outcome.peakMb).toBeLessThan(MEMORY_BOUND_MB)
    },
    60_000
  )

  it('a file that exhausts the reading thread ends that thread with a clear error, not the process', () => {
    // With its string limits lifted, this file needs more than the 64 MB of heap given here.
    const outcome = readInChild(
      hostile('strings-many.xlsx'),
      { maxSharedStrings: 1e9, maxSharedStringChars: 1e9, maxInflatedBytes: 1e10 },
      64
    )
    expect(outcome).toMatchObject({ ok: false, code: 'limit-exceeded' })
    expect(outcome.message).toContain('needed more than the 64 MB of memory Lote gives to reading one file')
    expect(outcome.peakMb).toBeLessThan(MEMORY_BOUND_MB)
  }, 150_000)

  it('a csv whose quote never closes is refused at the cell limit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lote-hostile-'))
    const file = join(dir, 'comillas.csv')
    writeFileSync(file, 'Cédula,Nombres\n1020304050,"Ana\n' + 'x,'.repeat(200_000))
    const error = await inspectSpreadsheet(file).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'limit-exceeded' })
    expect((error as Error).message).toContain('from row 2 on, a quoted cell never closes')
  })

  it('a csv 16,384 columns wide is refused like a workbook; empty fields past the last column are dropped', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lote-hostile-'))
    const wide = join(dir, 'ancho.csv')
    const headers = Array.from({ length: 16_384 }, (_, i) => `Columna ${i + 1}`)
    writeFileSync(wide, [headers.join(','), headers.map((_, i) => i).join(',')].join('\n'))
    const error = await inspectSpreadsheet(wide).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'limit-exceeded' })
    expect((error as Error).message).toContain('values beyond column 1,024')

    const trailing = join(dir, 'comas.csv')
    writeFileSync(
      trailing,
      ['Cédula,Nombres' + ','.repeat(16_000), '1020304050,Ana' + ','.repeat(16_000)].join('\n')
    )
    const info = await inspectSpreadsheet(trailing)
    expect(info.sheets[0].headers.length).toBeLessThanOrEqual(1024)
    expect(info.sheets[0].headers.slice(0, 2)).toEqual(['Cédula', 'Nombres'])
  })
})
