// Erase a person: find every trace of a document number or a name, show it, and erase it in one step,
// optionally deleting the checks at Truora too. Exports already written are listed for the analyst to delete.
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { Erasure, PersonQueryInput, PersonSearch } from '../../../../shared/privacy'
import { COUNTRIES } from '../../../../shared/checks/inputs'
import { call } from '../../lib/api'
import { formatDateTime, formatNumber } from '../../i18n'
import { useToast } from '../../components/Toasts'

export function ErasePanel() {
  const { t } = useTranslation()
  const toast = useToast()
  const [by, setBy] = useState<'document' | 'name'>('document')
  const [text, setText] = useState('')
  const [country, setCountry] = useState('')
  const [atTruora, setAtTruora] = useState(false)
  const [query, setQuery] = useState<PersonQueryInput>()
  const [found, setFound] = useState<PersonSearch>()
  const [erased, setErased] = useState<Erasure>()
  const [busy, setBusy] = useState(false)

  const find = async (e: FormEvent) => {
    e.preventDefault()
    const next: PersonQueryInput = {
      ...(by === 'document' ? { document: text.trim() } : { name: text.trim() }),
      ...(country ? { country } : {})
    }
    setBusy(true)
    setErased(undefined)
    try {
      setFound(await call('privacy:findPerson', next))
      setQuery(next)
    } catch (error) {
      toast('error', (error as Error).message)
    } finally {
      setBusy(false)
    }
  }

  const erase = async () => {
    if (!query || !found) return
    if (!window.confirm(t('privacy.erase.confirm', { rows: found.traces.length }))) return
    setBusy(true)
    try {
      const result = await call('privacy:erasePerson', { query, atTruora })
      setErased(result)
      setFound(undefined)
      toast('success', t('privacy.erase.done', { rows: result.rows, checks: result.checks }))
    } catch (error) {
      toast('error', (error as Error).message)
    } finally {
      setBusy(false)
    }
  }

  const checks = found?.traces.reduce((n, trace) => n + trace.checkIds.length, 0) ?? 0
  return (
    <div className="card" data-testid="erase-panel">
      <h2 className="card-title">{t('privacy.erase.title')}</h2>
      <p className="muted">{t('privacy.erase.intro')}</p>
      <form className="form-grid" onSubmit={(e) => void find(e)}>
        <label htmlFor="erase-by">{t('privacy.erase.by')}</label>
        <select id="erase-by" value={by} onChange={(e) => setBy(e.target.value as 'document' | 'name')}>
          <option value="document">{t('privacy.erase.byDocument')}</option>
          <option value="name">{t('privacy.erase.byName')}</option>
        </select>
        <label htmlFor="erase-text">
          {by === 'document' ? t('privacy.erase.document') : t('privacy.erase.name')}
        </label>
        <input
          id="erase-text"
          value={text}
          minLength={3}
          required
          autoComplete="off"
          onChange={(e) => setText(e.target.value)}
        />
        <label htmlFor="erase-country">{t('privacy.erase.country')}</label>
        <select id="erase-country" value={country} onChange={(e) => setCountry(e.target.value)}>
          <option value="">{t('privacy.erase.anyCountry')}</option>
          {COUNTRIES.map((c) => (
            <option key={c} value={c}>
              {t(`countries.${c}`)}
            </option>
          ))}
        </select>
        <div className="span-2">
          <button className="button primary" type="submit" disabled={busy || text.trim().length < 3}>
            {t('privacy.erase.find')}
          </button>
        </div>
      </form>

      {found && found.traces.length === 0 && (
        <p role="status" data-testid="erase-nothing">
          {t('privacy.erase.nothing')}
        </p>
      )}
      {found && found.traces.length > 0 && (
        <div data-testid="erase-found">
          <p role="status">
            {t('privacy.erase.found', {
              rows: found.traces.length,
              batches: new Set(found.traces.map((trace) => trace.batchId)).size,
              checks
            })}
          </p>
          <table className="table">
            <thead>
              <tr>
                <th>{t('privacy.erase.batch')}</th>
                <th>{t('privacy.erase.row')}</th>
                <th>{t('privacy.erase.checks')}</th>
                <th>{t('privacy.erase.files')}</th>
              </tr>
            </thead>
            <tbody>
              {found.traces.map((trace) => (
                <tr key={`${trace.batchId}:${trace.seq}`}>
                  <td>
                    {trace.batchName}
                    {trace.draft && <span className="muted"> · {t('privacy.erase.draft')}</span>}
                  </td>
                  <td>{formatNumber(trace.row)}</td>
                  <td>{trace.checkIds.join(', ') || '—'}</td>
                  <td>{formatNumber(trace.files)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <WrittenExports exports={found.exports} />
          <label className="checkbox">
            <input type="checkbox" checked={atTruora} onChange={(e) => setAtTruora(e.target.checked)} />
            {t('privacy.erase.atTruora', { checks })}
          </label>
          <button className="button danger" onClick={() => void erase()} disabled={busy}>
            {t('privacy.erase.erase')}
          </button>
        </div>
      )}
      {erased && (
        <div data-testid="erase-result" role="status">
          <p>
            {t('privacy.erase.done', { rows: erased.rows, checks: erased.checks })}{' '}
            {t('privacy.erase.filesRemoved', { files: erased.files })}
          </p>
          {erased.truora && (
            <ul>
              {erased.truora.map((deletion) => (
                <li key={deletion.checkId}>
                  {deletion.checkId}: {t(`privacy.erase.truora.${deletion.outcome}`)}
                  {deletion.outcome === 'failed' && ` (${deletion.message})`}
                </li>
              ))}
            </ul>
          )}
          <WrittenExports exports={erased.exports} />
        </div>
      )}
    </div>
  )
}

function WrittenExports({ exports }: { exports: PersonSearch['exports'] }) {
  const { t } = useTranslation()
  if (exports.length === 0) return null
  return (
    <div className="callout" data-testid="erase-exports">
      <p>{t('privacy.erase.exportsIntro')}</p>
      <ul>
        {exports.map((e) => (
          <li key={`${e.batchId}:${e.at}:${e.fileName}`}>
            {t('privacy.erase.exportLine', {
              name: e.fileName,
              at: formatDateTime(e.at),
              rows: e.rows,
              format: e.format
            })}
          </li>
        ))}
      </ul>
    </div>
  )
}
