// What every export asks for on the analyst's behalf: the language the app is shown in, and the time zone of
// this computer, so the files read like the screen.
import { LANGUAGES, type Language } from '../../../shared/settings'

export function reportChoices(uiLanguage: string): { language: Language; timeZone: string } {
  const language: Language = (LANGUAGES as readonly string[]).includes(uiLanguage)
    ? (uiLanguage as Language)
    : uiLanguage.startsWith('pt')
      ? 'pt-BR'
      : uiLanguage.startsWith('en')
        ? 'en'
        : 'es'
  return { language, timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC' }
}
