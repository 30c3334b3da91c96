// Exports of the batch, written offline from the local store: xlsx, csv, the PDF summary, a zip of Truora's PDFs.
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { call } from '../../../lib/api'
import { useSaveDownload } from '../../../lib/use-save-download'

const EXPORTS = ['xlsx', 'csv', 'pdf', 'pdfs'] as const
type ExportFormat = (typeof EXPORTS)[number]

export function ExportCard({ batchId }: { batchId: string }) {
  const { t } = useTranslation()
  const [exporting, setExporting] = useState<string>()
  const save = useSaveDownload(setExporting)
  const runExport = (format: ExportFormat) => save(format, () => call('results:export', { batchId, format }))

  return (
    <section className="card export-card" aria-labelledby="export-title">
      <h2 id="export-title" className="card-title">
        {t('results.export.title')}
      </h2>
      <div className="export-buttons">
        {EXPORTS.map((format) => (
          <button
            key={format}
            className="button"
            disabled={exporting !== undefined}
            aria-busy={exporting === format}
            onClick={() => void runExport(format)}
          >
            {exporting === format && <span className="spinner" aria-hidden="true" />}{' '}
            {t(`results.export.${format}`)}
          </button>
        ))}
      </div>
      {exporting && (
        <p className="hint" role="status">
          {t('results.export.working')}
        </p>
      )}
    </section>
  )
}
