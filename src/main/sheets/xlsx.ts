// Lote's own streaming reader of .xlsx/.xlsm workbooks (exceljs stays for writing). It opens the zip by its
// central directory, reads the package relationships, the workbook, its relationships, the shared strings and
// the styles first, wherever the writer stored them, and then streams one sheet at a time through a SAX parser.
// Every limit in SheetLimits is checked while the bytes stream (docs/import.md, "Reading").
import type { CellValue } from '../../shared/sheets/types'
import { sheetErrors, type SheetLimits } from './errors'
import { parseXml, XmlStream } from './xml'
import { ZipArchive } from './zip'

export interface RawRow {
  /** 1-based sheet row number. */
  row: number
  cells: CellValue[]
}

export interface SheetStream {
  name: string
  /** Position in the workbook's sheet list (tabs order), 0-based. */
  index: number
  hidden: boolean
  /** Rows in batches (as parsed from each chunk of the file): one await per batch, not per row. */
  rows: AsyncIterable<RawRow[]>
}

export interface SheetListing {
  name: string
  hidden: boolean
}

interface WorkbookSheet extends SheetListing {
  /** Zip path of the sheet's part; null for a sheet without cells (a chart sheet, a missing part). */
  part: string | null
}

const RELATIONSHIP = {
  officeDocument: '/officeDocument',
  worksheet: '/worksheet',
  sharedStrings: '/sharedStrings',
  styles: '/styles'
}

interface Relationship {
  id: string
  type: string
  /** Zip path the target resolves to. */
  target: string
}

/** Directory of a part: `xl/workbook.xml` → `xl`. */
function directoryOf(part: string): string {
  const slash = part.lastIndexOf('/')
  return slash === -1 ? '' : part.slice(0, slash)
}

/**
 * Where a relationship target points, as a zip path. Writers use relative targets (`worksheets/sheet1.xml`),
 * absolute ones (`/xl/worksheets/sheet1.xml`, openpyxl and pandas), `./` and `../` segments, and
 * percent-encoded names.
 */
export function resolveTarget(sourceDirectory: string, target: string): string {
  let path = target.replace(/\\/g, '/')
  try {
    path = decodeURIComponent(path)
  } catch {
    // not percent-encoded after all
  }
  const segments = path.startsWith('/') ? [] : sourceDirectory.split('/').filter(Boolean)
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue
    if (segment === '..') segments.pop()
    else segments.push(segment)
  }
  return segments.join('/')
}

function relationshipsPath(part: string): string {
  const directory = directoryOf(part)
  const name = part.slice(directory.length === 0 ? 0 : directory.length + 1)
  return `${directory === '' ? '' : directory + '/'}_rels/${name}.rels`
}

async function readRelationships(file: string, zip: ZipArchive, part: string): Promise<Relationship[]> {
  const path = relationshipsPath(part)
  const xml = await zip.text(path)
  if (xml === null) return []
  const found: Relationship[] = []
  const source = directoryOf(part)
  parseXml(file, path, xml, {
    open(name, attributes) {
      if (name !== 'Relationship' || attributes.TargetMode === 'External') return
      if (!attributes.Id || !attributes.Target) return
      found.push({
        id: attributes.Id,
        type: attributes.Type ?? '',
        target: resolveTarget(source, attributes.Target)
      })
    },
    close() {},
    text() {}
  })
  return found
}

const byType = (relationships: Relationship[], suffix: string) =>
  relationships.find((relationship) => relationship.type.endsWith(suffix))

// Excel's built-in number formats that show dates or times (ids 14-22, 45-47, and the East Asian ones).
const BUILTIN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54,
  55, 56, 57, 58, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81
])

