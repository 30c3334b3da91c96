// Exports of the batch, written offline from the local store in the analyst's language and time zone: xlsx,
// csv (with the separator their spreadsheet expects, or another), the PDF summary, a zip of Truora's PDFs
// (offered only when some were downloaded, and saying why not).
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { call } from '../../../lib/api'
import { useSaveDownload } from '../../../lib/use-save-download'
import { reportChoices } from '../../../lib/report-choices'
import { ExportPassword, exportPasswordChoice, exportPasswordReady } from '../../../components/ExportPassword'

const EXPORTS = ['xlsx', 'csv', 'pdf', 'pdfs'] as const
type ExportFormat = (typeof EXPORTS)[number]
const DELIMITERS = { comma: ',', semicolon: ';', tab: '\t' } as const
type DelimiterName = keyof typeof DELIMITERS

export function ExportCard({ batchId, pdfs }: { batchId: string; pdfs: number | undefined }) {
  const { t, i18n } = useTranslation()
  const [exporting, setExporting] = useState<string>()
  const choices = reportChoices(i18n.language)
  const [delimiter, setDelimiter] = useState<DelimiterName>(choices.language === 'en' ? 'comma' : 'semicolon')
  const [password, setPassword] = useState('')
  const save = useSaveDownload(setExporting)
  const runExport = (format: ExportFormat) =>
    save(format, () =>
      call('results:export', {
        batchId,
        format,
        ...choices,
        ...(format === 'csv' ? { delimiter: DELIMITERS[delimiter] } : {}),
        ...exportPasswordChoice(password)
      })
    )
  const noPdfs = pdfs === 0

  return (
    <section className="card export-card" aria-labelledby="export-title">
      <h2 id="export-title" className="card-title">
        {t('results.export.title')}
      </h2>
      <ExportPassword idPrefix="export" password={password} onChange={setPassword} />
      <div className="export-buttons">
        {EXPORTS.map((format) => (
          <button
            key={format}
            className="button"
            disabled={
              exporting !== undefined || (format === 'pdfs' && noPdfs) || !exportPasswordReady(password)
            }
            aria-busy={exporting === format}
            aria-describedby={format === 'pdfs' && noPdfs ? 'export-no-pdfs' : undefined}
            title={format === 'pdfs' && noPdfs ? t('results.export.noPdfs') : undefined}
            onClick={() => void runExport(format)}
          >
            {exporting === format && <span className="spinner" aria-hidden="true" />}{' '}
            {t(`results.export.${format}`)}
          </button>
        ))}
      </div>
      <label className="filter export-delimiter">
        <span>{t('results.export.delimiter')}</span>
        <select
          value={delimiter}
          onChange={(e) => setDelimiter(e.target.value as DelimiterName)}
          data-testid="export-delimiter"
        >
          {(Object.keys(DELIMITERS) as DelimiterName[]).map((name) => (
            <option key={name} value={name}>
              {t(`results.export.delimiters.${name}`)}
            </option>
          ))}
        </select>
      </label>
      {noPdfs && (
        <p className="hint" id="export-no-pdfs">
          {t('results.export.noPdfsShort')}
        </p>
      )}
      {exporting && (
        <p className="hint" role="status">
          {t('results.export.working')}
        </p>
      )}
    </section>
  )
}
