// The app's own texts in one language, read from its translation files, so a test can find buttons and
// headings by what an analyst reads in Spanish or Portuguese without copying the words into the test.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

type Tree = { [key: string]: string | Tree }
export type Language = 'es' | 'en' | 'pt-BR'

const LOCALES = 'src/renderer/src/i18n/locales'

export function texts(language: Language): (key: string, values?: Record<string, string | number>) => string {
  const tree: Tree = {}
  const folder = join(LOCALES, language)
  for (const file of readdirSync(folder))
    Object.assign(tree, JSON.parse(readFileSync(join(folder, file), 'utf8')) as Tree)
  return (key, values = {}) => {
    let node: string | Tree | undefined = tree
    for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined
    if (typeof node !== 'string') throw new Error(`no text ${key} in ${language}`)
    return node.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? `{{${name}}}`))
  }
}
