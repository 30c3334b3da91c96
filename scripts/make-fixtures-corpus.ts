// Writes test/fixtures/corpus/: the same people, on the same three sheets, written by seven different writers
// (openpyxl, XlsxWriter, exceljs in both its modes, LibreOffice's converter, Gnumeric's ssconvert and
// hand-assembled zips with each quirk real writers produce), plus LibreOffice's .ods and .xls of the same
// file; and the crafted files of test/fixtures/hostile/. The corpus test reads every file and expects the
// same sheets, header row, mapping and values (test/integration/sheets/corpus.test.ts).
//
// Run: npx tsx scripts/make-fixtures-corpus.ts [corpus|hostile]
// Needs Debian's python3-openpyxl, python3-xlsxwriter, libreoffice-calc-nogui and gnumeric (for ssconvert).
// The files are committed; run it again only to change them (docs/import.md, "The fixtures corpus").
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { CORPUS_PEOPLE } from '../test/fixtures/corpus/people'

const ROOT = join(import.meta.dirname, '..')
const CORPUS = join(ROOT, 'test', 'fixtures', 'corpus')
const PYTHON = '/usr/bin/python3'

function excelValue(column: number, value: string | number): string | number | Date {
  return CORPUS_PEOPLE.dateColumns.includes(column) && typeof value === 'string'
    ? new Date(`${value}T00:00:00Z`)
    : value
}

/** exceljs's in-memory Workbook, and its streaming WorkbookWriter (which stores sheets before the workbook). */
async function writeExcelJs(streaming: boolean): Promise<void> {
  const file = join(CORPUS, streaming ? 'exceljs-stream.xlsx' : 'exceljs.xlsx')
  const writer = streaming
    ? new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: true })
    : null
  const workbook = writer ?? new ExcelJS.Workbook()
  const notes = workbook.addWorksheet('Instrucciones')
  for (const line of CORPUS_PEOPLE.instructions) notes.addRow([line]).commit()
  const sheet = workbook.addWorksheet('Personas')
  const title = sheet.addRow([CORPUS_PEOPLE.title])
  sheet.mergeCells(1, 1, 1, CORPUS_PEOPLE.headers.length)
  title.commit()
  sheet.addRow([]).commit()
  const header = sheet.addRow(CORPUS_PEOPLE.headers)
  header.getCell(CORPUS_PEOPLE.richHeader + 1).value = {
    richText: [
      { text: CORPUS_PEOPLE.richRuns[0] },
      { text: CORPUS_PEOPLE.richRuns[1], font: { bold: true, color: { argb: 'FFFF0000' } } }
    ]
  }
  header.commit()
  CORPUS_PEOPLE.rows.forEach((values, r) => {
    const row = sheet.addRow(values.map((value, c) => excelValue(c, value)))
    for (const c of CORPUS_PEOPLE.dateColumns) row.getCell(c + 1).numFmt = 'dd/mm/yyyy'
    const last = values.length - 1
    if (r === 0)
      row.getCell(last + 1).value = { formula: `${values[last]}+0`, result: values[last] as number }
    row.commit()
  })
  const lists = workbook.addWorksheet('Listas', { state: streaming ? 'hidden' : 'veryHidden' })
  for (const values of CORPUS_PEOPLE.lists) lists.addRow(values).commit()
  if (writer) await writer.commit()
  else await (workbook as ExcelJS.Workbook).xlsx.writeFile(file)
}

/** A converter run on the openpyxl file: LibreOffice to xlsx, ods and xls; Gnumeric to xlsx. */
function convert(): void {
  const out = mkdtempSync(join(tmpdir(), 'lote-corpus-'))
  try {
    const source = join(CORPUS, 'openpyxl.xlsx')
    for (const [format, name] of [
      ['xlsx:Calc MS Excel 2007 XML', 'libreoffice.xlsx'],
      ['ods', 'libreoffice.ods'],
      ['xls:MS Excel 97', 'libreoffice.xls']
    ]) {
      execFileSync(
        'soffice',
        [
          `-env:UserInstallation=file://${out}/profile`,
          '--headless',
          '--convert-to',
          format,
          '--outdir',
          out,
          source
        ],
        { stdio: 'ignore' }
      )
      renameSync(join(out, `openpyxl.${name.split('.').pop()}`), join(CORPUS, name))
    }
    execFileSync('ssconvert', ['--export-type=Gnumeric_Excel:xlsx2', source, join(CORPUS, 'gnumeric.xlsx')], {
      stdio: 'ignore'
    })
  } finally {
    rmSync(out, { recursive: true, force: true })
  }
}

async function main(): Promise<void> {
  const what = process.argv[2] ?? 'all'
  mkdirSync(CORPUS, { recursive: true })
  writeFileSync(join(CORPUS, 'people.json'), JSON.stringify(CORPUS_PEOPLE, null, 2) + '\n')
  if (what === 'all' || what === 'corpus') {
    await writeExcelJs(false)
    await writeExcelJs(true)
    execFileSync(PYTHON, [join(ROOT, 'scripts', 'make-fixtures-corpus.py'), 'corpus'], { stdio: 'inherit' })
    convert()
  }
  if (what === 'all' || what === 'hostile')
    execFileSync(PYTHON, [join(ROOT, 'scripts', 'make-fixtures-corpus.py'), 'hostile'], { stdio: 'inherit' })
}

await main()
