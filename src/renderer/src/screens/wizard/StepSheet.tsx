// Step 2: which sheet, and which row holds the headers, with a preview to check by eye.
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { cellText } from '../../../../shared/sheets/cells'
import type { ChosenEncoding, WorkbookInfo } from '../../../../shared/sheets/types'
import { call } from '../../lib/api'
import { useBusyCall } from '../../lib/use-busy-call'
import { Field } from '../../components/Field'
import { formatNumber } from '../../i18n'
import { noMapping, selectedSheet, type StepProps } from './wizard-state'

export function StepSheet({ state, update }: StepProps) {
  const { t } = useTranslation()
  const [busy, run] = useBusyCall()
  const [includeHidden, setIncludeHidden] = useState(false)
  const sheet = selectedSheet(state)
  const workbook = state.workbook!

  const samples = state.encodingSamples ?? workbook.encodingNeeded
  const reinspect = (patch: {
    sheet?: string
    headerRow?: number
    includeHidden?: boolean
    encoding?: ChosenEncoding
  }) =>
    run(async () => {
      const hidden = patch.includeHidden ?? includeHidden
      const encoding = patch.encoding ?? state.encoding
      const info: WorkbookInfo = await call('import:inspect', {
        fileId: state.file!.fileId,
        includeHidden: hidden,
        sheet: patch.headerRow ? (patch.sheet ?? state.sheet) : undefined,
        headerRow: patch.headerRow,
        encoding
      })
      // Re-reading one sheet with a new header row returns only that sheet: keep the others listed.
      const sheets = patch.headerRow
        ? workbook.sheets.map((s) => info.sheets.find((n) => n.name === s.name) ?? s)
        : info.sheets
      update({
        workbook: { ...info, sheets },
        sheet: patch.sheet ?? state.sheet,
        headerRow: patch.headerRow,
        ...noMapping(),
        ...(encoding ? { encoding, encodingSamples: samples } : {})
      })
    })

  return (
    <div className="wizard-step" aria-busy={busy}>
      {samples && (
        <fieldset className="card encoding-choice" data-testid="encoding-choice">
          <legend>{t('wizard.encodingTitle')}</legend>
          <p className="muted">{t('wizard.encodingHint')}</p>
          {samples.map((sample) => (
            <label key={sample.encoding} className="checkbox encoding-option">
              <input
                type="radio"
                name="wizard-encoding"
                value={sample.encoding}
                checked={state.encoding === sample.encoding}
                disabled={busy}
                onChange={() => {
                  // Chosen at once; the rows are read again with it.
                  update({ encoding: sample.encoding, encodingSamples: samples })
                  void reinspect({ encoding: sample.encoding })
                }}
              />
              <span>{t(`wizard.encodings.${sample.encoding}`)}</span>
              <code>{sample.text}</code>
            </label>
          ))}
          {state.encoding ? (
            <p className="muted">
              {t('wizard.encodingChosen', { encoding: t(`wizard.encodings.${state.encoding}`) })}
            </p>
          ) : (
            <p className="banner banner-warning" role="alert">
              {t('wizard.encodingNeeded')}
            </p>
          )}
        </fieldset>
      )}
      <div className="form-grid">
        <label htmlFor="wizard-sheet">{t('wizard.sheet')}</label>
        <select
          id="wizard-sheet"
          value={state.sheet}
          onChange={(e) => update({ sheet: e.target.value, headerRow: undefined, ...noMapping() })}
        >
          {workbook.sheets.map((s) => (
            <option key={s.name} value={s.name}>
              {s.name} — {t('wizard.rows', { count: s.rowCount, formattedCount: formatNumber(s.rowCount) })}
            </option>
          ))}
        </select>
        <span />
        <label className="checkbox">
          <input
            type="checkbox"
            checked={includeHidden}
            onChange={(e) => {
              setIncludeHidden(e.target.checked)
              void reinspect({ includeHidden: e.target.checked })
            }}
          />
          {t('wizard.hiddenSheets')}
          {!includeHidden && workbook.hiddenSheets.length > 0 && (
            <span className="muted">
              {' '}
              — {t('wizard.hiddenCount', { count: workbook.hiddenSheets.length })}
            </span>
          )}
        </label>
        <Field
          id="wizard-header-row"
          label={t('wizard.headerRow')}
          hint={sheet?.headerRow ? t('wizard.headerHint', { row: sheet.headerRow }) : undefined}
          type="number"
          min={1}
          defaultValue={sheet?.headerRow ?? 1}
          key={`${state.sheet}-${sheet?.headerRow}`}
          onBlur={(e) => {
            const row = Number(e.target.value)
            if (Number.isInteger(row) && row >= 1 && row !== sheet?.headerRow)
              void reinspect({ headerRow: row })
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') (e.target as HTMLInputElement).blur()
          }}
        />
      </div>
      {busy && (
        <p className="muted loading" role="status">
          <span className="spinner" aria-hidden="true" /> {t('wizard.reading', { name: state.file?.name })}
        </p>
      )}
      {sheet && sheet.rowCount === 0 && <p className="banner banner-warning">{t('wizard.noData')}</p>}
      {sheet && sheet.headers.length > 0 && (
        <>
          <h2 id="sheet-preview-title">{t('wizard.preview', { sheet: sheet.name })}</h2>
          {/* Scrolls sideways on wide sheets: a tab stop, so the keyboard can scroll it too. */}
          <div className="preview-scroll" tabIndex={0} role="region" aria-labelledby="sheet-preview-title">
            <table className="table preview" data-testid="sheet-preview">
              <thead>
                <tr>
                  {sheet.headers.map((h) => (
                    <th key={h}>{h}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {sheet.preview.slice(0, 10).map((cells, i) => (
                  <tr key={i}>
                    {sheet.headers.map((h, c) => (
                      <td key={h}>{cellText(cells[c] ?? null)}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  )
}
