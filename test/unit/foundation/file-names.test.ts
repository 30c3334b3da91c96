import { describe, expect, it } from 'vitest'
import { dirname, resolve } from 'node:path'
import { fileNameForId, pathInside, safeFileName } from '../../../src/main/file-names'

const HOSTILE = [
  '../../../../etc/passwd',
  '..\\..\\Windows\\System32\\evil.dll',
  '/absolute/path.pdf',
  'C:\\Users\\x\\a.pdf',
  '..',
  '.',
  '...',
  '.hidden',
  'name\u0000.pdf',
  'line\nbreak',
  'CON',
  'nul.txt',
  'a'.repeat(500) + '.pdf',
  '',
  ' ',
  '\u202egpj.exe'
]

describe('file names from outside data', () => {
  it('never leave the folder they are meant for', () => {
    const folder = resolve('/data/files/batch/pdf')
    for (const name of HOSTILE) {
      const path = pathInside(folder, `${name}`, 'check.pdf')
      expect(dirname(path), JSON.stringify(name)).toBe(folder)
    }
  })

  it('keep readable names readable, accents included', () => {
    expect(safeFileName('Antecedentes — Peña.pdf')).toBe('Antecedentes — Peña.pdf')
    expect(safeFileName('CHK0123456789abcdef.pdf')).toBe('CHK0123456789abcdef.pdf')
  })

  it('take out separators, control characters, leading dots and device names', () => {
    expect(safeFileName('../../x/NAME-1.pdf')).toBe('_.._x_NAME-1.pdf')
    expect(safeFileName('..')).toBe('file')
    expect(safeFileName('.hidden')).toBe('hidden')
    expect(safeFileName('name\u0000.pdf')).toBe('name.pdf')
    expect(safeFileName('CON')).toBe('_CON')
    expect(safeFileName('\u202egpj.exe')).toBe('gpj.exe')
  })

  it('cut long names but keep the extension', () => {
    const name = safeFileName('a'.repeat(500) + '.pdf')
    expect(name.length).toBeLessThanOrEqual(120)
    expect(name.endsWith('.pdf')).toBe(true)
  })
})

describe('file names for ids from a server', () => {
  it('are the id itself when it is safe, and never shared by two different ids', () => {
    expect(fileNameForId('CHK0123', '.pdf')).toBe('CHK0123.pdf')
    const a = fileNameForId('a/b', '.pdf')
    const b = fileNameForId('a_b', '.pdf')
    const c = fileNameForId('a:b', '.pdf')
    expect(new Set([a, b, c]).size).toBe(3)
    expect(a).toMatch(/^a_b-[0-9a-f]{10}\.pdf$/)
  })
})