/** A format code shows a date when, outside quoted text, escapes and [colour]/[locale] sections, it has d, m, y. */
export function isDateFormatCode(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/[_*]./g, '')
    .replace(/\[(?:h+|m+|s+)\]/gi, 'h')
    .replace(/\[[^\]]*\]/g, '')
  // The section for positive numbers decides; "General" and plain numbers have none of these letters.
  const positive = bare.split(';')[0]
  return /[dmyhs]/i.test(positive) && !/^general$/i.test(positive.trim())
}

/** Which cell styles (cellXfs indexes) show dates. */
function readDateStyles(file: string, part: string, xml: string): boolean[] {
  const formats = new Map<number, string>()
  const styles: boolean[] = []
  let inCellXfs = false
  const xfFormats: number[] = []
  parseXml(file, part, xml, {
    open(name, attributes) {
      if (name === 'numFmt') formats.set(Number(attributes.numFmtId), attributes.formatCode ?? '')
      else if (name === 'cellXfs') inCellXfs = true
      else if (name === 'xf' && inCellXfs) xfFormats.push(Number(attributes.numFmtId ?? 0))
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false
    },
    text() {}
  })
  for (const id of xfFormats) {
    const custom = formats.get(id)
    styles.push(custom !== undefined ? isDateFormatCode(custom) : BUILTIN_DATE_FORMATS.has(id))
  }
  return styles
}

const DAY_MS = 86_400_000
/** 1970-01-01 as an Excel serial in the 1900 system (which counts a 29 February 1900 that never was). */
const UNIX_EPOCH_1900 = 25_569
/** The 1904 system (old Mac Excel) counts from 1904-01-01: 1,462 days later. */
const OFFSET_1904 = 1_462

export function serialToDate(serial: number, date1904: boolean): Date {
  let days = date1904 ? serial + OFFSET_1904 : serial
  if (!date1904 && days < 61) days += 1 // before the phantom 29 February 1900
  return new Date(Math.round((days - UNIX_EPOCH_1900) * DAY_MS))
}

/** `AB12` → column index 27 (0-based); -1 when the reference has no letters. */
function columnOfReference(reference: string): number {
  let column = 0
  let i = 0
  for (; i < reference.length; i++) {
    const code = reference.charCodeAt(i) | 0x20 // lower case
    if (code < 97 || code > 122) break
    column = column * 26 + (code - 96)
    if (column > 20_000) break
  }
  return i === 0 ? -1 : column - 1
}

interface ParsedWorkbook {
  sheets: WorkbookSheet[]
  date1904: boolean
}

async function readWorkbook(
  file: string,
  zip: ZipArchive
): Promise<ParsedWorkbook & { relationships: Relationship[] }> {
  const root = await readRelationships(file, zip, '')
  const part =
    byType(root, RELATIONSHIP.officeDocument)?.target ??
    (zip.has('xl/workbook.xml') ? 'xl/workbook.xml' : null)
  const xml = part === null ? null : await zip.text(part)
  if (part === null || xml === null)
    throw sheetErrors.corrupt(file, new Error('the workbook part is missing'))
  const listed: { name: string; hidden: boolean; id: string | undefined }[] = []
  let date1904 = false
  parseXml(file, part, xml, {
    open(name, attributes) {
      if (name === 'sheet')
        listed.push({
          name: attributes.name ?? `Sheet${listed.length + 1}`,
          hidden: attributes.state === 'hidden' || attributes.state === 'veryHidden',
          id: attributes['r:id'] ?? Object.entries(attributes).find(([key]) => key.endsWith(':id'))?.[1]
        })
      else if (name === 'workbookPr') date1904 = attributes.date1904 === '1' || attributes.date1904 === 'true'
    },
    close() {},
    text() {}
  })
  const relationships = await readRelationships(file, zip, part)
  const targets = new Map(relationships.map((relationship) => [relationship.id, relationship]))
  const sheets = listed.map((sheet): WorkbookSheet => {
    const target = sheet.id === undefined ? undefined : targets.get(sheet.id)
    const isWorksheet = target !== undefined && target.type.endsWith(RELATIONSHIP.worksheet)
    return {
      name: sheet.name,
      hidden: sheet.hidden,
      part: isWorksheet && zip.has(target.target) ? target.target : null
    }
  })
  return { sheets, date1904, relationships }
}

