// The technical sentence behind a message (Truora's words, an engine's English, an exception), folded away under
// "Technical details": there for support, never in the analyst's way.
import { useTranslation } from 'react-i18next'

export function TechnicalDetail({ text }: { text: string | undefined }) {
  const { t } = useTranslation()
  if (!text) return null
  return (
    <details className="technical-detail">
      <summary>{t('common.technicalDetail')}</summary>
      <code>{text}</code>
    </details>
  )
}
