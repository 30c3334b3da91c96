// Writes the sample spreadsheets under resources/samples/ that ship with the app, one per country and check
// kind the Sandbox runs, plus index.json for the start screen. Everyone in them is invented; document numbers
// carry valid check digits, and the last two digits of each main document pick a Sandbox outcome
// (docs/sandbox.md, "Magic inputs"). Each file also has one or two rows with a problem the import step fixes
// or asks the analyst to fix. Run: npm run samples
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import type { Country } from '../src/shared/checks/inputs'
import {
  curpCheckDigit,
  isValidCpf,
  isValidCurp,
  isValidRfc,
  isValidRut,
  nitVerifier,
  rfcCheckDigit,
  rutVerifier,
  completeCpf,
  completeCnpj
} from '../src/shared/sheets/documents'

const DIR = join(import.meta.dirname, '..', 'resources', 'samples')

/** The Sandbox outcomes chosen by the last two digits of the main document. */
const MAGIC_ENDINGS = {
  '00': 'clean',
  '11': 'criminal record',
  '22': 'identity not found',
  '33': 'homonyms',
  '44': 'delayed',
  '55': 'error'
} as const
type Ending = keyof typeof MAGIC_ENDINGS
const ENDINGS = Object.keys(MAGIC_ENDINGS) as Ending[]

// --- a seeded generator, so running the script again writes the same people ---

let seed = 20_250_301
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0
  let t = seed
  t = Math.imul(t ^ (t >>> 15), t | 1)
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
}
function int(min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1))
}
function pick<T>(items: readonly T[]): T {
  return items[int(0, items.length - 1)]
}
function digits(count: number): string {
  let text = ''
  for (let i = 0; i < count; i++) text += String(int(0, 9))
  return text
}

/** The last two digits of a document, the way the Sandbox reads it (letters and separators ignored). */
function lastTwoDigits(document: string): string {
  return document.replace(/\D/g, '').slice(-2)
}

/** An ending for an ordinary row: anything that is not one of the magic ones. */
function ordinaryEnding(): string {
  for (;;) {
    const ending = digits(2)
    if (!(ending in MAGIC_ENDINGS)) return ending
  }
}

/** Draws documents until one ends in `ending` (digits only); check digits make the ending a search. */
function search(make: () => string, ending: string): string {
  for (let attempt = 0; attempt < 200_000; attempt++) {
    const document = make()
    if (lastTwoDigits(document) === ending) return document
  }
  throw new Error(`No document ending in ${ending} found`)
}

// --- documents ---

/** CPF written as Brazilians do: 123.456.789-09. */
function cpf(ending: string): string {
  const value = search(() => completeCpf(digits(9)), ending)
  if (!isValidCpf(value)) throw new Error(`bad CPF ${value}`)
  return `${value.slice(0, 3)}.${value.slice(3, 6)}.${value.slice(6, 9)}-${value.slice(9)}`
}

/** CNPJ of a head office (branch 0001): 12.345.678/0001-95. */
function cnpj(ending: string): string {
  const value = search(() => completeCnpj(digits(8) + '0001'), ending)
  return `${value.slice(0, 2)}.${value.slice(2, 5)}.${value.slice(5, 8)}/${value.slice(8, 12)}-${value.slice(12)}`
}

/** Chilean RUN written 12.345.678-5; the ending counts the verifier when it is a digit. */
function run(ending: string): string {
  const value = search(() => {
    const body = String(int(8_000_000, 24_999_999))
    return body + rutVerifier(body)
  }, ending)
  if (!isValidRut(value)) throw new Error(`bad RUN ${value}`)
  const body = value.slice(0, -1)
  return `${Number(body).toLocaleString('es-CL')}-${value.slice(-1)}`
}

/** Colombian cédula: 8 digits for older citizens, 10 for those born after 1990 or so. */
function cedulaCo(ending: string, young: boolean): number {
  return Number(
    young
      ? `10${pick(['0', '1', '2', '3'])}${digits(5)}${ending}`
      : `${pick(['52', '79', '43', '80', '71'])}${digits(4)}${ending}`
  )
}

/** A company NIT (9 digits) with its verification digit after a dash, as on the RUT certificate. */
function nit(ending: string): { base: string; written: string } {
  const base = `${pick(['900', '901', '860', '830', '800'])}${digits(4)}${ending}`
  return { base, written: `${base}-${nitVerifier(base)}` }
}

/** Peruvian DNI: 8 digits. */
function dni(ending: string): string {
  return `${int(1, 7)}${digits(5)}${ending}`
}

const CURP_VOWELS = 'AEIOU'
function internalConsonant(word: string): string {
  return [...word.slice(1)].find((c) => /[B-DF-HJ-NP-TV-Z]/.test(c)) ?? 'X'
}
function plain(word: string): string {
  return word
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/Ñ/g, 'X')
}
/**
 * A CURP built the way RENAPO builds it from the person's names, birth date, sex and state; the birth day and
 * the homoclave are drawn until the last two characters are the wanted digits.
 */
