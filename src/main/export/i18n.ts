// The analyst's language in files Lote writes (exports, reports, the command line): the same texts as the
// app (src/renderer/src/i18n/locales), with dates and numbers formatted in that language's conventions and the
// analyst's time zone. Keys and {{placeholders}} read as i18next reads them in the app; the main process does
// not need i18next itself for that.
import type { Language } from '../../shared/settings'
import type { Translate } from '../../shared/risk-text'
import enApp from '../../renderer/src/i18n/locales/en/app.json'
import enBatch from '../../renderer/src/i18n/locales/en/batch.json'
import enWizard from '../../renderer/src/i18n/locales/en/wizard.json'
import enPrivacy from '../../renderer/src/i18n/locales/en/privacy.json'
import esApp from '../../renderer/src/i18n/locales/es/app.json'
import esBatch from '../../renderer/src/i18n/locales/es/batch.json'
import esWizard from '../../renderer/src/i18n/locales/es/wizard.json'
import esPrivacy from '../../renderer/src/i18n/locales/es/privacy.json'
import ptApp from '../../renderer/src/i18n/locales/pt-BR/app.json'
import ptBatch from '../../renderer/src/i18n/locales/pt-BR/batch.json'
import ptWizard from '../../renderer/src/i18n/locales/pt-BR/wizard.json'
import ptPrivacy from '../../renderer/src/i18n/locales/pt-BR/privacy.json'
import enReuse from '../../renderer/src/i18n/locales/en/reuse.json'
import esReuse from '../../renderer/src/i18n/locales/es/reuse.json'
import ptReuse from '../../renderer/src/i18n/locales/pt-BR/reuse.json'

type Tree = Record<string, unknown>

const TEXTS: Record<Language, Tree> = {
  en: { ...enApp, ...enBatch, ...enWizard, ...enPrivacy, ...enReuse },
  es: { ...esApp, ...esBatch, ...esWizard, ...esPrivacy, ...esReuse },
  'pt-BR': { ...ptApp, ...ptBatch, ...ptWizard, ...ptPrivacy, ...ptReuse }
}

function lookup(tree: Tree, key: string): string | undefined {
  let node: unknown = tree
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined
    node = (node as Tree)[part]
  }
  return typeof node === 'string' ? node : undefined
}

/** `t(key, values)`: the language's text, else English's, else `values.defaultValue`, else the key. */
export function translator(language: Language): Translate {
  return (key, values = {}) => {
    const text =
      lookup(TEXTS[language], key) ??
      lookup(TEXTS.en, key) ??
      (typeof values.defaultValue === 'string' ? values.defaultValue : key)
    return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) =>
      name in values ? String(values[name]) : whole
    )
  }
}

export interface ReportLocale {
  language: Language
  /** IANA time zone dates are shown in, e.g. America/Bogota. */
  timeZone: string
  t: Translate
  /** 0.8 → "0,80" in es and pt-BR, "0.80" in en. */
  score(value: number): string
  number(value: number): string
  /** A moment (ISO text or date) as a local date and time. */
  dateTime(value: string | Date): string
  /** A calendar date (a sheet's date cell, stored at UTC midnight) without shifting it a day. */
  date(value: Date): string
  /** A calendar date in digits, as a spreadsheet in this language writes it: 31/01/2024, 01/31/2024. */
  numericDate(value: Date): string
  /** A moment in digits in the analyst's zone: 31/01/2024 14:05. */
  numericDateTime(value: string | Date): string
  /** A number with this language's decimal mark, for a csv opened by this language's spreadsheet. */
  decimal(value: number): string
  /**
   * The moment as a date whose UTC fields are the analyst's wall clock: a spreadsheet date has no zone, so
   * this is what it must hold to show the local time.
   */
  wallClock(value: string | Date): Date
  /** Spreadsheet number formats of dates and moments in this language. */
  xlsxDate: string
  xlsxDateTime: string
}

/** The machine's time zone, for the command line and when the app does not say. */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
}

export function reportLocale(language: Language, timeZone: string = localTimeZone()): ReportLocale {
  const zone = isTimeZone(timeZone) ? timeZone : 'UTC'
  const scores = new Intl.NumberFormat(language, { minimumFractionDigits: 2, maximumFractionDigits: 2 })
  const numbers = new Intl.NumberFormat(language)
  const dateTimes = new Intl.DateTimeFormat(language, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: zone
  })
  const dates = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' })
  const digits = { day: '2-digit', month: '2-digit', year: 'numeric' } as const
  const numericDates = new Intl.DateTimeFormat(language, { ...digits, timeZone: 'UTC' })
  const numericDateTimes = new Intl.DateTimeFormat(language, {
    ...digits,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: zone
  })
  const parts = new Intl.DateTimeFormat('en-US', {
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    hourCycle: 'h23',
    timeZone: zone
  })
  const asDate = (value: string | Date) => (typeof value === 'string' ? new Date(value) : value)
  const monthFirst = language === 'en'
  return {
    language,
    timeZone: zone,
    t: translator(language),
    score: (value) => scores.format(value),
    number: (value) => numbers.format(value),
    dateTime: (value) => dateTimes.format(asDate(value)),
    date: (value) => dates.format(value),
    numericDate: (value) => numericDates.format(value),
    numericDateTime: (value) => numericDateTimes.format(asDate(value)).replace(',', ''),
    decimal: (value) => (language === 'en' ? String(value) : String(value).replace('.', ',')),
    wallClock: (value) => {
      const at = asDate(value)
      const field = Object.fromEntries(parts.formatToParts(at).map((p) => [p.type, Number(p.value)]))
      return new Date(
        Date.UTC(
          field.year,
          field.month - 1,
          field.day,
          field.hour,
          field.minute,
          field.second,
          at.getUTCMilliseconds()
        )
      )
    },
    xlsxDate: monthFirst ? 'mm/dd/yyyy' : 'dd/mm/yyyy',
    xlsxDateTime: monthFirst ? 'mm/dd/yyyy hh:mm' : 'dd/mm/yyyy hh:mm'
  }
}

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return true
  } catch {
    return false
  }
}
