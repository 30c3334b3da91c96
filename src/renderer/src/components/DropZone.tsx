// The large target analysts drop a spreadsheet on; also a button that opens the file picker. Keyboard users
// reach it with Tab and open the picker with Enter or Space.
import { useRef, useState, type DragEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { FileRefView } from '../../../shared/contract'
import { call, isDesktop, openFile } from '../lib/api'
import { useToast } from './Toasts'
import { useLoad } from '../lib/use-load'

const ACCEPTED = /\.(xlsx|csv)$/i

export function DropZone({ onOpened }: { onOpened: (file: FileRefView) => void }) {
  const { t } = useTranslation()
  const toast = useToast()
  const input = useRef<HTMLInputElement>(null)
  const [dragging, setDragging] = useState(false)
  const [opening, setOpening] = useState<string>()

  const open = async (file: File) => {
    if (!ACCEPTED.test(file.name)) {
      toast('error', t('drop.unsupported', { name: file.name }))
      return
    }
    setOpening(file.name)
    try {
      onOpened(await openFile(file))
    } catch (e) {
      toast('error', e as Error)
    } finally {
      setOpening(undefined)
    }
  }

  const pick = async () => {
    if (!isDesktop()) return input.current?.click()
    try {
      const file = await call('files:pick')
      if (file) onOpened(file)
    } catch (e) {
      toast('error', e as Error)
    }
  }

  const onDrop = (event: DragEvent) => {
    event.preventDefault()
    setDragging(false)
    const file = event.dataTransfer.files[0]
    if (file) void open(file)
  }

  return (
    <div
      className={dragging ? 'drop-zone dragging' : 'drop-zone'}
      role="button"
      tabIndex={0}
      aria-busy={Boolean(opening)}
      // Named by the words it shows (title and hint), so what a screen reader says is what the analyst sees.
      data-testid="drop-zone"
      onClick={() => void pick()}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault()
          void pick()
        }
      }}
      onDragOver={(e) => {
        e.preventDefault()
        setDragging(true)
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <svg width="40" height="40" viewBox="0 0 24 24" aria-hidden="true">
        <path
          d="M12 16V4m0 0l-4 4m4-4l4 4M4 16v3a1 1 0 001 1h14a1 1 0 001-1v-3"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.6"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      </svg>
      {opening ? (
        <strong role="status">{t('drop.reading', { name: opening })}</strong>
      ) : (
        <>
          <strong>{t('drop.title')}</strong>
          <span>{t('drop.hint')}</span>
        </>
      )}
      <input
        ref={input}
        type="file"
        accept=".xlsx,.csv"
        hidden
        data-testid="file-input"
        onChange={(e) => {
          const file = e.target.files?.[0]
          e.target.value = ''
          if (file) void open(file)
        }}
      />
    </div>
  )
}

/** The bundled sample spreadsheets, for trying Lote without a file of one's own. */
export function SampleList({ onOpened }: { onOpened: (file: FileRefView) => void }) {
  const { t, i18n } = useTranslation()
  const toast = useToast()
  const samples = useLoad(() => call('files:samples'), []).data
  if (!samples || samples.length === 0) return null
  return (
    <div className="samples">
      <h2>{t('drop.samples')}</h2>
      <ul className="sample-list">
        {samples.map((sample) => (
          <li key={sample.file}>
            <button
              className="sample"
              onClick={() =>
                call('files:openSample', { file: sample.file }).then(onOpened, (e: Error) =>
                  toast('error', e)
                )
              }
            >
              <strong>{sample.description[i18n.language] ?? sample.description.en ?? sample.file}</strong>
              <span className="muted">
                {t('drop.sampleRows', {
                  country: t(`countries.${sample.country}`, { defaultValue: sample.country }),
                  type: t(`checkTypes.${sample.type}`, { defaultValue: sample.type })
                })}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  )
}
