import { describe, expect, it } from 'vitest'
import es from '../../../src/renderer/src/i18n/locales/es.json'
import en from '../../../src/renderer/src/i18n/locales/en.json'
import ptBR from '../../../src/renderer/src/i18n/locales/pt-BR.json'

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix]
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k))
}

function leaf(tree: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], tree)
}

describe('UI text', () => {
  const reference = keys(en).sort()

  it.each([
    ['es', es],
    ['pt-BR', ptBR]
  ])('%s has exactly the keys English has', (_name, locale) => {
    expect(keys(locale).sort()).toEqual(reference)
  })

  it.each([
    ['en', en],
    ['es', es],
    ['pt-BR', ptBR]
  ])('%s has no empty text and keeps every {{placeholder}}', (_name, locale) => {
    for (const key of reference) {
      const text = leaf(locale, key)
      expect(typeof text, key).toBe('string')
      expect((text as string).trim(), key).not.toBe('')
      const placeholders = (s: string) => (s.match(/\{\{\w+\}\}/g) ?? []).sort()
      expect(placeholders(text as string), key).toEqual(placeholders(leaf(en, key) as string))
    }
  })
})
