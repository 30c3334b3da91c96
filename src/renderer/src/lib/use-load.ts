// Loads data from the backend for a screen, with loading and error states and a reload. `deps` must be
// plain values (they form the load's identity); the last data stays visible while a new load runs.
import { useCallback, useEffect, useState } from 'react'

export interface Loaded<T> {
  data: T | undefined
  error: string | undefined
  loading: boolean
  reload(): void
  set(value: T): void
}

interface LoadState<T> {
  key: string
  data?: T
  error?: string
}

export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const [generation, setGeneration] = useState(0)
  const key = JSON.stringify([...deps, generation])
  const [state, setState] = useState<LoadState<T>>({ key: '' })

  useEffect(() => {
    let current = true
    load().then(
      (data) => current && setState({ key, data }),
      (e: Error) => current && setState((previous) => ({ key, data: previous.data, error: e.message }))
    )
    return () => {
      current = false
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` is the load's identity
  }, [key])

  const reload = useCallback(() => setGeneration((g) => g + 1), [])
  const set = useCallback((data: T) => setState({ key, data }), [key])
  const loading = state.key !== key
  return { data: state.data, error: loading ? undefined : state.error, loading, reload, set }
}