function curp(
  person: { first: string; paternal: string; maternal: string; sex: 'H' | 'M'; state: string },
  year: number,
  month: number,
  ending: string
): { curp: string; birth: Date } {
  const paternal = plain(person.paternal)
  const maternal = plain(person.maternal)
  const first = plain(person.first.split(' ')[0])
  const vowel = [...paternal.slice(1)].find((c) => CURP_VOWELS.includes(c)) ?? 'X'
  const head = paternal[0] + vowel + maternal[0] + first[0]
  const consonants = internalConsonant(paternal) + internalConsonant(maternal) + internalConsonant(first)
  for (let attempt = 0; attempt < 10_000; attempt++) {
    const day = int(1, 28)
    const homoclave = year < 2000 ? String(int(0, 9)) : pick([...'ABCDEFGH'])
    const first17 =
      head +
      String(year % 100).padStart(2, '0') +
      String(month).padStart(2, '0') +
      String(day).padStart(2, '0') +
      person.sex +
      person.state +
      consonants +
      homoclave
    const value = first17 + curpCheckDigit(first17)
    if (isValidCurp(value) && lastTwoDigits(value) === ending)
      return { curp: value, birth: new Date(Date.UTC(year, month - 1, day)) }
  }
  throw new Error(`No CURP for ${person.first} ${person.paternal} ending in ${ending}`)
}

/** A company RFC: 3 letters from the name, the incorporation date, a homoclave and its check digit. */
function rfc(letters: string, date: string, ending: string): string {
  return search(() => {
    const homoclave = pick([...'ABCDEFGHJKLMNPRSTUVWXYZ123456789']) + ending[0]
    const first = letters + date + homoclave
    return first + rfcCheckDigit(first)
  }, ending)
}

const VIN_VALUES: Record<string, number> = Object.fromEntries(
  [...'ABCDEFGHJKLMNPRSTUVWXYZ'].map((c) => [
    c,
    'ABCDEFGH'.includes(c)
      ? 'ABCDEFGH'.indexOf(c) + 1
      : 'JKLMN'.includes(c)
        ? 'JKLMN'.indexOf(c) + 1
        : c === 'P'
          ? 7
          : c === 'R'
            ? 9
            : 'STUVWXYZ'.indexOf(c) + 2
  ])
)
const VIN_WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2]
/** A 17-character NIV/VIN of a Mexican-assembled car with a correct check digit in position 9. */
function vin(): string {
  // World manufacturer (3), vehicle descriptor (5), check digit, model year, plant, serial number (6).
  const chars = [
    ...`3VW${pick(['FE', 'BA', 'SA'])}${pick(['21', '11'])}${pick(['C', 'M'])}0${pick(['M', 'N', 'P'])}${pick(['M', 'P'])}${digits(6)}`
  ]
  if (chars.length !== 17) throw new Error('a VIN has 17 characters')
  const value = (c: string) => (/\d/.test(c) ? Number(c) : VIN_VALUES[c])
  const sum = chars.reduce((total, c, i) => total + value(c) * VIN_WEIGHTS[i], 0)
  const check = sum % 11
  chars[8] = check === 10 ? 'X' : String(check)
  return chars.join('')
}

const LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ'
const CL_CONSONANTS = 'BCDFGHJKLPRSTVWXYZ'
function letters(count: number, alphabet = LETTERS): string {
  let text = ''
  for (let i = 0; i < count; i++) text += pick([...alphabet])
  return text
}

function date(year: number, month?: number, day?: number): Date {
  return new Date(Date.UTC(year, (month ?? int(1, 12)) - 1, day ?? int(1, 28)))
}
function ddmmyyyy(value: Date): string {
  const d = String(value.getUTCDate()).padStart(2, '0')
  const m = String(value.getUTCMonth() + 1).padStart(2, '0')
  return `${d}/${m}/${value.getUTCFullYear()}`
}

// --- people ---

