// A call the analyst starts with a button: the form is busy while it runs (its buttons wait), and a failure
// lands in the problems panel in the analyst's language. What the call does when it works is its own.
import { useCallback, useState } from 'react'
import { useToast } from '../components/Toasts'

export function useBusyCall(): [busy: boolean, run: (work: () => Promise<void>) => Promise<void>] {
  const toast = useToast()
  const [busy, setBusy] = useState(false)
  const run = useCallback(
    async (work: () => Promise<void>) => {
      setBusy(true)
      try {
        await work()
      } catch (e) {
        toast('error', e as Error)
      } finally {
        setBusy(false)
      }
    },
    [toast]
  )
  return [busy, run]
}
