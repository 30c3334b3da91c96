// Reading one sheet of a workbook skips the others. In files written by Excel-like tools the sheets come
// before the shared strings, so exceljs parks them in temporary files; a skipped one must never make the
// process fail later, out of reach of any handler (which would take the app down mid-session).
import { describe, expect, it } from 'vitest'
import { execFileSync } from 'node:child_process'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'

describe('skipping sheets', () => {
  it('leaves nothing behind that fails after the read is over', () => {
    const script = `
      const { inspectSpreadsheet } = await import(${JSON.stringify(pathToFileURL(resolve('src/main/sheets/read.ts')).href)})
      let uncaught = 0
      process.on('uncaughtException', () => uncaught++)
      const files = ['test/fixtures/candidatos-co.xlsx', 'test/fixtures/mixed-latam.xlsx']
      // Only failures that escape every handler count here; a read that is refused is a separate matter.
      const read = (file, options) => inspectSpreadsheet(file, options).catch(() => ({ sheets: [] }))
      for (let i = 0; i < 40; i++)
        for (const file of files) {
          const info = await read(file, { includeHidden: true })
          for (const sheet of info.sheets) await read(file, { sheet: sheet.name })
        }
      await new Promise((done) => setTimeout(done, 300))
      console.log(JSON.stringify({ uncaught }))
    `
    const output = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
      timeout: 120_000
    })
    expect(JSON.parse(output.trim().split('\n').pop()!)).toEqual({ uncaught: 0 })
  }, 150_000)
})
