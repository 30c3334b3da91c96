// Every code the backend can answer with has a sentence in each of the analyst's languages: errors of every
// call, why a file could not be read, why a row got no check, why a batch stopped, a key's state and the
// outcome of its test, why the keychain cannot be used. A new code without its three texts fails here.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ERROR_CODES } from '../../../src/shared/result'
import { SHEET_ERROR_CODES } from '../../../src/shared/sheets/types'
import {
  BATCH_STATUS_CODES,
  BATCH_WARNING_CODES,
  BATCH_STATUSES,
  ENGINE_PHASES,
  ROW_FAILURE_CODES
} from '../../../src/shared/batch'
import { KEY_STATES } from '../../../src/shared/settings'
import { KEYCHAIN_PROBLEMS } from '../../../src/shared/contract'

const ROOT = 'src/renderer/src/i18n/locales'
const LANGUAGES = ['es', 'en', 'pt-BR'] as const

/** A language's texts, its areas merged as the app merges them. */
function texts(language: string): Record<string, unknown> {
  return Object.assign(
    {},
    ...readdirSync(join(ROOT, language))
      .filter((file) => file.endsWith('.json'))
      .map((file) => JSON.parse(readFileSync(join(ROOT, language, file), 'utf8')) as object)
  ) as Record<string, unknown>
}

function text(tree: Record<string, unknown>, key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], tree)
}

// What the key test can answer: it works, or the kind of the Truora error that stopped it.
const KEY_TEST_CODES = ['key_works', 'key_refused', 'network', 'timeout', 'server_error', 'rate_limited']

const EXPECTED: [string, readonly string[]][] = [
  ['errors', ERROR_CODES],
  ['errors.file', SHEET_ERROR_CODES],
  ['monitor.rowFailures', ROW_FAILURE_CODES],
  ['monitor.statusCodes', BATCH_STATUS_CODES],
  ['monitor.statusBanner', BATCH_STATUSES],
  ['monitor.warnings', BATCH_WARNING_CODES],
  ['monitor.warningHelp', BATCH_WARNING_CODES],
  ['monitor.phases', ENGINE_PHASES],
  ['connections.keyStates', ['missing', ...KEY_STATES]],
  ['connections.keyStateHelp', ['missing', ...KEY_STATES]],
  ['connections.testResult', [...KEY_TEST_CODES, 'other']],
  ['keychain.problems', KEYCHAIN_PROBLEMS]
]

describe('every code the analyst can meet has a text in their language', () => {
  describe.each(LANGUAGES)('%s', (language) => {
    const tree = texts(language)
    it.each(EXPECTED)('%s', (prefix, codes) => {
      const missing = codes.filter((code) => {
        const value = text(tree, `${prefix}.${code}`)
        return typeof value !== 'string' || value.trim() === ''
      })
      expect(missing, `${language}: ${prefix}.<code> without a text`).toEqual([])
    })
  })
})
