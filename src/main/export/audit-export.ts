// The audit log as a file for an auditor: csv (one entry a line, the hashes included so the chain can be
// checked elsewhere) or a PDF that lists the entries and says whether the chain verified.
import PDFDocument from 'pdfkit'
import type { AuditEntry, AuditVerification } from '../../shared/audit'
import { csvLine } from './csv'

const HEADER = ['seq', 'at', 'user', 'connection', 'action', 'details', 'prev', 'hash']

export function auditCsv(entries: AuditEntry[]): Buffer {
  let text = '\ufeff' + csvLine(HEADER)
  for (const e of entries)
    text += csvLine([
      { number: String(e.seq) },
      e.at,
      e.user,
      e.connection,
      e.action,
      JSON.stringify(e.details),
      e.prev,
      e.hash
    ])
  return Buffer.from(text, 'utf8')
}

const TEXTS: Record<
  string,
  { title: string; verified: string; broken: string; generated: string; none: string }
> = {
  en: {
    title: 'Lote audit log',
    verified: 'The chain of {n} entries verifies: no entry was changed, removed or reordered.',
    broken: 'The chain breaks at entry {seq} (line {line}): the log was changed there.',
    generated: 'Generated',
    none: 'No entries match.'
  },
  es: {
    title: 'Registro de auditoría de Lote',
    verified: 'La cadena de {n} entradas se verifica: ninguna entrada fue cambiada, borrada ni reordenada.',
    broken: 'La cadena se rompe en la entrada {seq} (línea {line}): el registro fue cambiado ahí.',
    generated: 'Generado',
    none: 'Ninguna entrada coincide.'
  },
  'pt-BR': {
    title: 'Registro de auditoria do Lote',
    verified: 'A cadeia de {n} entradas é verificada: nenhuma entrada foi alterada, removida ou reordenada.',
    broken: 'A cadeia se rompe na entrada {seq} (linha {line}): o registro foi alterado ali.',
    generated: 'Gerado',
    none: 'Nenhuma entrada corresponde.'
  }
}

export async function auditPdf(
  entries: AuditEntry[],
  verification: AuditVerification,
  language: string,
  now: Date
): Promise<Buffer> {
  const t = TEXTS[language] ?? TEXTS.en
  const doc = new PDFDocument({ size: 'A4', margin: 40, info: { Title: t.title, Creator: 'Lote' } })
  const chunks: Buffer[] = []
  doc.on('data', (chunk: Buffer) => chunks.push(chunk))
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()))
  doc.fontSize(16).text(t.title)
  doc.fontSize(9).fillColor('#555').text(`${t.generated}: ${now.toISOString()}`)
  doc.moveDown(0.5)
  doc
    .fontSize(10)
    .fillColor(verification.ok ? '#18732f' : '#b42318')
    .text(
      verification.ok
        ? t.verified.replace('{n}', String(verification.entries))
        : t.broken
            .replace('{seq}', String(verification.brokenAt.seq))
            .replace('{line}', String(verification.brokenAt.line))
    )
  doc.moveDown(0.8).fillColor('#000')
  if (entries.length === 0) doc.fontSize(10).text(t.none)
  for (const e of entries) {
    doc
      .fontSize(9)
      .font('Helvetica-Bold')
      .text(`#${e.seq}  ${e.at}  ${e.action}  ${e.user}${e.connection ? ` · ${e.connection}` : ''}`)
    doc.font('Helvetica').fontSize(8).fillColor('#333').text(JSON.stringify(e.details))
    doc.fillColor('#888').text(`hash ${e.hash.slice(0, 16)}…  prev ${e.prev.slice(0, 16)}…`)
    doc.fillColor('#000').moveDown(0.4)
  }
  doc.end()
  await done
  return Buffer.concat(chunks)
}
