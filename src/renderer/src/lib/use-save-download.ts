// Making a file and handing it to the analyst (the save dialog on the desktop, a download in a browser), with
// what is being made marked busy and a toast that says how it went. Exports, PDFs and attachments all go this way.
import { useCallback } from 'react'
import { useTranslation } from 'react-i18next'
import type { Download } from '../../../shared/contract'
import { useToast } from '../components/Toasts'
import { saveDownload } from './api'

export function useSaveDownload(
  setBusy: (name: string | undefined) => void
): (name: string, make: () => Promise<Download>) => Promise<void> {
  const { t } = useTranslation()
  const toast = useToast()
  return useCallback(
    async (name, make) => {
      setBusy(name)
      try {
        const file = await make()
        await saveDownload(file)
        toast('success', t('results.exported', { name: file.name }))
      } catch (e) {
        toast('error', e as Error)
      } finally {
        setBusy(undefined)
      }
    },
    [setBusy, t, toast]
  )
}
