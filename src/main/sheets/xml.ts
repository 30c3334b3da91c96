// XML parts of a workbook, parsed as they stream (saxes). Elements are reported by local name, so writers that
// prefix the spreadsheet namespace (`<x:row>`, as .NET's Open XML SDK can) read like the others. A document
// type declaration is refused outright: Excel never writes one, and entity declarations are how "billion
// laughs" and external-entity (XXE) attacks work. saxes itself never loads external entities.
import { SaxesParser } from 'saxes'
import { SheetError, sheetErrors } from './errors'

export interface XmlHandlers {
  open(name: string, attributes: Record<string, string>): void
  close(name: string): void
  text(text: string): void
}

function localName(name: string): string {
  const colon = name.indexOf(':')
  return colon === -1 ? name : name.slice(colon + 1)
}

/**
 * Characters accepted between two tags. saxes holds text until the next tag, so a part that is one long run
 * of text would be held whole; the longest honest run is a cell at Excel's limit with every character written
 * as an entity (`&#x10FFFF;`).
 */
export const MAX_TEXT_RUN = 32_767 * 10

export class XmlStream {
  private readonly parser = new SaxesParser({ position: false })
  private readonly decoder = new TextDecoder('utf-8')
  /** Characters since the last `<`. */
  private run = 0

  constructor(
    private readonly file: string,
    private readonly part: string,
    handlers: XmlHandlers
  ) {
    const parser = this.parser
    parser.on('doctype', () => {
      throw sheetErrors.unsafeXml(file, part)
    })
    parser.on('opentag', (tag) =>
      handlers.open(localName(tag.name), tag.attributes as Record<string, string>)
    )
    parser.on('closetag', (tag) => handlers.close(localName(tag.name)))
    parser.on('text', handlers.text)
    parser.on('cdata', handlers.text)
  }

  write(chunk: Buffer | string): void {
    const text = typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true })
    const lastTag = text.lastIndexOf('<')
    this.run = lastTag === -1 ? this.run + text.length : text.length - lastTag
    if (this.run > MAX_TEXT_RUN) throw sheetErrors.textRun(this.file, MAX_TEXT_RUN, this.part)
    this.guard(() => this.parser.write(text))
  }

  close(): void {
    this.guard(() => {
      this.parser.write(this.decoder.decode())
      this.parser.close()
    })
  }

  private guard(step: () => void): void {
    try {
      step()
    } catch (error) {
      if (error instanceof SheetError) throw error
      throw sheetErrors.corrupt(this.file, new Error(`${this.part}: ${(error as Error).message}`))
    }
  }
}

/** Parses a whole part already read. */
export function parseXml(file: string, part: string, xml: string, handlers: XmlHandlers): void {
  const stream = new XmlStream(file, part, handlers)
  stream.write(xml)
  stream.close()
}
