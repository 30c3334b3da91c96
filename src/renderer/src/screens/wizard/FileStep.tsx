// Step 1: drop or pick a spreadsheet, or take one of the bundled samples.
import { useTranslation } from 'react-i18next'
import type { FileRefView } from '../../../../shared/contract'
import { DropZone, SampleList } from '../../components/DropZone'

export function FileStep({ opening, onOpened }: { opening: boolean; onOpened(file: FileRefView): void }) {
  const { t } = useTranslation()
  return (
    <div className="wizard-step">
      {opening ? (
        <p className="loading" role="status">
          <span className="spinner" aria-hidden="true" /> {t('common.loading')}
        </p>
      ) : (
        <>
          <DropZone onOpened={onOpened} />
          <SampleList onOpened={onOpened} />
        </>
      )}
    </div>
  )
}