const CO_PEOPLE = [
  ['María Fernanda', 'Gómez Restrepo'],
  ['Juan Sebastián', 'Rodríguez Pérez'],
  ['Luisa', 'Martínez Ocampo'],
  ['Carlos Andrés', 'Herrera Quintero'],
  ['Valentina', 'Ospina Duque'],
  ['Andrés Felipe', 'Castaño Mejía'],
  ['Daniela', 'Rojas Salazar'],
  ['Jorge Iván', 'Cárdenas Londoño'],
  ['Paula Andrea', 'Vargas Muñoz'],
  ['Santiago', 'Montoya Arango'],
  ['Natalia', 'Zapata Giraldo'],
  ['Camilo', 'Benavides Ortiz'],
  ['Laura Marcela', 'Suárez Peña'],
  ['Diego Alejandro', 'Naranjo Torres']
]
const BR_PEOPLE = [
  ['Ana Beatriz', 'Souza Lima'],
  ['João Pedro', 'Oliveira Santos'],
  ['Mariana', 'Ferreira Costa'],
  ['Lucas', 'Almeida Rocha'],
  ['Camila', 'Ribeiro Carvalho'],
  ['Rafael', 'Gomes Barbosa'],
  ['Juliana', 'Martins Araújo'],
  ['Gabriel', 'Pereira Nunes'],
  ['Larissa', 'Cardoso Melo'],
  ['Thiago', 'Teixeira Moura'],
  ['Fernanda', 'Dias Correia'],
  ['Bruno', 'Azevedo Pinto'],
  ['Patrícia', 'Monteiro Freitas']
]
const CL_PEOPLE = [
  ['Catalina', 'Soto Muñoz'],
  ['Matías', 'González Rojas'],
  ['Javiera', 'Díaz Contreras'],
  ['Benjamín', 'Pérez Silva'],
  ['Francisca', 'Morales Fuentes'],
  ['Vicente', 'Araya Espinoza'],
  ['Constanza', 'Reyes Tapia'],
  ['Tomás', 'Castillo Vega'],
  ['Antonia', 'Sepúlveda Cortés'],
  ['Joaquín', 'Núñez Bravo'],
  ['Isidora', 'Carrasco Lagos'],
  ['Martín', 'Valenzuela Parra']
]
const MX_PEOPLE: { first: string; paternal: string; maternal: string; sex: 'H' | 'M'; state: string }[] = [
  { first: 'Alejandra', paternal: 'Hernández', maternal: 'García', sex: 'M', state: 'DF' },
  { first: 'José Luis', paternal: 'Martínez', maternal: 'López', sex: 'H', state: 'JC' },
  { first: 'Guadalupe', paternal: 'Ramírez', maternal: 'Torres', sex: 'M', state: 'NL' },
  { first: 'Miguel Ángel', paternal: 'Sánchez', maternal: 'Flores', sex: 'H', state: 'PL' },
  { first: 'Fernanda', paternal: 'Cruz', maternal: 'Morales', sex: 'M', state: 'VZ' },
  { first: 'Ricardo', paternal: 'Reyes', maternal: 'Jiménez', sex: 'H', state: 'GT' },
  { first: 'Daniela', paternal: 'Vázquez', maternal: 'Ruiz', sex: 'M', state: 'MC' },
  { first: 'Arturo', paternal: 'Gutiérrez', maternal: 'Mendoza', sex: 'H', state: 'YN' },
  { first: 'Sofía', paternal: 'Castillo', maternal: 'Ortega', sex: 'M', state: 'QT' },
  { first: 'Eduardo', paternal: 'Romero', maternal: 'Aguilar', sex: 'H', state: 'SL' },
  { first: 'Mariana', paternal: 'Navarro', maternal: 'Domínguez', sex: 'M', state: 'OC' },
  { first: 'Fernando', paternal: 'Medina', maternal: 'Salinas', sex: 'H', state: 'CH' }
]
const PE_PEOPLE = [
  ['Rosa María', 'Quispe Mamani'],
  ['Luis Alberto', 'Huamán Flores'],
  ['Carmen', 'Rojas Vargas'],
  ['Jorge', 'Mendoza Chávez'],
  ['Milagros', 'Torres Castillo'],
  ['César Augusto', 'Ramos Gutiérrez'],
  ['Ana Lucía', 'Espinoza Salazar'],
  ['Víctor Hugo', 'Paredes Ríos'],
  ['Gabriela', 'Cárdenas León'],
  ['Renzo', 'Villanueva Soto'],
  ['Diana', 'Palacios Ccori'],
  ['Óscar', 'Valdivia Arce']
]
const INTERNATIONAL_PEOPLE = [
  ['Carlos', 'Mendoza'],
  ['Ana', 'Silva'],
  ['Miguel', 'Torres'],
  ['Lucía', 'Fernández'],
  ['Pedro', 'Alves'],
  ['Sofía', 'Navarro'],
  ['Daniel', 'Romero'],
  ['Isabel', 'Castro'],
  ['Andrés', 'Paz'],
  ['Elena', 'Ruiz']
]

/** The rows of a sample: magic endings first, then ordinary rows; `note` documents deliberate problems. */
interface Sample {
  file: string
  country: Country
  type: 'person' | 'vehicle' | 'company'
  sheet: string
  headers: string[]
  rows: unknown[][]
  /** Column widths in characters. */
  widths: number[]
  description: { es: string; en: string; 'pt-BR': string }
}

/** Which magic ending each row has (or null for an ordinary row): the six outcomes, then `ordinary` rows. */
function plan(ordinary: number): (Ending | null)[] {
  return [...ENDINGS, ...Array.from({ length: ordinary }, () => null)]
}
function endingFor(magic: Ending | null): string {
  return magic ?? ordinaryEnding()
}

const PHONE_CO = () => `3${pick(['00', '01', '10', '12', '15', '20'])}${digits(7)}`