export class XlsxWorkbook {
  private constructor(
    private readonly file: string,
    private readonly zip: ZipArchive,
    private readonly limits: SheetLimits,
    private readonly workbook: ParsedWorkbook,
    private readonly sharedStrings: string[],
    private readonly dateStyles: boolean[],
    private readonly fileBytes: number
  ) {}

  static async open(file: string, limits: SheetLimits, fileBytes: number): Promise<XlsxWorkbook> {
    const zip = await ZipArchive.open(file, limits)
    try {
      const { relationships, ...workbook } = await readWorkbook(file, zip)
      const stringsPart =
        byType(relationships, RELATIONSHIP.sharedStrings)?.target ??
        (zip.has('xl/sharedStrings.xml') ? 'xl/sharedStrings.xml' : null)
      const stylesPart =
        byType(relationships, RELATIONSHIP.styles)?.target ??
        (zip.has('xl/styles.xml') ? 'xl/styles.xml' : null)
      const sharedStrings =
        stringsPart === null ? [] : await readSharedStrings(file, zip, stringsPart, limits)
      const stylesXml = stylesPart === null ? null : await zip.text(stylesPart)
      const dateStyles = stylesXml === null ? [] : readDateStyles(file, stylesPart!, stylesXml)
      return new XlsxWorkbook(file, zip, limits, workbook, sharedStrings, dateStyles, fileBytes)
    } catch (error) {
      zip.close()
      throw error
    }
  }

  /** Every sheet in tab order, hidden ones included. */
  listing(): SheetListing[] {
    return this.workbook.sheets.map(({ name, hidden }) => ({ name, hidden }))
  }

  /** The sheets in tab order; each one's rows are read only when asked for. */
  sheets(onBytes?: (bytes: number) => void): SheetStream[] {
    return this.workbook.sheets.map((sheet, index) => ({
      name: sheet.name,
      index,
      hidden: sheet.hidden,
      rows: this.rows(sheet.name, sheet.part, onBytes)
    }))
  }

