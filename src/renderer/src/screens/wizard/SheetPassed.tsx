// Above the Check step when the Sheet step was confirmed in passing: which sheet and header row Lote took, and
// the way back to change them.
import { useTranslation } from 'react-i18next'
import { formatNumber } from '../../i18n'
import type { SheetInfo } from '../../../../shared/sheets/types'

export function SheetPassed({ sheet, onChange }: { sheet: SheetInfo; onChange(): void }) {
  const { t } = useTranslation()
  return (
    <p className="banner banner-info passed-step" data-testid="sheet-passed">
      <span>
        {t('wizard.passed.sheet', {
          sheet: sheet.name,
          row: sheet.headerRow ?? 1,
          count: sheet.rowCount,
          formattedCount: formatNumber(sheet.rowCount)
        })}
      </span>{' '}
      <button className="link-button" onClick={onChange}>
        {t('wizard.passed.change')}
      </button>
    </p>
  )
}