function coPerson(): Sample {
  const rows = plan(6).map((magic, i) => {
    const [names, surnames] = CO_PEOPLE[i]
    const young = i % 2 === 0
    const birth = date(young ? int(1992, 2003) : int(1962, 1985))
    const issued = date(birth.getUTCFullYear() + 18, int(1, 12))
    return [
      cedulaCo(endingFor(magic), young),
      names,
      surnames,
      birth,
      issued,
      Number(PHONE_CO())
    ] as unknown[]
  })
  // Fixable: a cédula typed with thousands separators, and a birth date typed as text.
  rows[7][0] = Number(rows[7][0]).toLocaleString('es-CO')
  rows[9][3] = ddmmyyyy(rows[9][3] as Date)
  return {
    file: 'co-person.xlsx',
    country: 'CO',
    type: 'person',
    sheet: 'Candidatos',
    headers: ['Cédula', 'Nombres', 'Apellidos', 'Fecha de nacimiento', 'Fecha de expedición', 'Celular'],
    rows,
    widths: [14, 18, 22, 20, 20, 14],
    description: {
      es: 'Candidatos en Colombia (cédula de ciudadanía): un resultado de cada tipo, una cédula con puntos y una fecha escrita como texto.',
      en: 'Job candidates in Colombia (citizenship card): one result of each kind, a cédula typed with dots and a date typed as text.',
      'pt-BR':
        'Candidatos na Colômbia (cédula de cidadania): um resultado de cada tipo, uma cédula com pontos e uma data digitada como texto.'
    }
  }
}

function coVehicle(): Sample {
  const rows = plan(6).map((magic, i) => {
    const [names, surnames] = CO_PEOPLE[(i + 3) % CO_PEOPLE.length]
    const plate = i % 4 === 3 ? `${letters(3)}${digits(2)}${letters(1)}` : `${letters(3)}${digits(3)}`
    return [
      plate,
      cedulaCo(endingFor(magic), i % 2 === 0),
      names,
      surnames,
      pick(['Chevrolet Spark', 'Renault Logan', 'Mazda 3', 'Kia Picanto', 'Yamaha NMAX', 'Toyota Hilux'])
    ] as unknown[]
  })
  // Fixable: a plate written with a dash and in lower case.
  const plate = String(rows[8][0])
  rows[8][0] = `${plate.slice(0, 3).toLowerCase()}-${plate.slice(3)}`
  return {
    file: 'co-vehicle.xlsx',
    country: 'CO',
    type: 'vehicle',
    sheet: 'Flota',
    headers: ['Placa', 'Cédula', 'Nombres', 'Apellidos', 'Vehículo'],
    rows,
    widths: [10, 14, 18, 22, 18],
    description: {
      es: 'Flota en Colombia: placa y cédula del conductor; un resultado de cada tipo y una placa escrita con guion y en minúsculas.',
      en: 'A vehicle fleet in Colombia: plate and the driver’s cédula; one result of each kind and a plate typed with a dash in lower case.',
      'pt-BR':
        'Frota na Colômbia: placa e cédula do motorista; um resultado de cada tipo e uma placa digitada com hífen e em minúsculas.'
    }
  }
}

function coCompany(): Sample {
  const names = [
    'Inversiones Andinas S.A.S.',
    'Logística del Caribe S.A.',
    'Café Alto de la Montaña S.A.S.',
    'Constructora Río Claro Ltda.',
    'Textiles La Sabana S.A.S.',
    'Servicios Integrales Pacífico S.A.S.',
    'Agroindustrial El Llano S.A.',
    'Tecnología Nativa S.A.S.',
    'Transportes Santa Fe Ltda.',
    'Distribuidora Bahía Solano S.A.S.',
    'Consultores Cordillera S.A.S.',
    'Alimentos Valle Verde S.A.'
  ]
  const rows = plan(6).map((magic, i) => {
    const { base, written } = nit(endingFor(magic))
    return [
      i % 3 === 0 ? Number(base) : written,
      names[i],
      pick(['Proveedor', 'Cliente', 'Aliado'])
    ] as unknown[]
  })
  // Fixable: a NIT with dots and its verification digit.
  const { base } = nit(ordinaryEnding())
  rows[10][0] = `${Number(base).toLocaleString('es-CO')}-${nitVerifier(base)}`
  return {
    file: 'co-company.xlsx',
    country: 'CO',
    type: 'company',
    sheet: 'Proveedores',
    headers: ['NIT', 'Razón social', 'Relación'],
    rows,
    widths: [16, 36, 12],
    description: {
      es: 'Proveedores en Colombia por NIT, con y sin dígito de verificación; un resultado de cada tipo y un NIT escrito con puntos.',
      en: 'Suppliers in Colombia by NIT, with and without the verification digit; one result of each kind and a NIT typed with dots.',
      'pt-BR':
        'Fornecedores na Colômbia por NIT, com e sem dígito verificador; um resultado de cada tipo e um NIT digitado com pontos.'
    }
  }
}

