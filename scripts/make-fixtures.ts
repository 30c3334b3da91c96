// Writes the spreadsheets under test/fixtures/ that the sheet reader and import tests use. The people and
// companies are invented; their document numbers carry valid check digits unless a row is meant to be wrong.
// Run: npx tsx scripts/make-fixtures.ts
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { deflateRawSync } from 'node:zlib'
import ExcelJS from 'exceljs'
import { curpCheckDigit, nitVerifier, rutVerifier, completeCpf } from '../src/shared/sheets/documents'

const DIR = join(import.meta.dirname, '..', 'test', 'fixtures')

function curp(first17: string): string {
  return first17 + curpCheckDigit(first17)
}

function utcDate(year: number, month: number, day: number): Date {
  return new Date(Date.UTC(year, month - 1, day))
}

/** A Colombian hiring list as HR exports it: notes sheet first, a merged title, a blank row, a hidden list. */
async function candidatosCo(): Promise<void> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'Recursos Humanos'
  const notes = workbook.addWorksheet('Instrucciones')
  notes.addRow(['Diligencie una fila por candidato.'])
  notes.addRow(['Las fechas van en formato dd/mm/aaaa.'])

  const sheet = workbook.addWorksheet('Candidatos')
  sheet.addRow(['Listado de candidatos – Proceso de selección enero 2025'])
  sheet.mergeCells('A1:H1')
  sheet.addRow([])
  sheet.addRow([
    'No.',
    'Cédula',
    'Nombres',
    'Apellidos',
    'Fecha de nacimiento',
    'Fecha de expedición',
    'Celular',
    'Correo'
  ])
  const rows: unknown[][] = [
    [
      1,
      1020304050,
      'María José',
      'Gómez Restrepo',
      utcDate(1990, 5, 14),
      '12/06/2008',
      3001234567,
      'mjgomez@correo.co'
    ],
    [
      2,
      '52.345.678',
      'Juan Carlos',
      'Pérez Ríos',
      '03/04/1985',
      utcDate(2003, 4, 10),
      '300 765 4321',
      'jcperez@correo.co'
    ],
    [],
    [3, '1.234.56A', 'Ana Lucía', 'Martínez', '29/02/1991', '15/03/2009', '3105551234', ''],
    [
      4,
      80123456,
      'Luis Fernando',
      'Castaño Mejía',
      32874,
      '20/01/1998',
      '+57 310 555 1234',
      'lfcastano@correo.co'
    ],
    [5, 1020304050, 'María José', 'Gómez Restrepo', utcDate(1990, 5, 14), '12/06/2008', 3001234567, ''],
    [6, 1098765432, 'Camila', 'Ospina', '14-05-2030', '01/02/2015', '3157778899', ''],
    [7, null, 'Pedro', 'Sánchez', '22/11/1979', '05/12/1997', '3201112233', ''],
    [8, '43.567.890', 'Sofía', 'Vargas Londoño', '7/3/88', '19.08.2006', '3004445566', ''],
    [9, 1023456789, 'Andrés', 'Rojas', '1993-08-25', '2011-09-30', '12345', '']
  ]
  for (const row of rows) sheet.addRow(row)
  sheet.getColumn(5).numFmt = 'dd/mm/yyyy'
  sheet.getCell('E4').numFmt = 'dd/mm/yyyy'
  sheet.getCell('F5').numFmt = 'dd/mm/yyyy'

  const lists = workbook.addWorksheet('Listas', { state: 'hidden' })
  lists.addRow(['Tipo documento', 'Código'])
  lists.addRow(['Cédula de ciudadanía', 'CC'])
  lists.addRow(['Cédula de extranjería', 'CE'])
  await workbook.xlsx.writeFile(join(DIR, 'candidatos-co.xlsx'))
}

