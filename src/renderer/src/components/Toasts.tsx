// What the app tells the analyst in passing, and what went wrong. Confirmations ("Key saved") show briefly in
// the sidebar, where they cover no action. Problems stay in a panel at the top of the screen, in the page's
// flow, until the analyst dismisses them: an error never vanishes before it is read, and never covers a button.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { technicalDetail } from '../lib/api'
import { TechnicalDetail } from './TechnicalDetail'

interface Message {
  id: number
  kind: 'success' | 'error' | 'info'
  text: string
  /** The technical sentence behind an error, folded away. */
  detail?: string
}

/** A toast says a sentence, or an error in the analyst's words with its technical detail folded away. */
type Push = (kind: Message['kind'], text: string | Error) => void

interface Messages {
  push: Push
  passing: Message[]
  problems: Message[]
  dismiss(id: number): void
  dismissAll(): void
}

const Context = createContext<Messages>({
  push: () => undefined,
  passing: [],
  problems: [],
  dismiss: () => undefined,
  dismissAll: () => undefined
})

export function useToast(): Push {
  return useContext(Context).push
}

let nextId = 1

export function ToastProvider({ children }: { children: ReactNode }) {
  const [passing, setPassing] = useState<Message[]>([])
  const [problems, setProblems] = useState<Message[]>([])
  const push = useCallback<Push>((kind, said) => {
    const id = nextId++
    const text = typeof said === 'string' ? said : said.message
    const detail = typeof said === 'string' ? undefined : technicalDetail(said)
    if (kind === 'error') {
      // The same problem twice is one entry, moved to the top.
      setProblems((list) => [{ id, kind, text, detail }, ...list.filter((p) => p.text !== text)].slice(0, 20))
      return
    }
    setPassing((list) => [...list, { id, kind, text }].slice(-3))
    setTimeout(() => setPassing((list) => list.filter((message) => message.id !== id)), 5000)
  }, [])
  const dismiss = useCallback((id: number) => setProblems((list) => list.filter((p) => p.id !== id)), [])
  const dismissAll = useCallback(() => setProblems([]), [])
  const value = useMemo(
    () => ({ push, passing, problems, dismiss, dismissAll }),
    [push, passing, problems, dismiss, dismissAll]
  )
  return <Context.Provider value={value}>{children}</Context.Provider>
}

/** Confirmations, in the sidebar above the connection. */
export function PassingMessages() {
  const { passing } = useContext(Context)
  return (
    <div className="toasts" role="status" aria-live="polite">
      {passing.map((message) => (
        <div key={message.id} className={`toast toast-${message.kind}`}>
          {message.text}
        </div>
      ))}
    </div>
  )
}

/** Problems, at the top of the screen until dismissed. */
export function ProblemsPanel() {
  const { t } = useTranslation()
  const { problems, dismiss, dismissAll } = useContext(Context)
  if (problems.length === 0) return null
  return (
    <section className="problems" aria-labelledby="problems-title" data-testid="problems">
      <div className="row-between">
        <h2 id="problems-title" className="problems-title">
          {t('problems.title', { count: problems.length })}
        </h2>
        {problems.length > 1 && (
          <button className="button subtle" onClick={dismissAll}>
            {t('problems.dismissAll')}
          </button>
        )}
      </div>
      <ul>
        {problems.map((problem) => (
          <li key={problem.id} className="problem" role="alert">
            <div>
              <p>{problem.text}</p>
              <TechnicalDetail text={problem.detail} />
            </div>
            <button
              className="icon-button"
              aria-label={t('common.dismiss')}
              onClick={() => dismiss(problem.id)}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
    </section>
  )
}
