// Check digits and patterns of Latin American identity and tax documents. Inputs are already stripped of
// separators and upper-cased.

function digitsOf(value: string): number[] {
  return [...value].map(Number)
}

function allSameDigit(value: string): boolean {
  return /^(\d)\1*$/.test(value)
}

function mod11Digit(sum: number): number {
  const rest = sum % 11
  return rest < 2 ? 0 : 11 - rest
}

/** A CPF from its first 9 digits: the two mod-11 check digits appended (for samples and fixtures). */
export function completeCpf(base9: string): string {
  const d = digitsOf(base9)
  for (const length of [9, 10]) {
    let sum = 0
    for (let i = 0; i < length; i++) sum += d[i] * (length + 1 - i)
    d.push(mod11Digit(sum))
  }
  return d.join('')
}

/** A CNPJ from its first 12 digits: the two check digits (weights 2..9 from the right) appended. */
export function completeCnpj(base12: string): string {
  const d = digitsOf(base12)
  for (const length of [12, 13]) {
    let sum = 0
    for (let i = 0; i < length; i++) sum += d[length - 1 - i] * ((i % 8) + 2)
    d.push(mod11Digit(sum))
  }
  return d.join('')
}

/** Brazilian CPF: 11 digits, the last two are mod-11 check digits. */
export function isValidCpf(value: string): boolean {
  if (!/^\d{11}$/.test(value) || allSameDigit(value)) return false
  return completeCpf(value.slice(0, 9)) === value
}

/** Brazilian CNPJ: 14 digits, the last two are mod-11 check digits with weights 2..9 from the right. */
export function isValidCnpj(value: string): boolean {
  if (!/^\d{14}$/.test(value) || allSameDigit(value)) return false
  return completeCnpj(value.slice(0, 12)) === value
}

/** The verifier of a Chilean RUT/RUN body: mod 11 with weights 2..7, where 10 is written K. */
export function rutVerifier(body: string): string {
  let sum = 0
  let weight = 2
  for (let i = body.length - 1; i >= 0; i--) {
    sum += Number(body[i]) * weight
    weight = weight === 7 ? 2 : weight + 1
  }
  const rest = 11 - (sum % 11)
  return rest === 11 ? '0' : rest === 10 ? 'K' : String(rest)
}

/** "123456785" or "12345678K": body of 7-8 digits and its verifier. */
export function isValidRut(value: string): boolean {
  const match = /^(\d{7,8})([\dK])$/.exec(value)
  return match !== null && rutVerifier(match[1]) === match[2]
}

/** Colombian NIT verification digit (DIAN): prime weights from the right, mod 11. */
export function nitVerifier(nit: string): number {
  const weights = [3, 7, 13, 17, 19, 23, 29, 37, 41, 43, 47, 53, 59, 67, 71]
  let sum = 0
  for (let i = 0; i < nit.length; i++) sum += Number(nit[nit.length - 1 - i]) * weights[i]
  const rest = sum % 11
  return rest > 1 ? 11 - rest : rest
}

/** Peruvian RUC: 11 digits, the last a mod-11 check digit. */
export function isValidRuc(value: string): boolean {
  if (!/^(10|15|17|20)\d{9}$/.test(value)) return false
  const weights = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]
  let sum = 0
  for (let i = 0; i < 10; i++) sum += Number(value[i]) * weights[i]
  const rest = 11 - (sum % 11)
  return Number(value[10]) === rest % 10
}

const CURP_PATTERN =
  /^[A-Z][AEIOUX][A-Z]{2}\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])[HMX](AS|BC|BS|CC|CL|CM|CS|CH|DF|DG|GT|GR|HG|JC|MC|MN|MS|NT|NL|OC|PL|QT|QR|SP|SL|SR|TC|TS|TL|VZ|YN|ZS|NE)[B-DF-HJ-NP-TV-Z]{3}[A-Z\d]\d$/

const CURP_ALPHABET = '0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ'

export function curpCheckDigit(first17: string): number {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += CURP_ALPHABET.indexOf(first17[i]) * (18 - i)
  return (10 - (sum % 10)) % 10
}

export function isCurpPattern(value: string): boolean {
  return CURP_PATTERN.test(value)
}

export function isValidCurp(value: string): boolean {
  return isCurpPattern(value) && curpCheckDigit(value.slice(0, 17)) === Number(value[17])
}

/** Mexican RFC: 4 letters (person) or 3 (company), a yymmdd date, and a 3-character homoclave. */
const RFC_PATTERN = /^[A-ZÑ&]{3,4}\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])[A-Z\d]{2}[A\d]$/

const RFC_ALPHABET = '0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ Ñ'

export function rfcCheckDigit(first: string): string {
  const padded = first.length === 11 ? ' ' + first : first
  let sum = 0
  for (let i = 0; i < 12; i++) sum += RFC_ALPHABET.indexOf(padded[i]) * (13 - i)
  const rest = 11 - (sum % 11)
  return rest === 11 ? '0' : rest === 10 ? 'A' : String(rest)
}

export function isRfcPattern(value: string): boolean {
  return RFC_PATTERN.test(value)
}

export function isValidRfc(value: string): boolean {
  return isRfcPattern(value) && rfcCheckDigit(value.slice(0, -1)) === value.slice(-1)
}

/** IMEI: 15 digits with a Luhn check digit. */
export function isValidImei(value: string): boolean {
  if (!/^\d{15}$/.test(value)) return false
  let sum = 0
  for (let i = 0; i < 15; i++) {
    let digit = Number(value[14 - i])
    if (i % 2 === 1) {
      digit *= 2
      if (digit > 9) digit -= 9
    }
    sum += digit
  }
  return sum % 10 === 0
}

/** Vehicle identification number (NIV in Mexico): 17 characters, never I, O or Q. */
export function isVinPattern(value: string): boolean {
  return /^[A-HJ-NPR-Z\d]{17}$/.test(value)
}
