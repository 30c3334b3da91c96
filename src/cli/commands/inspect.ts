// `lote inspect <file>`: what Lote sees in a spreadsheet before any check is created: sheets, header row,
// row count, the suggested mapping with confidences, and a summary of the problems in the rows.
import { resolve } from 'node:path'
import { COUNTRIES } from '../../shared/checks/inputs'
import { Spreadsheets } from '../../main/app/spreadsheets'
import { FilesOnDisk } from '../../main/files'
import { createLogger } from '../../main/log'
import { SheetError } from '../../main/sheets/errors'
import { AppError } from '../../shared/result'
import { readFlags } from '../command'
import type { Command } from '../index'
import { checkTypeOption, countryOption, encodingOption, ENCODING_HELP } from '../options'
import { CliError } from '../io'
import { MAPPING_HELP, mappingFor, printMapping, requireDataSheet } from '../mapping'

const HELP = `Usage: lote inspect <file> [options]

Reads an .xlsx or .csv file the way an import would and prints its sheets, the header row, the row count,
the suggested column mapping with confidences, and a summary of the problems found in the rows.

Options:
  --sheet NAME    Sheet to inspect (default: the visible sheet whose headers map best)
  --header-row N  Row that holds the headers (default: found in the sheet)
  --country CC    Country of every row: ${COUNTRIES.join(', ')} (default: a country column)
  --type T        Check type of every row: person, vehicle, company or a custom type (default: a type column)
  --hidden        Also read hidden sheets
${MAPPING_HELP}
  --encoding E    ${ENCODING_HELP}
  --json          Print one JSON document instead of text`

