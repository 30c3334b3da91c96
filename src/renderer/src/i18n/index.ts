// UI text in Spanish, English and Brazilian Portuguese. Every string a person sees comes from these files.
// Each language is split by area (app, wizard, results…) so screens can grow their text independently; the
// files of a language are merged into one set of keys.
import i18n from 'i18next'
import { initReactI18next } from 'react-i18next'
import type { Language } from '../../../shared/settings'

type Tree = Record<string, unknown>

const files = import.meta.glob<Tree>('./locales/*/*.json', { eager: true, import: 'default' })

function bundle(language: Language): Tree {
  const merged: Tree = {}
  for (const [path, tree] of Object.entries(files))
    if (path.split('/')[2] === language) Object.assign(merged, tree)
  return merged
}

export const resources = {
  es: { translation: bundle('es') },
  en: { translation: bundle('en') },
  'pt-BR': { translation: bundle('pt-BR') }
}

void i18n.use(initReactI18next).init({
  resources,
  lng: 'es',
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  returnNull: false
})

export function applyLanguage(language: Language): void {
  if (i18n.language !== language) void i18n.changeLanguage(language)
  document.documentElement.lang = language
}

/** Numbers and dates in the chosen language's conventions. */
export function formatNumber(value: number, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(i18n.language, options).format(value)
}

export function formatDateTime(value: string | number | Date): string {
  return new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(value)
  )
}

export function formatDate(value: string | number | Date): string {
  return new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' }).format(new Date(value))
}

export default i18n
