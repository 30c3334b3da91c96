// The analyst's language in files Lote writes (exports, reports, the command line): the same texts as the
// app (src/renderer/src/i18n/locales), with dates and numbers formatted in that language's conventions and the
// analyst's time zone. Keys and {{placeholders}} read as i18next reads them in the app; the main process does
// not need i18next itself for that.
import type { Language } from '../../shared/settings'
import type { Translate } from '../../shared/risk-text'
import enApp from '../../renderer/src/i18n/locales/en/app.json'
import enBatch from '../../renderer/src/i18n/locales/en/batch.json'
import enWizard from '../../renderer/src/i18n/locales/en/wizard.json'
import esApp from '../../renderer/src/i18n/locales/es/app.json'
import esBatch from '../../renderer/src/i18n/locales/es/batch.json'
import esWizard from '../../renderer/src/i18n/locales/es/wizard.json'
import ptApp from '../../renderer/src/i18n/locales/pt-BR/app.json'
import ptBatch from '../../renderer/src/i18n/locales/pt-BR/batch.json'
import ptWizard from '../../renderer/src/i18n/locales/pt-BR/wizard.json'

type Tree = Record<string, unknown>

const TEXTS: Record<Language, Tree> = {
  en: { ...enApp, ...enBatch, ...enWizard },
  es: { ...esApp, ...esBatch, ...esWizard },
  'pt-BR': { ...ptApp, ...ptBatch, ...ptWizard }
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
  return {
    language,
    timeZone: zone,
    t: translator(language),
    score: (value) => scores.format(value),
    number: (value) => numbers.format(value),
    dateTime: (value) => dateTimes.format(typeof value === 'string' ? new Date(value) : value),
    date: (value) => dates.format(value)
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
