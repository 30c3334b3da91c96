// English texts of row issues. Each issue carries its code and params, so another language can be added by
// writing a function like `englishIssueText` without touching the validators.
import type { IssueCode } from './types'

export type IssueParams = Record<string, string | number>

export interface IssueText {
  message: string
  fix: string
}

function where(params: IssueParams): string {
  return params.column ? `Row ${params.row}, column ${params.column}` : `Row ${params.row}`
}

function quoted(params: IssueParams): string {
  return `'${params.value}'`
}

export function englishIssueText(code: IssueCode, params: IssueParams): IssueText {
  const at = where(params)
  const value = quoted(params)
  switch (code) {
    case 'required-missing':
      return {
        message: params.column
          ? `${at}: empty, but a ${params.check} check needs the ${params.label}.`
          : `${at}: no ${params.label}, and a ${params.check} check needs it.`,
        fix: params.column
          ? 'Fill in the cell, or exclude the row.'
          : `Map the column that holds the ${params.label}, or exclude the row.`
      }
    case 'alternative-missing':
      return {
        message: `${at}: a ${params.check} check needs one of: ${params.labels}; the row has none.`,
        fix: 'Fill in one of them, or exclude the row.'
      }
    case 'unsupported-check':
      return {
        message: `${at}: Truora offers no ${params.check} check in ${params.country}.`,
        fix: 'Change the country or the check type of the row, or exclude it.'
      }
    case 'country-missing':
      return {
        message: `${at}: no country for this row.`,
        fix: 'Choose a country for the whole batch, or fill in the country column.'
      }
    case 'country-unknown':
      return {
        message: `${at}: ${value} is not a country Lote can check.`,
        fix: 'Write one of BR, CL, CO, CR, MX, PE or ALL (or the country name, e.g. Colombia).'
      }
    case 'type-missing':
      return {
        message: `${at}: no check type for this row.`,
        fix: 'Choose a check type for the whole batch, or fill in the type column (person, vehicle, company).'
      }
    case 'type-custom':
      return {
        message: `${at}: ${value} is not person, vehicle or company; it is sent as a custom check type.`,
        fix: 'Make sure a custom type with this exact name exists in your Truora account.'
      }
    case 'custom-type-kind-unknown':
      return {
        message: `${at}: Lote cannot tell what the custom type '${params.type}' checks, so it cannot say which inputs it needs; Truora will refuse the row if one is missing.`,
        fix: 'In Custom types, state what this type checks (person, vehicle, company or a name search).'
      }
    case 'document-letters':
      return {
        message: `${at}: ${value} is not a ${params.document}: it has a letter.`,
        fix: 'Use digits only.'
      }
    case 'document-length':
      return {
        message: `${at}: ${value} is not a ${params.document}: it has ${params.length} characters, and a ${params.document} has ${params.expected}.`,
        fix: 'Check the number against the document; a digit may be missing or extra.'
      }
    case 'document-check-digit':
      return {
        message: `${at}: ${value} is not a valid ${params.document}: its check digit does not match.`,
        fix: 'Look for a mistyped or swapped digit.'
      }
    case 'document-pattern':
      return {
        message: `${at}: ${value} is not a ${params.document}: ${params.expected}.`,
        fix: `Copy it again from the document${params.example ? `; it looks like ${params.example}` : ''}.`
      }
    case 'document-zeros-restored':
      return {
        message: `${at}: ${value} lost its leading zeros in Excel; read as ${params.normalised}.`,
        fix: 'Nothing to do; to keep zeros in future files, format the column as Text before typing.'
      }
    case 'document-verifier-removed':
      return {
        message: `${at}: ${value} includes the verification digit ${params.verifier}; sent as ${params.normalised}.`,
        fix: 'Nothing to do.'
      }
    case 'number-precision-lost':
      return {
        message: `${at}: ${value} has more digits than Excel keeps in a number, so the last ones were lost.`,
        fix: 'Format the column as Text in Excel and type the number again.'
      }
    case 'plate-pattern':
      return {
        message: `${at}: ${value} is not a ${params.country} license plate.`,
        fix: `Plates there look like ${params.examples}.`
      }
    case 'date-invalid':
      return {
        message:
          params.reason === 'nonexistent'
            ? `${at}: ${value} is not a real date.`
            : params.reason === 'excel-1900-02-29'
              ? `${at}: ${value} is 29 February 1900, a day Excel counts but which never existed.`
              : `${at}: ${value} is not a date Lote can read.`,
        fix: 'Write it as dd/mm/yyyy (e.g. 14/05/1990) or yyyy-mm-dd.'
      }
    case 'date-future':
      return {
        message: `${at}: ${value} (${params.date}) is in the future; a ${params.label} must be in the past.`,
        fix: 'Check the year; two-digit years are read as the latest past year.'
      }
    case 'date-ambiguous':
      return {
        message: `${at}: the dates of this column can be read day first or month first, and nothing in the file settles it (${value} could be ${params.dayFirst} or ${params.monthFirst}). Lote reads them day first: ${params.date}.`,
        fix: 'Check the column; write dates as dd/mm/yyyy with a day over 12 somewhere in it, or as yyyy-mm-dd.'
      }
    case 'document-type-unknown':
      return {
        message: `${at}: "${value}" is not a document type Lote knows for ${params.country}.`,
        fix: `Use one of ${params.accepted}, or exclude the row.`
      }
    case 'document-type-unsupported':
      return {
        message: `${at}: Truora's checks in ${params.country} do not take a ${params.document}.`,
        fix: `Check this person with one of ${params.accepted}, or exclude the row.`
      }
    case 'name-not-split':
      return {
        message: `${at}: "${value}" cannot be split into first and last names.`,
        fix: 'Write the full name with at least a first name and a surname.'
      }
    case 'date-implausible-age':
      return {
        message: `${at}: ${value} gives an age of ${params.age}, unusual for a background check.`,
        fix: 'Check that the date of birth is right.'
      }
    case 'date-too-old':
      return {
        message: `${at}: ${value} gives an age of ${params.age} years.`,
        fix: 'Check the year of birth.'
      }
    case 'phone-invalid':
      return {
        message: `${at}: ${value} is not a ${params.country} phone number (${params.expected}).`,
        fix: 'Write the number with its area or mobile prefix, or in international form (+57 300 123 4567).'
      }
    case 'phone-country-unknown':
      return {
        message: `${at}: ${value} has no country code and the row's country does not tell one.`,
        fix: 'Write it in international form, starting with + and the country code.'
      }
    case 'text-too-long':
      return {
        message: `${at}: the text has ${params.length} characters; Truora takes at most ${params.max}.`,
        fix: `Shorten it to ${params.max} characters.`
      }
    case 'name-has-digits':
      return {
        message: `${at}: ${value} has digits, unusual in a ${params.label}.`,
        fix: 'Check that the columns are not swapped.'
      }
    case 'value-not-allowed':
      return {
        message: `${at}: ${value} is not a valid ${params.label}.`,
        fix: `Use one of: ${params.allowed}.`
      }
    case 'imei-invalid':
      return {
        message: `${at}: ${value} is not a valid IMEI (15 digits with a check digit).`,
        fix: 'Dial *#06# on the phone to read its IMEI.'
      }
    case 'vin-invalid':
      return {
        message: `${at}: ${value} is not a vehicle identification number (17 characters, no I, O or Q).`,
        fix: 'Copy it again from the vehicle registration.'
      }
    case 'duplicate-row':
      return {
        message: `${at}: repeats row ${params.first} (same ${params.label}, country and check type).`,
        fix: 'Nothing to do: the rows share one check, made once for the document.'
      }
    case 'row-excluded':
      return { message: `${at}: excluded from the batch.`, fix: 'Include it again to check it.' }
  }
}
