// Short confirmations and errors that appear in a corner and go away by themselves.
import { createContext, useCallback, useContext, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

interface Toast {
  id: number
  kind: 'success' | 'error' | 'info'
  text: string
}

const Context = createContext<(kind: Toast['kind'], text: string) => void>(() => undefined)

export function useToast() {
  return useContext(Context)
}

let nextId = 1

export function ToastProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation()
  const [toasts, setToasts] = useState<Toast[]>([])
  const push = useCallback((kind: Toast['kind'], text: string) => {
    const id = nextId++
    setToasts((list) => [...list, { id, kind, text }])
    setTimeout(
      () => setToasts((list) => list.filter((toast) => toast.id !== id)),
      kind === 'error' ? 9000 : 4000
    )
  }, [])
  return (
    <Context.Provider value={push}>
      {children}
      <div className="toasts" role="status" aria-live="polite">
        {toasts.map((toast) => (
          <div key={toast.id} className={`toast toast-${toast.kind}`}>
            <span>{toast.text}</span>
            <button
              className="icon-button"
              aria-label={t('common.dismiss')}
              onClick={() => setToasts((list) => list.filter((x) => x.id !== toast.id))}
            >
              ×
            </button>
          </div>
        ))}
      </div>
    </Context.Provider>
  )
}
