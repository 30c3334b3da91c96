// UI text in Spanish, English and Brazilian Portuguese. Every string a person sees comes from these files.
import i18n from 'i18next'
import { initReactI18next } from 'react-i18next'
import type { Language } from '../../../shared/settings'
import es from './locales/es.json'
import en from './locales/en.json'
import ptBR from './locales/pt-BR.json'

export const resources = { es: { translation: es }, en: { translation: en }, 'pt-BR': { translation: ptBR } }

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

export default i18n
