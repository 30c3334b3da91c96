// The page a browser gets when it has no valid session: an address already used, a session that ended, or
// the bare host address. It says where to find a new address, in the analyst's language.

type PageLanguage = 'es' | 'en' | 'pt-BR'

export type SessionProblem = 'spent' | 'expired' | 'missing'

interface PageText {
  title: string
  body: Record<SessionProblem, string>
  /** A new address was printed for this request, or the one printed earlier is still unused. */
  next: { printed: string; waiting: string }
}

const TEXT: Record<PageLanguage, PageText> = {
  es: {
    title: 'Abra Lote desde la terminal',
    body: {
      spent: 'Esta dirección ya se usó: cada dirección que imprime Lote abre una sola sesión del navegador.',
      expired: 'La sesión de este navegador terminó.',
      missing: 'Este navegador no tiene una sesión de Lote.'
    },
    next: {
      printed:
        'La terminal donde corre lote serve acaba de imprimir una dirección nueva: ábrala para continuar.',
      waiting: 'Abra la dirección que imprimió lote serve en la terminal.'
    }
  },
  en: {
    title: 'Open Lote from the terminal',
    body: {
      spent: 'This address was already used: each address Lote prints opens one browser session.',
      expired: "This browser's session has ended.",
      missing: 'This browser has no Lote session.'
    },
    next: {
      printed: 'The terminal running lote serve has just printed a new address: open it to continue.',
      waiting: 'Open the address lote serve printed in the terminal.'
    }
  },
  'pt-BR': {
    title: 'Abra o Lote pelo terminal',
    body: {
      spent:
        'Este endereço já foi usado: cada endereço que o Lote imprime abre uma única sessão do navegador.',
      expired: 'A sessão deste navegador terminou.',
      missing: 'Este navegador não tem uma sessão do Lote.'
    },
    next: {
      printed:
        'O terminal onde roda o lote serve acabou de imprimir um endereço novo: abra-o para continuar.',
      waiting: 'Abra o endereço que o lote serve imprimiu no terminal.'
    }
  }
}

/** The best of our languages for an Accept-Language header; Spanish when nothing matches. */
export function pageLanguage(acceptLanguage: string | undefined): PageLanguage {
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.split(';')[0].trim().toLowerCase()
    if (tag.startsWith('pt')) return 'pt-BR'
    if (tag.startsWith('es')) return 'es'
    if (tag.startsWith('en')) return 'en'
  }
  return 'es'
}

export function sessionPage(
  problem: SessionProblem,
  next: keyof PageText['next'],
  acceptLanguage: string | undefined
): string {
  const language = pageLanguage(acceptLanguage)
  const text = TEXT[language]
  return `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><title>Lote</title><link rel="icon" href="data:,">
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:15vh auto;padding:0 1rem;color:#1c2330}</style>
</head><body><h1>${text.title}</h1><p>${text.body[problem]}</p><p>${text.next[next]}</p></body></html>`
}