export const run: Command = async (argv, io) => {
  const flags = readFlags(argv, io, {
    help: HELP,
    positionals: { min: 1, max: 1, what: 'one file' },
    options: {
      sheet: { type: 'string' },
      'header-row': { type: 'string' },
      country: { type: 'string' },
      type: { type: 'string' },
      hidden: { type: 'boolean' },
      encoding: { type: 'string' },
      map: { type: 'string', multiple: true },
      ignore: { type: 'string', multiple: true },
      json: { type: 'boolean' }
    }
  })
  if (!flags) return 0
  const { values, positionals } = flags
  const country = countryOption(values.country)
  const type = checkTypeOption(values.type)
  const encoding = encodingOption(values.encoding)
  const file = resolve(io.cwd, positionals[0])
  const headerRow = values['header-row'] === undefined ? undefined : Number(values['header-row'])
  if (headerRow !== undefined && !(Number.isInteger(headerRow) && headerRow >= 1))
    throw new CliError(`--header-row must be a row number (1, 2, …); got "${values['header-row']}".`, 2)

  // The app's Spreadsheets use case, on the file where it is: no data folder is opened or written.
  const files = new FilesOnDisk()
  const spreadsheets = new Spreadsheets(files, createLogger({ level: 'error' }), {})
  try {
    const { fileId } = files.registerPath(file)
    let info = await spreadsheets.inspect({
      fileId,
      sheet: values.sheet,
      includeHidden: values.hidden ?? false,
      encoding
    })
    let chosen = info.sheets.find((sheet) => sheet.name === info.dataSheet)
    if (chosen && headerRow !== undefined) {
      // The header row applies to the sheet being inspected, not to every sheet of the workbook.
      const reread = await spreadsheets.inspect({
        fileId,
        sheet: chosen.name,
        headerRow,
        includeHidden: true,
        encoding
      })
      info = { ...info, sheets: info.sheets.map((s) => (s.name === chosen!.name ? reread.sheets[0] : s)) }
      chosen = reread.sheets[0]
    }
    chosen = requireDataSheet(info, chosen, positionals[0])
    const defaults = { country, type }
    const { suggestions, mapping } = mappingFor(chosen, defaults, { map: values.map, ignore: values.ignore })
    // A csv that is not UTF-8 is shown as Windows-1252 would read it, and said so, until --encoding is given.
    const result = await spreadsheets.check({
      fileId,
      sheet: chosen.name,
      headerRow,
      encoding: encoding ?? info.encoding,
      mapping,
      defaults
    })
    if (values.json) {
      io.out(
        JSON.stringify({
          file: positionals[0],
          format: info.format,
          ...(info.encoding ? { encoding: info.encoding, delimiter: info.delimiter } : {}),
          ...(info.encodingNeeded ? { encodingNeeded: info.encodingNeeded } : {}),
          sheets: info.sheets.map((sheet) => ({
            name: sheet.name,
            hidden: sheet.hidden,
            headerRow: sheet.headerRow,
            rowCount: sheet.rowCount,
            headers: sheet.headers
          })),
          hiddenSheets: info.hiddenSheets,
          sheet: chosen.name,
          headerRow: chosen.headerRow,
          rowCount: chosen.rowCount,
          mapping: suggestions.map((suggestion, column) => ({
            ...suggestion,
            target: mapping.targets[column] ?? null
          })),
          defaults: result.mapping.defaults,
          dateColumns: result.dateColumns,
          summary: result.summary
        })
      )
      return 0
    }
    io.out(
      `File: ${positionals[0]} (${info.format}${info.encoding ? `, ${info.encoding}, delimiter "${info.delimiter === '\t' ? '\\t' : info.delimiter}"` : ''})`
    )
    if (info.encodingNeeded) {
      io.out(
        'Encoding: this file is not UTF-8. Shown as windows-1252 would read it; say which is right with --encoding:'
      )
      for (const sample of info.encodingNeeded)
        io.out(`  --encoding ${sample.encoding.padEnd(12)} "${sample.text}"`)
    }
    io.out('Sheets:')
    for (const sheet of info.sheets)
      io.out(
        `  ${sheet.name === chosen.name ? '*' : ' '} ${sheet.name}${sheet.hidden ? ' (hidden)' : ''}: ${sheet.rowCount} rows, header row ${sheet.headerRow ?? '-'}`
      )
    for (const name of info.hiddenSheets.filter((name) => !info.sheets.some((sheet) => sheet.name === name)))
      io.out(`    ${name} (hidden, skipped; use --hidden to read it)`)
    io.out(`Sheet "${chosen.name}": header row ${chosen.headerRow}, ${chosen.rowCount} rows`)
    printMapping(io, 'Mapping:', suggestions, mapping)
    for (const [column, decision] of Object.entries(result.dateColumns))
      io.out(
        `Dates in "${mapping.headers[Number(column)]}": read ${decision.order === 'dmy' ? 'day first' : 'month first'}${decision.settledBy ? `, settled by ${decision.settledBy === 'values' ? 'its values' : decision.settledBy === 'other-columns' ? 'the other date columns' : "the country's convention"}` : decision.ambiguous ? ', but nothing in the file settles it (see the warning)' : ''}`
      )
    const { summary } = result
    io.out(
      `Rows: ${summary.rows} (${summary.byStatus.ok} ok, ${summary.byStatus.warning} with warnings, ${summary.byStatus.error} with errors)`
    )
    io.out(
      `Issues: ${summary.byLevel.error} errors, ${summary.byLevel.warning} warnings, ${summary.byLevel.info} notes`
    )
    const codes = Object.entries(summary.byCode).sort((a, b) => b[1].count - a[1].count)
    for (const [code, entry] of codes) {
      io.out(`  ${entry.level.padEnd(7)} ${code} x${entry.count}`)
      for (const example of entry.examples) io.out(`      ${example.message}`)
    }
    return 0
  } catch (error) {
    if (!(error instanceof SheetError || error instanceof AppError)) throw error
    if (values.json) io.out(JSON.stringify({ error: { code: error.code, message: error.message } }))
    throw new CliError(error.message, 1)
  }
}