  private async *rows(
    sheet: string,
    part: string | null,
    onBytes?: (bytes: number) => void
  ): AsyncGenerator<RawRow[]> {
    if (part === null) return
    const chunks = await this.zip.stream(part)
    if (!chunks) return
    const file = this.file
    const limits = this.limits
    const strings = this.sharedStrings
    const dateStyles = this.dateStyles
    const date1904 = this.workbook.date1904
    let batch: RawRow[] = []
    let rowNumber = 0
    let cells: CellValue[] = []
    let column = -1
    let type = 'n'
    let style = 0
    let text = ''
    let capturing = false
    let inInline = false
    let inPhonetic = false
    let hasValue = false
    const tooLong = () =>
      sheetErrors.limitExceeded(
        file,
        'maxCellChars',
        limits.maxCellChars,
        `sheet "${sheet}", row ${rowNumber}`
      )
    const cellValue = (): CellValue => {
      switch (type) {
        case 's': {
          const value = strings[Number(text)]
          return value === undefined ? null : value
        }
        case 'inlineStr':
        case 'str':
          return text
        case 'b':
          return text === '1' || text === 'true'
        case 'e':
          return text === '' ? null : text
        case 'd': {
          const date = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : text + 'Z')
          return Number.isNaN(date.getTime()) ? text : date
        }
        default: {
          if (text === '') return null
          const number = Number(text)
          if (Number.isNaN(number)) return text
          return dateStyles[style] === true && number >= 0 ? serialToDate(number, date1904) : number
        }
      }
    }
    const xml = new XmlStream(file, part, {
      open(name, attributes) {
        switch (name) {
          case 'row': {
            const r = attributes.r
            rowNumber = r === undefined ? rowNumber + 1 : Number(r)
            if (!Number.isSafeInteger(rowNumber) || rowNumber < 1)
              throw sheetErrors.corrupt(file, new Error(`${part}: row number "${r}"`))
            if (rowNumber > limits.maxSheetRows)
              throw sheetErrors.limitExceeded(file, 'maxSheetRows', limits.maxSheetRows, `sheet "${sheet}"`)
            cells = []
            column = -1
            break
          }
          case 'c': {
            const reference = attributes.r
            const at = reference === undefined ? -1 : columnOfReference(reference)
            column = at === -1 ? column + 1 : at
            type = attributes.t ?? 'n'
            style = attributes.s === undefined ? 0 : Number(attributes.s)
            text = ''
            hasValue = false
            break
          }
          case 'v':
            capturing = true
            hasValue = true
            break
          case 'is':
            inInline = true
            hasValue = true
            break
          case 'rPh':
            inPhonetic = true
            break
          case 't':
            if (inInline && !inPhonetic) capturing = true
            break
        }
      },
      close(name) {
        switch (name) {
          case 'v':
          case 't':
            capturing = false
            break
          case 'is':
            inInline = false
            break
          case 'rPh':
            inPhonetic = false
            break
          case 'c': {
            if (!hasValue) break
            const value = cellValue()
            if (value === null) break
            if (column >= limits.maxColumns)
              throw sheetErrors.limitExceeded(
                file,
                'maxColumns',
                limits.maxColumns,
                `sheet "${sheet}", row ${rowNumber}`
              )
            while (cells.length < column) cells.push(null)
            cells[column] = value
            break
          }
          case 'row':
            batch.push({ row: rowNumber, cells })
            cells = []
            break
        }
      },
      text(value) {
        if (!capturing) return
        text += value
        if (text.length > limits.maxCellChars) throw tooLong()
      }
    })
    const declared = this.zip.declaredSize(part)
    let inflated = 0
    for await (const chunk of chunks) {
      xml.write(chunk)
      inflated += chunk.length
      if (onBytes && declared > 0) onBytes(Math.round(this.fileBytes * Math.min(1, inflated / declared)))
      if (batch.length > 0) {
        const ready = batch
        batch = []
        yield ready
      }
    }
    xml.close()
    if (batch.length > 0) yield batch
  }

  close(): void {
    this.zip.close()
  }
}

/** The shared string table: plain and rich-text items (all runs joined), without phonetic guides. */
async function readSharedStrings(
  file: string,
  zip: ZipArchive,
  part: string,
  limits: SheetLimits
): Promise<string[]> {
  const chunks = await zip.stream(part)
  if (!chunks) return []
  const strings: string[] = []
  let chars = 0
  let text = ''
  let capturing = false
  let inPhonetic = false
  const xml = new XmlStream(file, part, {
    open(name) {
      if (name === 'si') text = ''
      else if (name === 'rPh') inPhonetic = true
      else if (name === 't' && !inPhonetic) capturing = true
    },
    close(name) {
      if (name === 't') capturing = false
      else if (name === 'rPh') inPhonetic = false
      else if (name === 'si') {
        if (strings.length >= limits.maxSharedStrings)
          throw sheetErrors.limitExceeded(file, 'maxSharedStrings', limits.maxSharedStrings)
        strings.push(text)
        text = ''
      }
    },
    text(value) {
      if (!capturing) return
      text += value
      chars += value.length
      if (text.length > limits.maxCellChars)
        throw sheetErrors.limitExceeded(file, 'maxCellChars', limits.maxCellChars, 'in its shared strings')
      if (chars > limits.maxSharedStringChars)
        throw sheetErrors.limitExceeded(file, 'maxSharedStringChars', limits.maxSharedStringChars)
    }
  })
  for await (const chunk of chunks) xml.write(chunk)
  xml.close()
  return strings
}
