// The rows whose person already has a recent check, one a line: that check's date, score, risk, what it found
// and its batch, and the analyst's choice for the row — reuse it or check again.
import { useTranslation } from 'react-i18next'
import type { ReuseChoice, ReuseMatch } from '../../../../shared/reuse'
import { formatDateTime, formatNumber } from '../../i18n'
import { RiskBadge, formatScore } from '../batch/labels'
import { FoundList } from '../batch/change-text'

interface Props {
  rows: ReuseMatch[]
  busy: boolean
  onChoose(seqs: number[], choice: ReuseChoice): void
}

export function ReuseTable({ rows, busy, onChoose }: Props) {
  const { t } = useTranslation()
  return (
    <div className="table-scroll">
      <table className="table reuse-table" data-testid="reuse-table">
        <thead>
          <tr>
            <th scope="col" className="numeric">
              {t('reuse.columns.row')}
            </th>
            <th scope="col">{t('reuse.columns.name')}</th>
            <th scope="col">{t('reuse.columns.document')}</th>
            <th scope="col">{t('reuse.columns.checkedAt')}</th>
            <th scope="col" className="numeric">
              {t('reuse.columns.score')}
            </th>
            <th scope="col">{t('reuse.columns.risk')}</th>
            <th scope="col">{t('reuse.columns.found')}</th>
            <th scope="col">{t('reuse.columns.batch')}</th>
            <th scope="col">{t('reuse.columns.choice')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((match) => (
            <MatchRow
              key={match.seq}
              match={match}
              busy={busy}
              onChoose={(choice) => onChoose([match.seq], choice)}
            />
          ))}
        </tbody>
      </table>
    </div>
  )
}

interface MatchRowProps {
  match: ReuseMatch
  busy: boolean
  onChoose(choice: ReuseChoice): void
}

function MatchRow({ match, busy, onChoose }: MatchRowProps) {
  const { t } = useTranslation()
  const { previous } = match
  return (
    <tr data-testid="reuse-row">
      <td className="numeric">{formatNumber(match.row, { useGrouping: false })}</td>
      <td>{match.name || <span className="muted">—</span>}</td>
      <td className="mono">{match.document}</td>
      <td className="nowrap">{formatDateTime(previous.checkedAt)}</td>
      <td className="numeric">{formatScore(previous.score)}</td>
      <td>
        <RiskBadge risk={previous.risk} />
      </td>
      <td>
        <FoundList t={t} found={previous.found} />
      </td>
      <td>{previous.batchName}</td>
      <td>
        <div className="segmented" role="radiogroup" aria-label={t('reuse.choiceFor', { row: match.row })}>
          {(['reuse', 'check'] as const).map((choice) => (
            <button
              key={choice}
              role="radio"
              aria-checked={match.choice === choice}
              className={match.choice === choice ? 'segment active' : 'segment'}
              disabled={busy}
              onClick={() => match.choice !== choice && onChoose(choice)}
            >
              {t(`reuse.choices.${choice}`)}
            </button>
          ))}
        </div>
      </td>
    </tr>
  )
}
