import { describe, expect, it } from 'vitest'
import { CsvParser, detectDelimiter } from '../../../src/main/sheets/csv'

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
