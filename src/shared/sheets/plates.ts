// License plate formats per country, after upper-casing and removing spaces, dashes and dots.
import type { Country } from '../checks/inputs'

export interface PlateFormat {
  pattern: RegExp
  /** How the format is written, for messages. */
  example: string
  description: string
}

// Chile has used consonant-only letters since 2007 so plates never spell words.
const CL_CONSONANT = '[BCDFGHJKLPRSTVWXYZ]'

export const PLATE_FORMATS: Record<Exclude<Country, 'ALL'>, PlateFormat[]> = {
  CO: [
    { pattern: /^[A-Z]{3}\d{3}$/, example: 'ABC123', description: 'car' },
    { pattern: /^[A-Z]{3}\d{2}[A-Z]$/, example: 'ABC12D', description: 'motorbike' },
    { pattern: /^[A-Z]{3}\d{2}$/, example: 'ABC12', description: 'older motorbike' }
  ],
  CL: [
    { pattern: new RegExp(`^${CL_CONSONANT}{4}\\d{2}$`), example: 'BBBB12', description: 'since 2007' },
    { pattern: /^[A-Z]{2}\d{4}$/, example: 'AB1234', description: 'before 2007' },
    { pattern: new RegExp(`^${CL_CONSONANT}{3}\\d{2}$`), example: 'BBB12', description: 'motorbike' }
  ],
  MX: [
    { pattern: /^[A-Z]{3}\d{3,4}$/, example: 'ABC1234', description: 'private car' },
    { pattern: /^[A-Z]{3}\d{3}[A-Z]$/, example: 'ABC123A', description: 'private car' },
    { pattern: /^[A-Z]\d{2}[A-Z]{3}$/, example: 'A12ABC', description: 'private car' },
    { pattern: /^\d{3}[A-Z]{3}$/, example: '123ABC', description: 'private car' },
    { pattern: /^[A-Z]{2}\d{4,5}$/, example: 'AB12345', description: 'federal or state' },
    { pattern: /^\d{2}[A-Z]\d{3}$/, example: '12A345', description: 'motorbike or trailer' }
  ],
  BR: [
    { pattern: /^[A-Z]{3}\d[A-Z]\d{2}$/, example: 'ABC1D23', description: 'Mercosul' },
    { pattern: /^[A-Z]{3}\d{4}$/, example: 'ABC1234', description: 'before Mercosul' }
  ],
  PE: [
    { pattern: /^[A-Z][A-Z\d][A-Z]\d{3}$/, example: 'A1B234', description: 'car' },
    { pattern: /^\d{4}[A-Z]{2}$/, example: '1234AB', description: 'motorbike' },
    { pattern: /^[A-Z]{2}\d{4}$/, example: 'AB1234', description: 'older car' }
  ],
  CR: [
    { pattern: /^[A-Z]{3}\d{3}$/, example: 'BCD123', description: 'private car' },
    { pattern: /^\d{1,6}$/, example: '123456', description: 'older private car' },
    { pattern: /^[A-Z]{1,2}\d{3,6}$/, example: 'CL123456', description: 'commercial, taxi or motorbike' }
  ]
}

export function normalisePlate(raw: string): string {
  return raw.toUpperCase().replace(/[\s.\-_·]+/g, '')
}

/** Null when the plate fits one of the country's formats (or the country has no fixed format). */
export function plateProblem(country: Country | null, plate: string): PlateFormat[] | null {
  if (!country || country === 'ALL') return /^[A-Z\d]{2,10}$/.test(plate) ? null : []
  const formats = PLATE_FORMATS[country]
  return formats.some((format) => format.pattern.test(plate)) ? null : formats
}
