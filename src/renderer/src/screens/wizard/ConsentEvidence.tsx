// The evidence of authorisation at the confirmation step: the statement names the country's law, and the
// analyst may attach the signed consent files and give references (the request that collected the consents,
// the consent form's version). Exports and the summary PDF say which evidence covers the batch.
import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { FileRefView } from '../../../../shared/contract'
import { DATA_PROTECTION_LAWS } from '../../../../shared/privacy'
import { openFile } from '../../lib/api'
import { useToast } from '../../components/Toasts'

export interface Evidence {
  files: FileRefView[]
  requestId: string
  formVersion: string
}

export const NO_EVIDENCE: Evidence = { files: [], requestId: '', formVersion: '' }

/** The law the statement names for a batch's country; null when rows are of several countries. */
export function lawOf(country: string): string | null {
  return DATA_PROTECTION_LAWS[country] ?? null
}

/** The statement the analyst confirms, in their language, naming the law. */
export function useStatement(law: string | null): string {
  const { t } = useTranslation()
  return t('privacy.consent.statement', { law: law ?? t('privacy.consent.anyLaw') })
}

export function ConsentEvidenceFields({
  value,
  onChange
}: {
  value: Evidence
  onChange(next: Evidence): void
}) {
  const { t } = useTranslation()
  const toast = useToast()
  const input = useRef<HTMLInputElement>(null)
  const [attaching, setAttaching] = useState(false)

  const attach = async (files: FileList | null) => {
    if (!files || files.length === 0) return
    setAttaching(true)
    try {
      const added: FileRefView[] = []
      for (const file of Array.from(files)) added.push(await openFile(file))
      onChange({ ...value, files: [...value.files, ...added] })
    } catch (e) {
      toast('error', (e as Error).message)
    } finally {
      setAttaching(false)
      if (input.current) input.current.value = ''
    }
  }

  return (
    <div className="consent-evidence" data-testid="consent-evidence">
      <p className="muted">{t('privacy.consent.intro')}</p>
      <div className="form-grid">
        <label htmlFor="consent-files">{t('privacy.consent.files')}</label>
        <input
          id="consent-files"
          ref={input}
          type="file"
          multiple
          aria-busy={attaching}
          onChange={(e) => void attach(e.target.files)}
        />
        {value.files.length > 0 && (
          <ul className="span-2" data-testid="consent-files">
            {value.files.map((file) => (
              <li key={file.fileId}>
                {file.name}{' '}
                <button
                  type="button"
                  className="button subtle"
                  onClick={() => onChange({ ...value, files: value.files.filter((f) => f !== file) })}
                >
                  {t('privacy.consent.remove')}
                </button>
              </li>
            ))}
          </ul>
        )}
        <label htmlFor="consent-request">{t('privacy.consent.requestId')}</label>
        <input
          id="consent-request"
          value={value.requestId}
          maxLength={200}
          onChange={(e) => onChange({ ...value, requestId: e.target.value })}
        />
        <label htmlFor="consent-form">{t('privacy.consent.formVersion')}</label>
        <input
          id="consent-form"
          value={value.formVersion}
          maxLength={100}
          onChange={(e) => onChange({ ...value, formVersion: e.target.value })}
        />
      </div>
    </div>
  )
}