function brPerson(): Sample {
  const states = ['SP', 'RJ', 'MG', 'RS', 'PR', 'BA', 'PE', 'SC', 'DF', 'GO', 'CE', 'ES']
  const rows = plan(6).map((magic, i) => {
    const [names, surnames] = BR_PEOPLE[i]
    return [
      cpf(endingFor(magic)),
      names,
      surnames,
      date(int(1965, 2002)),
      states[i],
      `(${pick(['11', '21', '31', '51'])}) 9${digits(4)}-${digits(4)}`
    ] as unknown[]
  })
  // Fixable: a CPF whose leading zero Excel dropped (typed as a number), and a date typed as text.
  rows[6][0] = Number(search(() => completeCpf('0' + digits(8)), ordinaryEnding()))
  rows[8][3] = ddmmyyyy(rows[8][3] as Date)
  return {
    file: 'br-person.xlsx',
    country: 'BR',
    type: 'person',
    sheet: 'Colaboradores',
    headers: ['CPF', 'Nome', 'Sobrenome', 'Data de nascimento', 'UF', 'Telefone'],
    rows,
    widths: [16, 16, 20, 20, 6, 18],
    description: {
      es: 'Colaboradores en Brasil (CPF, fecha de nacimiento y estado): un resultado de cada tipo, un CPF sin su cero inicial y una fecha como texto.',
      en: 'Staff in Brazil (CPF, date of birth and state): one result of each kind, a CPF that lost its leading zero and a date typed as text.',
      'pt-BR':
        'Colaboradores no Brasil (CPF, data de nascimento e UF): um resultado de cada tipo, um CPF sem o zero à esquerda e uma data digitada como texto.'
    }
  }
}

function brVehicle(): Sample {
  const rows = plan(6).map((magic, i) => {
    const ending = endingFor(magic)
    const plate =
      i % 3 === 2 ? `${letters(3)}${digits(2)}${ending}` : `${letters(3)}${digits(1)}${letters(1)}${ending}`
    const [names, surnames] = BR_PEOPLE[(i + 2) % BR_PEOPLE.length]
    return [
      plate,
      `${names} ${surnames}`,
      pick(['Fiat Strada', 'VW Gol', 'Chevrolet Onix', 'Honda CG 160', 'Toyota Corolla', 'Hyundai HB20'])
    ] as unknown[]
  })
  // Fixable: a Mercosul plate written with a space.
  const plate = String(rows[9][0])
  rows[9][0] = `${plate.slice(0, 3)} ${plate.slice(3)}`
  return {
    file: 'br-vehicle.xlsx',
    country: 'BR',
    type: 'vehicle',
    sheet: 'Veículos',
    headers: ['Placa', 'Condutor', 'Modelo'],
    rows,
    widths: [12, 30, 18],
    description: {
      es: 'Vehículos en Brasil por placa (Mercosur y anterior): un resultado de cada tipo y una placa escrita con un espacio.',
      en: 'Vehicles in Brazil by plate (Mercosul and older): one result of each kind and a plate typed with a space.',
      'pt-BR':
        'Veículos no Brasil por placa (Mercosul e antiga): um resultado de cada tipo e uma placa digitada com espaço.'
    }
  }
}

function brCompany(): Sample {
  const names = [
    'Comercial Paulista Ltda.',
    'Transportadora Serra Azul S.A.',
    'Agropecuária Vale do Sol Ltda.',
    'Construtora Horizonte S.A.',
    'Tecnologia Atlântica Ltda.',
    'Distribuidora Rio Doce Ltda.',
    'Alimentos Bom Sabor S.A.',
    'Logística Cerrado Ltda.',
    'Serviços Integrados Sul Ltda.',
    'Papelaria Central Ltda.',
    'Indústria Têxtil Aurora S.A.',
    'Farmácia Popular do Norte Ltda.'
  ]
  const rows = plan(6).map((magic, i) => [cnpj(endingFor(magic)), names[i]] as unknown[])
  // Fixable: a CNPJ typed without punctuation and without its leading zero.
  const value = search(() => completeCnpj('0' + digits(7) + '0001'), ordinaryEnding())
  rows[11][0] = Number(value)
  return {
    file: 'br-company.xlsx',
    country: 'BR',
    type: 'company',
    sheet: 'Fornecedores',
    headers: ['CNPJ', 'Razão social'],
    rows,
    widths: [22, 36],
    description: {
      es: 'Proveedores en Brasil por CNPJ: un resultado de cada tipo y un CNPJ escrito como número, sin su cero inicial.',
      en: 'Suppliers in Brazil by CNPJ: one result of each kind and a CNPJ typed as a number that lost its leading zero.',
      'pt-BR':
        'Fornecedores no Brasil por CNPJ: um resultado de cada tipo e um CNPJ digitado como número, sem o zero à esquerda.'
    }
  }
}

