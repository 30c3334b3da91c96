// The records of a zip file, as both of Lote's zip writers lay them out (the Truora PDFs stored as they are,
// protected exports encrypted with AES): each file's local header, its entry in the central directory, and
// the end of the directory. The layout is zip's own (APPNOTE.TXT, section 4.3); no Zip64, so files and the
// whole archive stay under 4 GB.

/** What the local header and the central directory say of one file. */
export interface ZipFileRecord {
  /** The version of the format needed to read it: 20 for a stored file, 51 for AES. */
  versionNeeded: number
  /** The system and version that made it: the high byte 0 for MS-DOS, 3 for Unix (whose mode then counts). */
  madeBy: number
  flags: number
  method: number
  /** MS-DOS time and date (`dosDateTime`). */
  time: number
  date: number
  crc: number
  /** Bytes as written in the zip. */
  compressedSize: number
  /** Bytes once read back. */
  size: number
  name: Buffer
  extraLength: number
  /** The central directory's external attributes (with a Unix `madeBy`, the file's mode in the high half). */
  externalAttributes?: number
}

export const FLAG_UTF8 = 0x0800

/** The fields the local header and the central directory entry share, in the same order, from `at`. */
function writeShared(buffer: Buffer, at: number, record: ZipFileRecord): void {
  buffer.writeUInt16LE(record.versionNeeded, at)
  buffer.writeUInt16LE(record.flags, at + 2)
  buffer.writeUInt16LE(record.method, at + 4)
  buffer.writeUInt16LE(record.time, at + 6)
  buffer.writeUInt16LE(record.date, at + 8)
  buffer.writeUInt32LE(record.crc, at + 10)
  buffer.writeUInt32LE(record.compressedSize, at + 14)
  buffer.writeUInt32LE(record.size, at + 18)
  buffer.writeUInt16LE(record.name.length, at + 22)
  buffer.writeUInt16LE(record.extraLength, at + 24)
}

/** The header before a file's name, extra field and data. */
export function localHeader(record: ZipFileRecord): Buffer {
  const header = Buffer.alloc(30)
  header.writeUInt32LE(0x04034b50, 0)
  writeShared(header, 4, record)
  return header
}

/** The file's entry in the central directory (followed there by its name and extra field); `offset` is where
 * its local header starts. */
export function centralEntry(record: ZipFileRecord, offset: number): Buffer {
  const entry = Buffer.alloc(46)
  entry.writeUInt32LE(0x02014b50, 0)
  entry.writeUInt16LE(record.madeBy, 4)
  writeShared(entry, 6, record)
  entry.writeUInt32LE(record.externalAttributes ?? 0, 38)
  entry.writeUInt32LE(offset, 42)
  return entry
}

/** The end of the central directory: how many files, and where the directory is and how long. */
export function directoryEnd(files: number, directoryLength: number, directoryOffset: number): Buffer {
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(files, 8)
  end.writeUInt16LE(files, 10)
  end.writeUInt32LE(directoryLength, 12)
  end.writeUInt32LE(directoryOffset, 16)
  return end
}

/** A time as a zip entry keeps it (MS-DOS date and time, 2-second steps). */
export function dosDateTime(at: Date): { time: number; date: number } {
  return {
    time: (at.getHours() << 11) | (at.getMinutes() << 5) | Math.floor(at.getSeconds() / 2),
    date: ((at.getFullYear() - 1980) << 9) | ((at.getMonth() + 1) << 5) | at.getDate()
  }
}
