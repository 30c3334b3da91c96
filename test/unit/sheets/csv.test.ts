import { rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CsvParser, detectDelimiter, detectEncoding } from '../../../src/main/sheets/csv'
import { makeTempDir } from '../../helpers/env'

function parseInChunks(text: string, size: number, delimiter = ','): string[][] {
  const parser = new CsvParser(delimiter)
  const records: string[][] = []
  for (let i = 0; i < text.length; i += size) records.push(...parser.push(text.slice(i, i + size)))
  records.push(...parser.end())
  return records
}

describe('CsvParser', () => {
  const text = 'a;"b; c";"say ""hi"""\r\n"multi\r\nline";2;\r\nlast;"";x'
  const expected = [
    ['a', 'b; c', 'say "hi"'],
    ['multi\r\nline', '2', ''],
    ['last', '', 'x']
  ]
  it('handles quotes, escaped quotes, delimiters and line breaks inside quotes', () => {
    expect(parseInChunks(text, 1000, ';')).toEqual(expected)
  })
  it('gives the same records whatever the chunk boundaries', () => {
    for (const size of [1, 2, 3, 5, 7]) expect(parseInChunks(text, size, ';')).toEqual(expected)
  })
  it('accepts LF, CRLF and CR line ends', () => {
    expect(parseInChunks('a,b\nc,d\r\ne,f\rg,h', 3)).toEqual([
      ['a', 'b'],
      ['c', 'd'],
      ['e', 'f'],
      ['g', 'h']
    ])
  })
})

describe('detectDelimiter', () => {
  it('finds ; even when values hold decimal commas', () => {
    expect(detectDelimiter('Nombre;Valor\nAna;1,5\nLuis;2,75\n').delimiter).toBe(';')
  })
  it('finds commas and tabs', () => {
    expect(detectDelimiter('a,b,c\n1,2,3\n').delimiter).toBe(',')
    expect(detectDelimiter('a\tb\tc\n1\t2\t3\n').delimiter).toBe('\t')
  })
  it("honours Excel's sep= line", () => {
    expect(detectDelimiter('sep=;\na,b;c\n')).toEqual({ delimiter: ';', skipSepLine: true })
  })
})

describe('detectEncoding', () => {
  it('takes a large UTF-8 file for UTF-8 wherever a character falls against the parts it checks', async () => {
    const dir = makeTempDir()
    // The file is checked 256 KiB at a time: put 2-, 3- and 4-byte characters across that boundary.
    const part = 256 * 1024
    try {
      for (const character of ['ñ', '€', '😀']) {
        const bytes = Buffer.byteLength(character)
        for (let before = 1; before < bytes; before++) {
          const file = join(dir, 'people.csv')
          const head = 'Nombre\n' + 'a'.repeat(part - before - 'Nombre\n'.length)
          const text = head + character + '\n' + 'Peña\n'.repeat(10)
          writeFileSync(file, text)
          expect(await detectEncoding(file, Buffer.byteLength(text))).toBe('utf-8')
        }
      }
      // While a Windows-1252 byte anywhere is still caught.
      const latin = join(dir, 'latin.csv')
      const body = Buffer.from('Nombre\n' + 'Ana\n'.repeat(200_000))
      writeFileSync(latin, Buffer.concat([body, Buffer.from([0x50, 0xf1, 0x61, 0x0a])]))
      expect(await detectEncoding(latin, body.length + 4)).toBe('not-utf-8')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