/** A regional operations file mixing countries and check types, with serials where dates lost their format. */
async function mixedLatam(): Promise<void> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('Consolidado')
  sheet.addRow(['País', 'Tipo', 'Documento', 'Nombre', 'Apellido', 'Placa', 'F. Nac.', 'Teléfono', 'Estado'])
  const rows: unknown[][] = [
    ['Chile', 'persona', '12.345.678-5', 'Valentina', 'Soto', '', 31500, '9 8765 4321', ''],
    ['CL', 'Vehículo', '11.111.111-1', 'Matías', 'Fuentes', 'BC-DF-12', 29000, '', ''],
    [
      'Brasil',
      'pessoa',
      Number(completeCpf('012345678')),
      'João',
      'Silva',
      '',
      33500,
      '(11) 98765-4321',
      'SP'
    ],
    ['BR', 'vehicle', completeCpf('987654321'), 'Ana', 'Souza', 'BRA2E19', 30000, '', 'RJ'],
    ['México', 'persona', curp('GOMA850314HDFNRN0'), 'Antonio', 'González', '', '', '55 1234 5678', ''],
    ['Perú', 'persona', 1234567, 'Rosa', 'Quispe', '', 34000, '987 654 321', ''],
    ['Costa Rica', 'persona', '1-0234-0567', 'Diego', 'Mora', '', '', '8888 7777', ''],
    ['CO', 'vehículo', 79876543, 'Jorge', 'Díaz', 'ABC123', '', '3001234567', ''],
    ['CO', 'vehiculo', 1013456789, 'Laura', 'Ramírez', 'XYZ12A', '', '', ''],
    ['CO', 'empresa', '', '', '', '', '', '', ''],
    ['Argentina', 'persona', '20123456', 'Lucas', 'Fernández', '', '', '', ''],
    ['CL', 'persona', '12.345.678-9', 'Ignacio', 'Rojas', '', 32000, '', '']
  ]
  for (const row of rows) sheet.addRow(row)
  await workbook.xlsx.writeFile(join(DIR, 'mixed-latam.xlsx'))
}

// --- a workbook written without exceljs: XML parts zipped by hand, in the order Excel stores them ---

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(data: Buffer): number {
  let crc = 0xffffffff
  for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8)
  return (crc ^ 0xffffffff) >>> 0
}

/** A minimal zip writer: deflated entries with sizes in the local headers, then the central directory. */
function zip(entries: [string, string][]): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const [name, text] of entries) {
    const data = Buffer.from(text, 'utf8')
    const packed = deflateRawSync(data)
    const nameBytes = Buffer.from(name, 'utf8')
    const crc = crc32(data)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(0x0800, 6) // names are UTF-8
    local.writeUInt16LE(8, 8) // deflate
    local.writeUInt16LE(0, 10)
    local.writeUInt16LE(0x5a21, 12) // 2025-01-01
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(packed.length, 18)
    local.writeUInt32LE(data.length, 22)
    local.writeUInt16LE(nameBytes.length, 26)
    local.writeUInt16LE(0, 28)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(0x0800, 8)
    central.writeUInt16LE(8, 10)
    central.writeUInt16LE(0, 12)
    central.writeUInt16LE(0x5a21, 14)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(packed.length, 20)
    central.writeUInt32LE(data.length, 24)
    central.writeUInt16LE(nameBytes.length, 28)
    central.writeUInt32LE(offset, 42)
    locals.push(local, nameBytes, packed)
    centrals.push(central, nameBytes)
    offset += local.length + nameBytes.length + packed.length
  }
  const directory = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, directory, end])
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'

type HandCell = { s: string } | { inline: string } | { n: number; date?: boolean }

function columnName(index: number): string {
  return String.fromCharCode(65 + index)
}

function sheetXml(rows: (HandCell | null)[][], shared: string[]): string {
  const body = rows
    .map((cells, r) => {
      const xml = cells
        .map((cell, c) => {
          if (!cell) return ''
          const ref = `${columnName(c)}${r + 1}`
          if ('s' in cell) {
            let index = shared.indexOf(cell.s)
            if (index === -1) index = shared.push(cell.s) - 1
            return `<c r="${ref}" t="s"><v>${index}</v></c>`
          }
          if ('inline' in cell)
            return `<c r="${ref}" t="inlineStr"><is><t>${escapeXml(cell.inline)}</t></is></c>`
          return `<c r="${ref}"${cell.date ? ' s="1"' : ''}><v>${cell.n}</v></c>`
        })
        .join('')
      return `<row r="${r + 1}">${xml}</row>`
    })
    .join('')
  return `${XML}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheetData>${body}</sheetData></worksheet>`
}

/** Serial of a date in Excel's 1900 system. */
function serial(year: number, month: number, day: number): number {
  return Math.round((Date.UTC(year, month - 1, day) - Date.UTC(1899, 11, 30)) / 86_400_000)
}