function clPerson(): Sample {
  const rows = plan(6).map((magic, i) => {
    const [names, surnames] = CL_PEOPLE[i]
    return [
      run(endingFor(magic)),
      names,
      surnames,
      date(int(1965, 2002)),
      `+56 9 ${digits(4)} ${digits(4)}`
    ] as unknown[]
  })
  // Fixable: a RUN typed without dots or dash.
  rows[7][0] = String(rows[7][0]).replace(/[.-]/g, '')
  rows[9][3] = ddmmyyyy(rows[9][3] as Date)
  return {
    file: 'cl-person.xlsx',
    country: 'CL',
    type: 'person',
    sheet: 'Postulantes',
    headers: ['RUT', 'Nombres', 'Apellidos', 'Fecha de nacimiento', 'Teléfono'],
    rows,
    widths: [14, 16, 22, 20, 16],
    description: {
      es: 'Postulantes en Chile por RUN: un resultado de cada tipo, un RUN sin puntos ni guion y una fecha escrita como texto.',
      en: 'Applicants in Chile by RUN: one result of each kind, a RUN typed without dots or dash and a date typed as text.',
      'pt-BR':
        'Candidatos no Chile por RUN: um resultado de cada tipo, um RUN sem pontos nem hífen e uma data digitada como texto.'
    }
  }
}

function clVehicle(): Sample {
  const rows = plan(6).map((magic, i) => {
    const [names, surnames] = CL_PEOPLE[(i + 4) % CL_PEOPLE.length]
    const plate = i % 3 === 1 ? `${letters(2)}${digits(4)}` : `${letters(4, CL_CONSONANTS)}${digits(2)}`
    return [plate, run(endingFor(magic)), `${names} ${surnames}`] as unknown[]
  })
  // Fixable: a plate written with dashes, as on the plate itself (BB-CD-12).
  const plate = String(rows[9][0])
  rows[9][0] = `${plate.slice(0, 2)}-${plate.slice(2, 4)}-${plate.slice(4)}`
  return {
    file: 'cl-vehicle.xlsx',
    country: 'CL',
    type: 'vehicle',
    sheet: 'Vehículos',
    headers: ['Patente', 'RUT', 'Conductor'],
    rows,
    widths: [10, 14, 30],
    description: {
      es: 'Vehículos en Chile: patente y RUN del conductor; un resultado de cada tipo y una patente escrita con guiones.',
      en: 'Vehicles in Chile: plate and the driver’s RUN; one result of each kind and a plate typed with dashes.',
      'pt-BR':
        'Veículos no Chile: placa e RUN do motorista; um resultado de cada tipo e uma placa digitada com hífens.'
    }
  }
}

function mxPerson(): Sample {
  const rows = plan(6).map((magic, i) => {
    const person = MX_PEOPLE[i]
    const { curp: value } = curp(person, int(1965, 1999), int(1, 12), endingFor(magic))
    return [
      value,
      person.first,
      `${person.paternal} ${person.maternal}`,
      `55 ${digits(4)} ${digits(4)}`
    ] as unknown[]
  })
  // Fixable: a CURP typed in lower case with spaces around it.
  rows[8][0] = ` ${String(rows[8][0]).toLowerCase()} `
  return {
    file: 'mx-person.xlsx',
    country: 'MX',
    type: 'person',
    sheet: 'Candidatos',
    headers: ['CURP', 'Nombre', 'Apellidos', 'Teléfono'],
    rows,
    widths: [22, 16, 22, 16],
    description: {
      es: 'Candidatos en México por CURP: un resultado de cada tipo y una CURP escrita en minúsculas con espacios.',
      en: 'Job candidates in Mexico by CURP: one result of each kind and a CURP typed in lower case with spaces.',
      'pt-BR':
        'Candidatos no México por CURP: um resultado de cada tipo e uma CURP digitada em minúsculas com espaços.'
    }
  }
}

function mxVehicle(): Sample {
  const rows = plan(6).map((magic, i) => {
    const ending = endingFor(magic)
    const plate = i % 2 === 0 ? `${letters(3)}${digits(2)}${ending}` : `${letters(3)}${digits(1)}${ending}`
    return [
      plate,
      vin(),
      pick(['Nissan Versa', 'VW Jetta', 'Chevrolet Aveo', 'Kia Rio', 'Toyota Hilux', 'Italika FT150'])
    ] as unknown[]
  })
  // Fixable: a plate written with dashes (ABC-12-34).
  const plate = String(rows[7][0])
  rows[7][0] =
    plate.length === 7
      ? `${plate.slice(0, 3)}-${plate.slice(3, 5)}-${plate.slice(5)}`
      : `${plate.slice(0, 3)}-${plate.slice(3)}`
  return {
    file: 'mx-vehicle.xlsx',
    country: 'MX',
    type: 'vehicle',
    sheet: 'Unidades',
    headers: ['Placa', 'NIV', 'Modelo'],
    rows,
    widths: [12, 22, 18],
    description: {
      es: 'Unidades en México por placa y NIV: un resultado de cada tipo y una placa escrita con guiones.',
      en: 'Vehicles in Mexico by plate and VIN (NIV): one result of each kind and a plate typed with dashes.',
      'pt-BR':
        'Veículos no México por placa e NIV: um resultado de cada tipo e uma placa digitada com hífens.'
    }
  }
}

