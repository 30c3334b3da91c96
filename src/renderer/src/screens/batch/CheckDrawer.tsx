// One person's check, in the order an analyst reads it: who (name, document, the inputs sent), the risk and
// why, the analyst's decision and its history, then scores by dataset, how each database answered, the
// details tables in a chosen language, Truora's summary text, attachments, the PDF, and deleting the check.
import { useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { call } from '../../lib/api'
import { useSaveDownload } from '../../lib/use-save-download'
import { useLoad } from '../../lib/use-load'
import { useToast } from '../../components/Toasts'
import { LoadState } from '../../components/LoadState'
import i18n from '../../i18n'
import { CheckDetails, type DetailLanguage } from './drawer/CheckDetails'
import { CheckFacts } from './drawer/CheckFacts'
import { DatabaseStatuses } from './drawer/DatabaseStatuses'
import { DatasetScores } from './drawer/DatasetScores'
import { LiveParts } from './drawer/LiveParts'
import { PersonFacts } from './drawer/PersonFacts'
import { DecisionPanel } from './decisions/DecisionPanel'
import { useAppState } from '../../state/app-state'
import { PersonHistory } from './drawer/PersonHistory'

export function CheckDrawer({
  checkId,
  onClose,
  onDeleted,
  onDecided
}: {
  checkId: string
  onClose(): void
  onDeleted(): void
  onDecided(): void
}) {
  const { t } = useTranslation()
  const { settings } = useAppState()
  const toast = useToast()
  const id = useId()
  const closeButton = useRef<HTMLButtonElement>(null)
  // Details start as stored when the batch ran (offline); another language is asked of Truora on request.
  const [lang, setLang] = useState<DetailLanguage>()
  const pdfLanguage: DetailLanguage =
    lang ?? (i18n.language.startsWith('pt') ? 'pt' : i18n.language.startsWith('en') ? 'en' : 'es')
  const [busy, setBusy] = useState<string>()
  const check = useLoad(() => call('results:check', { checkId }), [checkId])
  const details = useLoad(
    () => call('results:details', lang ? { checkId, lang } : { checkId }),
    [checkId, lang]
  )
  // Focus moves into the drawer and back to where it came from (the grid) when it closes.
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null
    closeButton.current?.focus()
    return () => previous?.focus()
  }, [])
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !document.querySelector('dialog[open]')) onClose()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [onClose])

  const download = useSaveDownload(setBusy)
  const remove = async () => {
    if (!window.confirm(t('results.drawer.confirmDelete', { row: check.data?.row ?? '' }))) return
    setBusy('delete')
    try {
      await call('results:deleteCheck', { checkId })
      toast('success', t('results.drawer.deleted'))
      onDeleted()
    } catch (e) {
      toast('error', e as Error)
      setBusy(undefined)
    }
  }

  const view = check.data
  // A non-modal dialog beside the grid (focus moves in, Escape closes it, focus goes back): a plain element with
  // the dialog role, since <aside> stands for a complementary region and cannot be a dialog.
  return (
    <div
      className="drawer"
      role="dialog"
      aria-modal="false"
      aria-labelledby={`${id}-title`}
      data-testid="check-drawer"
    >
      <header className="drawer-header">
        <div>
          <h2 id={`${id}-title`} className="card-title">
            {view
              ? view.person.name
                ? t('results.drawer.titlePerson', { name: view.person.name, row: view.row })
                : t('results.drawer.title', { row: view.row })
              : t('results.drawer.loading')}
          </h2>
          <div className="mono muted">{checkId}</div>
        </div>
        <button ref={closeButton} className="icon-button" aria-label={t('common.close')} onClick={onClose}>
          ×
        </button>
      </header>
      <div className="drawer-body">
        {!view && <LoadState loading={check.loading} error={check.error} onRetry={check.reload} />}
        {view && (
          <>
            <PersonFacts view={view} />
            <CheckFacts view={view} />
            <DecisionPanel
              batchId={view.batchId}
              seq={view.seq}
              checkId={view.checkId}
              reviewer={settings.reviewerName}
              onDecided={onDecided}
            />
            <div className="actions">
              <button
                className="button"
                disabled={busy !== undefined}
                onClick={() =>
                  void download('pdf', () => call('results:pdf', { checkId, lang: pdfLanguage }))
                }
              >
                {busy === 'pdf' && <span className="spinner" aria-hidden="true" />} {t('results.drawer.pdf')}
              </button>
              <button className="button danger" disabled={busy !== undefined} onClick={() => void remove()}>
                {busy === 'delete' && <span className="spinner" aria-hidden="true" />}{' '}
                {t('results.drawer.delete')}
              </button>
            </div>

            <DatasetScores view={view} />
            <DatabaseStatuses view={view} />
            <PersonHistory key={checkId} checkId={checkId} />
          </>
        )}

        <CheckDetails details={details} lang={lang} onLang={setLang} />

        <LiveParts checkId={checkId} busy={busy} download={(name, make) => void download(name, make)} />
      </div>
    </div>
  )
}
