// exceljs's streaming reader sometimes misses xl/sharedStrings.xml when it is stored after the sheets near the
// end of the zip (files from some writers), and then gives `{sharedString: n}` instead of text. This reads the
// table straight from the zip's central directory so such cells still get their text.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs'
import { inflateRawSync } from 'node:zlib'

const END_OF_DIRECTORY = 0x06054b50
const DIRECTORY_ENTRY = 0x02014b50
const LOCAL_HEADER = 0x04034b50

function readAt(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.alloc(length)
  const read = readSync(fd, buffer, 0, length, position)
  return buffer.subarray(0, read)
}

/** One entry of a zip file, or null when the file has no such entry. */
export function readZipEntry(file: string, name: string): Buffer | null {
  const fd = openSync(file, 'r')
  try {
    const size = fstatSync(fd).size
    const tailLength = Math.min(size, 65_557)
    const tail = readAt(fd, size - tailLength, tailLength)
    let end = -1
    for (let i = tail.length - 22; i >= 0; i--)
      if (tail.readUInt32LE(i) === END_OF_DIRECTORY) {
        end = i
        break
      }
    if (end === -1) return null
    const entries = tail.readUInt16LE(end + 10)
    const directory = readAt(fd, tail.readUInt32LE(end + 16), tail.readUInt32LE(end + 12))
    let offset = 0
    for (let i = 0; i < entries && offset + 46 <= directory.length; i++) {
      if (directory.readUInt32LE(offset) !== DIRECTORY_ENTRY) return null
      const method = directory.readUInt16LE(offset + 10)
      const compressed = directory.readUInt32LE(offset + 20)
      const nameLength = directory.readUInt16LE(offset + 28)
      const extraLength = directory.readUInt16LE(offset + 30)
      const commentLength = directory.readUInt16LE(offset + 32)
      const local = directory.readUInt32LE(offset + 42)
      const entryName = directory.toString('utf8', offset + 46, offset + 46 + nameLength)
      offset += 46 + nameLength + extraLength + commentLength
      if (entryName !== name) continue
      const header = readAt(fd, local, 30)
      if (header.readUInt32LE(0) !== LOCAL_HEADER) return null
      const start = local + 30 + header.readUInt16LE(26) + header.readUInt16LE(28)
      const data = readAt(fd, start, compressed)
      return method === 0 ? data : inflateRawSync(data)
    }
    return null
  } finally {
    closeSync(fd)
  }
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, entity: string) => {
    if (entity[0] === '#')
      return String.fromCodePoint(
        entity[1] === 'x' || entity[1] === 'X' ? parseInt(entity.slice(2), 16) : Number(entity.slice(1))
      )
    return ENTITIES[entity] ?? whole
  })
}

/** The shared string table of an xlsx: plain and rich-text items, without phonetic guides. */
export function readSharedStrings(file: string): string[] {
  const xml = readZipEntry(file, 'xl/sharedStrings.xml')?.toString('utf8')
  if (!xml) return []
  const items: string[] = []
  for (const match of xml.matchAll(/<si>([\s\S]*?)<\/si>|<si\/>/g)) {
    const body = (match[1] ?? '').replace(/<rPh\b[\s\S]*?<\/rPh>/g, '')
    let text = ''
    for (const part of body.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)) text += part[1]
    items.push(decodeXml(text))
  }
  return items
}