function mxCompany(): Sample {
  const companies: [string, string][] = [
    ['Comercializadora del Bajío S.A. de C.V.', 'CBA'],
    ['Transportes Sierra Madre S.A. de C.V.', 'TSM'],
    ['Grupo Industrial Anáhuac S.A. de C.V.', 'GIA'],
    ['Servicios Logísticos del Golfo S.C.', 'SLG'],
    ['Alimentos La Huasteca S.A. de C.V.', 'AHU'],
    ['Tecnologías Maya S.A.P.I. de C.V.', 'TMA'],
    ['Constructora Valle de Oaxaca S.A. de C.V.', 'CVO'],
    ['Distribuidora Norteña S. de R.L.', 'DNO'],
    ['Papelera del Centro S.A. de C.V.', 'PCE'],
    ['Farmacéutica Pacífico S.A. de C.V.', 'FPA'],
    ['Textiles Tlaxcala S.A. de C.V.', 'TTL'],
    ['Consultores Jaliscienses S.C.', 'CJA']
  ]
  const rows = plan(6).map((magic, i) => {
    const [name, initials] = companies[i]
    const founded = `${String(int(1990, 2019) % 100).padStart(2, '0')}${String(int(1, 12)).padStart(2, '0')}${String(int(1, 28)).padStart(2, '0')}`
    const value = rfc(initials, founded, endingFor(magic))
    if (!isValidRfc(value)) throw new Error(`bad RFC ${value}`)
    return [value, name] as unknown[]
  })
  // Fixable: an RFC typed in lower case with dashes, as on some invoices.
  const value = String(rows[9][0])
  rows[9][0] = `${value.slice(0, 3)}-${value.slice(3, 9)}-${value.slice(9)}`.toLowerCase()
  return {
    file: 'mx-company.xlsx',
    country: 'MX',
    type: 'company',
    sheet: 'Proveedores',
    headers: ['RFC', 'Razón social'],
    rows,
    widths: [18, 40],
    description: {
      es: 'Proveedores en México por RFC: un resultado de cada tipo y un RFC escrito en minúsculas con guiones.',
      en: 'Suppliers in Mexico by RFC: one result of each kind and an RFC typed in lower case with dashes.',
      'pt-BR':
        'Fornecedores no México por RFC: um resultado de cada tipo e um RFC digitado em minúsculas com hífens.'
    }
  }
}

function pePerson(): Sample {
  const rows = plan(6).map((magic, i) => {
    const [names, surnames] = PE_PEOPLE[i]
    return [dni(endingFor(magic)), names, surnames, date(int(1965, 2002)), `9${digits(8)}`] as unknown[]
  })
  // Fixable: a DNI that lost its leading zero, and a date typed as text.
  rows[6][0] = Number(`0${digits(5)}${ordinaryEnding()}`)
  rows[10][3] = ddmmyyyy(rows[10][3] as Date)
  return {
    file: 'pe-person.xlsx',
    country: 'PE',
    type: 'person',
    sheet: 'Postulantes',
    headers: ['DNI', 'Nombres', 'Apellidos', 'Fecha de nacimiento', 'Celular'],
    rows,
    widths: [12, 16, 22, 20, 14],
    description: {
      es: 'Postulantes en Perú por DNI y fecha de nacimiento: un resultado de cada tipo, un DNI sin su cero inicial y una fecha como texto.',
      en: 'Applicants in Peru by DNI and date of birth: one result of each kind, a DNI that lost its leading zero and a date typed as text.',
      'pt-BR':
        'Candidatos no Peru por DNI e data de nascimento: um resultado de cada tipo, um DNI sem o zero à esquerda e uma data como texto.'
    }
  }
}

function peVehicle(): Sample {
  const rows = plan(6).map((magic, i) => {
    const [names, surnames] = PE_PEOPLE[(i + 5) % PE_PEOPLE.length]
    const plate =
      i % 4 === 3
        ? `${digits(4)}${letters(2)}`
        : `${letters(1)}${pick([letters(1), digits(1)])}${letters(1)}${digits(3)}`
    return [plate, dni(endingFor(magic)), date(int(1965, 2000)), `${names} ${surnames}`] as unknown[]
  })
  // Fixable: a plate written with a dash (ABC-123).
  const plate = String(rows[8][0])
  rows[8][0] = `${plate.slice(0, 3)}-${plate.slice(3)}`
  return {
    file: 'pe-vehicle.xlsx',
    country: 'PE',
    type: 'vehicle',
    sheet: 'Vehículos',
    headers: ['Placa', 'DNI', 'Fecha de nacimiento', 'Conductor'],
    rows,
    widths: [10, 12, 20, 30],
    description: {
      es: 'Vehículos en Perú: placa, DNI y fecha de nacimiento del conductor; un resultado de cada tipo y una placa con guion.',
      en: 'Vehicles in Peru: plate, the driver’s DNI and date of birth; one result of each kind and a plate typed with a dash.',
      'pt-BR':
        'Veículos no Peru: placa, DNI e data de nascimento do motorista; um resultado de cada tipo e uma placa com hífen.'
    }
  }
}

