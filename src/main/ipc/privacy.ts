// Handlers for the privacy screen: erasing a person, retention, and the audit log.
import type { Application } from '../app/index'
import type { HandlerMap } from './dispatch'

export function privacyHandlers({
  privacy
}: Application): Pick<
  HandlerMap,
  | 'privacy:findPerson'
  | 'privacy:erasePerson'
  | 'privacy:retention'
  | 'privacy:setRetention'
  | 'privacy:extendRetention'
  | 'audit:list'
  | 'audit:verify'
  | 'audit:export'
> {
  return {
    'privacy:findPerson': (query) => privacy.findPerson(query),
    'privacy:erasePerson': ({ query, atTruora }) => privacy.erasePerson(query, { atTruora }),
    'privacy:retention': () => privacy.retention(),
    'privacy:setRetention': ({ profileId, retention }) => privacy.setRetention(profileId, retention),
    'privacy:extendRetention': ({ batchId, days, reason }) => privacy.extendRetention(batchId, days, reason),
    'audit:list': (query) => privacy.auditEntries(query),
    'audit:verify': () => privacy.verifyAudit(),
    'audit:export': ({ format, query, lang }) => privacy.exportAudit(format, query, lang)
  }
}
