// Privacy: erase a person, keep personal data only as long as needed, and read the audit log. Each part is its
// own panel under one tab list.
import { useState, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { ErasePanel } from './privacy/ErasePanel'
import { RetentionPanel } from './privacy/RetentionPanel'
import { AuditPanel } from './privacy/AuditPanel'

const TABS = ['erase', 'retention', 'audit'] as const
type Tab = (typeof TABS)[number]

export function PrivacyScreen() {
  const { t } = useTranslation()
  const [tab, setTab] = useState<Tab>('erase')
  const onKey = (e: KeyboardEvent) => {
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0
    if (!step) return
    const next = TABS[(TABS.indexOf(tab) + step + TABS.length) % TABS.length]
    setTab(next)
    document.getElementById(`privacy-tab-${next}`)?.focus()
  }
  return (
    <section className="screen">
      <header className="screen-header">
        <h1>{t('privacy.title')}</h1>
      </header>
      <p className="muted">{t('privacy.intro')}</p>
      <div className="tabs" role="tablist" aria-label={t('privacy.title')}>
        {TABS.map((name) => (
          <button
            key={name}
            id={`privacy-tab-${name}`}
            role="tab"
            className="tab"
            aria-selected={tab === name}
            aria-controls={`privacy-panel-${name}`}
            tabIndex={tab === name ? 0 : -1}
            onClick={() => setTab(name)}
            onKeyDown={onKey}
          >
            {t(`privacy.tabs.${name}`)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`privacy-panel-${tab}`} aria-labelledby={`privacy-tab-${tab}`}>
        {tab === 'erase' && <ErasePanel />}
        {tab === 'retention' && <RetentionPanel />}
        {tab === 'audit' && <AuditPanel />}
      </div>
    </section>
  )
}