function internationalPerson(): Sample {
  const rows = INTERNATIONAL_PEOPLE.map(
    ([first, last]) =>
      [first, last, pick(['Buenos Aires', 'Quito', 'Madrid', 'Montevideo', 'Ciudad de Panamá'])] as unknown[]
  )
  // Fixable: a name with a stray space inside.
  rows[4][1] = ` ${String(rows[4][1])}  `
  return {
    file: 'all-person.xlsx',
    country: 'ALL',
    type: 'person',
    sheet: 'Personas',
    headers: ['Nombres', 'Apellidos', 'Ciudad'],
    rows,
    widths: [16, 18, 20],
    description: {
      es: 'Personas en listas internacionales por nombre (sin documento, así que el Sandbox decide cada resultado a partir del nombre); un apellido con espacios de más.',
      en: 'People on international lists by name (no document, so the Sandbox derives each result from the name); a surname with extra spaces.',
      'pt-BR':
        'Pessoas em listas internacionais pelo nome (sem documento, então o Sandbox deriva cada resultado do nome); um sobrenome com espaços a mais.'
    }
  }
}

function internationalCompany(): Sample {
  const names = [
    'Andes Trading Group',
    'Pacific Rim Logistics',
    'Atlántico Shipping Co.',
    'Cono Sur Holdings',
    'Caribbean Fresh Foods',
    'Amazonia Timber Corp.',
    'Patagonia Energy',
    'Mesoamerica Textiles',
    'Río de la Plata Capital',
    'Altiplano Mining'
  ]
  const rows = names.map(
    (name) => [name, pick(['Ciudad de Panamá', 'Montevideo', 'Miami', 'Madrid', 'Buenos Aires'])] as unknown[]
  )
  rows[6][0] = ` ${String(rows[6][0])} `
  return {
    file: 'all-company.xlsx',
    country: 'ALL',
    type: 'company',
    sheet: 'Empresas',
    headers: ['Razón social', 'Sede'],
    rows,
    widths: [30, 18],
    description: {
      es: 'Empresas en listas internacionales por razón social (el Sandbox decide cada resultado a partir del nombre); un nombre con espacios de más.',
      en: 'Companies on international lists by name (the Sandbox derives each result from the name); a name with extra spaces.',
      'pt-BR':
        'Empresas em listas internacionais pela razão social (o Sandbox deriva cada resultado do nome); um nome com espaços a mais.'
    }
  }
}

async function write(sample: Sample): Promise<void> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'Lote'
  workbook.created = new Date(Date.UTC(2025, 0, 15))
  workbook.modified = workbook.created
  const sheet = workbook.addWorksheet(sample.sheet, { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.addRow(sample.headers).font = { bold: true }
  for (const row of sample.rows) sheet.addRow(row)
  sample.widths.forEach((width, i) => {
    sheet.getColumn(i + 1).width = width
  })
  sample.headers.forEach((header, i) => {
    if (/fecha|data/i.test(header)) sheet.getColumn(i + 1).numFmt = 'dd/mm/yyyy'
    // Long numbers stay whole instead of turning into 1.02E+09.
    if (sample.rows.some((row) => typeof row[i] === 'number' && (row[i] as number) > 99_999))
      sheet.getColumn(i + 1).numFmt = '0'
  })
  await workbook.xlsx.writeFile(join(DIR, sample.file))
}

function samples(): Sample[] {
  return [
    coPerson(),
    coVehicle(),
    coCompany(),
    brPerson(),
    brVehicle(),
    brCompany(),
    clPerson(),
    clVehicle(),
    mxPerson(),
    mxVehicle(),
    mxCompany(),
    pePerson(),
    peVehicle(),
    internationalPerson(),
    internationalCompany()
  ]
}

async function main(): Promise<void> {
  mkdirSync(DIR, { recursive: true })
  for (const file of readdirSync(DIR)) if (file.endsWith('.xlsx')) rmSync(join(DIR, file))
  const all = samples()
  for (const sample of all) await write(sample)
  const index = {
    samples: all.map((sample) => ({
      file: sample.file,
      country: sample.country,
      type: sample.type,
      rows: sample.rows.length,
      description: sample.description
    }))
  }
  writeFileSync(join(DIR, 'index.json'), JSON.stringify(index, null, 2) + '\n')
  console.log(`Wrote ${all.length} samples and index.json to resources/samples/`)
}

await main()