function handmadeBr(): void {
  const shared: string[] = []
  const s = (text: string): HandCell => ({ s: text })
  const n = (value: number): HandCell => ({ n: value })
  const date = (year: number, month: number, day: number): HandCell => ({
    n: serial(year, month, day),
    date: true
  })
  const cadastro = sheetXml(
    [
      [s('CPF'), s('Nome'), s('Sobrenome'), s('Data de nascimento'), s('UF'), s('Telefone')],
      [
        s(formatCpf(completeCpf('529982247'))),
        s('Beatriz'),
        s('Oliveira Santos'),
        date(1992, 7, 21),
        s('SP'),
        s('(11) 91234-5678')
      ],
      [
        n(Number(completeCpf('003456789'))),
        { inline: 'Carlos Eduardo' },
        s('Pereira'),
        date(1987, 1, 5),
        s('Rio de Janeiro'),
        n(21987654321)
      ],
      [s('123.456.789-00'), s('Fernanda'), s('Lima'), date(1999, 12, 31), s('MG'), s('31 3333-4444')],
      [s(completeCpf('111444777')), s('Rafael'), s('Costa'), s('15/08/1975'), s('XX'), s('')]
    ],
    shared
  )
  const hidden = sheetXml(
    [
      [s('Código'), s('Descrição')],
      [s('SP'), s('São Paulo')]
    ],
    shared
  )
  const sharedXml =
    `${XML}<sst xmlns="${MAIN_NS}" count="${shared.length}" uniqueCount="${shared.length}">` +
    shared.map((text) => `<si><t xml:space="preserve">${escapeXml(text)}</t></si>`).join('') +
    '</sst>'
  const parts: [string, string][] = [
    [
      '[Content_Types].xml',
      `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
        '<Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
        '</Types>'
    ],
    [
      '_rels/.rels',
      `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
        `<Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`
    ],
    [
      'xl/workbook.xml',
      `${XML}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheets>` +
        '<sheet name="Cadastro" sheetId="1" r:id="rId1"/>' +
        '<sheet name="Oculta" sheetId="2" state="hidden" r:id="rId2"/>' +
        '</sheets></workbook>'
    ],
    [
      'xl/_rels/workbook.xml.rels',
      `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
        `<Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/>` +
        `<Relationship Id="rId2" Type="${REL_NS}/worksheet" Target="worksheets/sheet2.xml"/>` +
        `<Relationship Id="rId3" Type="${REL_NS}/styles" Target="styles.xml"/>` +
        `<Relationship Id="rId4" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/>` +
        '</Relationships>'
    ],
    ['xl/worksheets/sheet1.xml', cadastro],
    ['xl/worksheets/sheet2.xml', hidden],
    [
      'xl/styles.xml',
      `${XML}<styleSheet xmlns="${MAIN_NS}">` +
        '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>' +
        '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>' +
        '<borders count="1"><border/></borders>' +
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
        '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
        '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>' +
        '</styleSheet>'
    ],
    ['xl/sharedStrings.xml', sharedXml]
  ]
  writeFileSync(join(DIR, 'handmade-br.xlsx'), zip(parts))
}

function formatCpf(digits: string): string {
  return `${digits.slice(0, 3)}.${digits.slice(3, 6)}.${digits.slice(6, 9)}-${digits.slice(9)}`
}

function nit(base: string): string {
  return `${base.slice(0, 3)}.${base.slice(3, 6)}.${base.slice(6)}-${nitVerifier(base)}`
}

/** Suppliers list saved by Excel on a Spanish-locale Windows: Windows-1252, `;`, CRLF, quoted line breaks. */
function proveedoresLatin1(): void {
  const lines = [
    'Razón social;NIT;País;Teléfono;Dirección',
    `Construcciones Andinas S.A.S.;${nit('900123456')};Colombia;601 7654321;"Calle 100 # 15-20; Of. 301"`,
    `"Distribuidora ""El Ñandú"" Ltda.";${nit('830045678')};Colombia;(604) 444 5566;"Carrera 43A # 1-50\r\nTorre 2"`,
    `Café Montaña S.A.;800.234.567-0;Colombia;3109998877;Manizales`,
    ';;;;',
    `Logística del Pacífico S.A.S.;9011234566;CO;602 3334455;Cali`
  ]
  writeFileSync(join(DIR, 'proveedores-latin1.csv'), Buffer.from(lines.join('\r\n') + '\r\n', 'latin1'))
}

/** Chilean staff list exported as UTF-8 with BOM, comma-separated, with short and dotted dates. */
function empleadosBom(): void {
  const body = rut('15678901')
  const lines = [
    'Nombres,Apellidos,RUT,Fecha de nacimiento,Teléfono,Observaciones',
    `Camila Andrea,Muñoz Pérez,${rut('12345678')},14/05/1990,+56 9 8765 4321,Sucursal Ñuñoa`,
    `José Ignacio,Araya,${body},3/11/85,9 1234 5678,"Turno noche, bodega"`,
    `Francisca,Contreras,${rut('8765432')},25.12.1979,(2) 2345 6789,`,
    `Benjamín,Silva,${rut('20123456').replace(/-.$/, '-0')},31/04/1992,912345678,`,
    `Martina,Reyes,${'7.654.321-' + rutVerifier('7654321')},1988-02-29,912345678,${'x'.repeat(130)}`
  ]
  writeFileSync(join(DIR, 'empleados-bom.csv'), '\ufeff' + lines.join('\n') + '\n', 'utf8')
}

function rut(body: string): string {
  const dotted = body.replace(/\B(?=(\d{3})+(?!\d))/g, '.')
  return `${dotted}-${rutVerifier(body)}`
}

/** A US-style export (month first) and a column where no date tells the order. */
function fechasAmbiguas(): void {
  const lines = [
    'DNI,Nombres,Apellidos,Fecha de nacimiento,Fecha de emisión',
    '45678912,Lucía,Torres,12/31/1985,03/04/2010',
    '41234567,Carlos,Huamán,01/15/1990,05/06/2012',
    '40987654,Elena,Flores,03/04/1988,07/08/2014'
  ]
  writeFileSync(join(DIR, 'fechas-ambiguas.csv'), lines.join('\n') + '\n', 'utf8')
}

/** An OLE compound file header followed by a directory whose entries name the given streams. */
function compoundFile(streams: string[]): Buffer {
  const header = Buffer.alloc(512)
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0)
  header.writeUInt16LE(0x3e, 24)
  header.writeUInt16LE(3, 26)
  header.writeUInt16LE(0xfffe, 28)
  header.writeUInt16LE(9, 30)
  header.writeUInt16LE(6, 32)
  header.writeUInt32LE(1, 44)
  header.writeUInt32LE(0, 48)
  const directory = Buffer.alloc(512)
  ;['Root Entry', ...streams].slice(0, 4).forEach((name, i) => {
    const encoded = Buffer.from(name, 'utf16le')
    encoded.copy(directory, i * 128)
    directory.writeUInt16LE(encoded.length + 2, i * 128 + 64)
    directory[i * 128 + 66] = i === 0 ? 5 : 2
  })
  return Buffer.concat([header, directory, Buffer.alloc(512)])
}

async function damaged(): Promise<void> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('Datos')
  sheet.addRow(['Cédula', 'Nombres'])
  for (let i = 0; i < 200; i++) sheet.addRow([10000000 + i, `Persona ${i}`])
  const bytes = Buffer.from(await workbook.xlsx.writeBuffer())
  writeFileSync(join(DIR, 'corrupt.xlsx'), bytes.subarray(0, Math.floor(bytes.length / 2)))
  writeFileSync(
    join(DIR, 'protected.xlsx'),
    compoundFile(['EncryptionInfo', 'EncryptedPackage', '\u0006DataSpaces'])
  )
  writeFileSync(join(DIR, 'legacy.xls'), compoundFile(['Workbook', '\u0005SummaryInformation']))
  writeFileSync(
    join(DIR, 'report.pdf'),
    '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n'
  )
  writeFileSync(join(DIR, 'empty.csv'), '')
  writeFileSync(join(DIR, 'not-a-sheet.xlsx'), 'Cédula;Nombre\n123;Ana\n')
}

mkdirSync(DIR, { recursive: true })
await candidatosCo()
await mixedLatam()
handmadeBr()
proveedoresLatin1()
empleadosBom()
fechasAmbiguas()
await damaged()
console.log(`Fixtures written to ${DIR}`)
