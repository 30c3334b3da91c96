// Every language has the same texts, area by area, with the same placeholders.
import { describe, expect, it } from 'vitest'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const ROOT = 'src/renderer/src/i18n/locales'
const LANGUAGES = ['en', 'es', 'pt-BR']

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix]
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k))
}

function leaf(tree: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], tree)
}

const load = (language: string, file: string): unknown =>
  JSON.parse(readFileSync(join(ROOT, language, file), 'utf8'))
const areas = readdirSync(join(ROOT, 'en')).filter((f) => f.endsWith('.json'))
const placeholders = (s: string) => (s.match(/\{\{\w+\}\}/g) ?? []).sort()

describe('UI text', () => {
  it('has the same areas in every language', () => {
    for (const language of LANGUAGES)
      expect(readdirSync(join(ROOT, language)).sort()).toEqual([...areas].sort())
  })

  it('never defines a top-level key in two areas (they are merged)', () => {
    const seen = new Map<string, string>()
    for (const area of areas)
      for (const key of Object.keys(load('en', area) as object)) {
        expect(seen.get(key), `${key} in ${area}`).toBeUndefined()
        seen.set(key, area)
      }
  })

  describe.each(areas)('%s', (area) => {
    const reference = keys(load('en', area)).sort()
    it.each(LANGUAGES)('%s has exactly the keys English has, none empty, same placeholders', (language) => {
      const tree = load(language, area)
      expect(keys(tree).sort()).toEqual(reference)
      for (const key of reference) {
        const text = leaf(tree, key)
        expect(typeof text, key).toBe('string')
        expect((text as string).trim(), key).not.toBe('')
        expect(placeholders(text as string), key).toEqual(placeholders(leaf(load('en', area), key) as string))
      }
    })
  })
})
