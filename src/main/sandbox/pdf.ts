// Real, small PDFs: the check report of /v1/checks/{id}/pdf and the certificates behind attachments.
import PDFDocument from 'pdfkit'

export interface PdfSection {
  heading: string
  lines: string[]
}

/** A fixed creation date keeps the bytes repeatable for the same check and moment. */
export function renderPdf(title: string, sections: PdfSection[], createdAt: Date): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      margin: 50,
      info: { Title: title, Producer: 'Lote Sandbox', CreationDate: createdAt }
    })
    const chunks: Buffer[] = []
    doc.on('data', (chunk: Buffer) => chunks.push(chunk))
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
    doc.fontSize(18).text(title)
    doc.moveDown()
    for (const section of sections) {
      doc.fontSize(13).text(section.heading)
      doc.fontSize(10)
      for (const line of section.lines) doc.text(line)
      doc.moveDown()
    }
    doc.end()
  })
}
