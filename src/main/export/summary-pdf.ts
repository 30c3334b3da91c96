// A one-look summary of a batch as PDF: what ran, how it ended, how the scores spread (drawn as vector bars),
// and the rows an analyst must look at. Built from the results store alone.
import PDFDocument from 'pdfkit'
import { once } from 'node:events'
import { openFileWriter, writeAtomically } from './file-writer'
import { needsAttention } from '../../shared/checks/risk'
import { RISK_COLOURS, riskLabel } from './risk-style'
import type { RiskLevel } from '../../shared/batch'
import type { ResultsReader } from '../store/results/results-store'
import { riskWhy, rowStatus } from './columns'
import { reportLocale } from './i18n'

export interface PdfExportResult {
  file: string
  pages: number
  attentionRows: number
}

/** Rows listed by name; beyond this the PDF says how many more there are. */
const MAX_LISTED = 500
const MARGIN = 50

const english = reportLocale('en', 'UTC')

export async function exportSummaryPdf(
  store: ResultsReader,
  batchId: string,
  file: string
): Promise<PdfExportResult> {
  return writeAtomically(file, (temporary) => writeSummaryPdf(store, batchId, temporary, file))
}

async function writeSummaryPdf(
  store: ResultsReader,
  batchId: string,
  temporary: string,
  file: string
): Promise<PdfExportResult> {
  const batch = store.batches.get(batchId)
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    info: { Title: `Lote — ${batch.name}`, Creator: 'Lote' }
  })
  const out = openFileWriter(temporary)
  doc.pipe(out.stream)
  const width = doc.page.width - 2 * MARGIN

  doc.font('Helvetica-Bold').fontSize(18).text(`Batch summary: ${batch.name}`)
  doc.moveDown(0.3)
  doc.font('Helvetica').fontSize(10).fillColor('#444444')
  const facts = [
    `Batch ${batch.id}`,
    `File ${batch.fileName ?? '—'}${batch.sheet ? `, sheet ${batch.sheet}` : ''}`,
    `${batch.country ?? 'Mixed countries'} · ${batch.type ?? 'mixed types'} · ${batch.engine === 'direct' ? 'direct engine' : 'Truora batch'}`,
    `Status ${batch.status}${batch.statusMessage ? ` (${batch.statusMessage})` : ''}`,
    `Created ${batch.createdAt}${batch.finishedAt ? `, finished ${batch.finishedAt}` : ''}`,
    batch.authorization
      ? `Authorisation confirmed ${batch.authorization.confirmedAt} (connection ${batch.authorization.profileId})`
      : 'Authorisation not recorded'
  ]
  for (const line of facts) doc.text(line)
  doc.fillColor('#000000').moveDown()

  const c = batch.counts
  doc.font('Helvetica-Bold').fontSize(13).text('Rows')
  doc.font('Helvetica').fontSize(10)
  const countLines: [string, number][] = [
    ['Sent to Truora', batch.total],
    ['Completed', c.completed],
    ['Ended in error', c.error],
    ['Could not be created', c.failed],
    ['Still running', c.running + c.creating + c.pending],
    ['Cancelled', c.cancelled],
    ['Not sent (errors in the file)', c.skipped]
  ]
  for (const [label, value] of countLines) doc.text(`${label}: ${value}`)
  doc.moveDown()

  const risks = store.results.riskCounts(batchId)
  doc.font('Helvetica-Bold').fontSize(13).text('Risk')
  doc.font('Helvetica').fontSize(10)
  for (const level of ['high', 'medium', 'low', 'unknown'] as RiskLevel[]) {
    const y = doc.y
    doc.rect(MARGIN, y + 1, 9, 9).fillAndStroke(RISK_COLOURS[level].strong, '#888888')
    doc.fillColor('#000000').text(`${riskLabel(english.t, level)}: ${risks[level]}`, MARGIN + 15, y)
  }
  doc.x = MARGIN
  doc.moveDown()

  // Score distribution: ten bars over 0..1, drawn as shapes so the chart stays sharp at any zoom.
  const histogram = store.results.scoreHistogram(batchId, 10)
  doc.font('Helvetica-Bold').fontSize(13).text('Score distribution (0 = high risk, 1 = low risk)')
  const chartTop = doc.y + 8
  const chartHeight = 120
  const peak = Math.max(1, ...histogram)
  const slot = width / histogram.length
  doc
    .moveTo(MARGIN, chartTop + chartHeight)
    .lineTo(MARGIN + width, chartTop + chartHeight)
    .stroke('#888888')
  histogram.forEach((count, index) => {
    const barHeight = (count / peak) * chartHeight
    const x = MARGIN + index * slot + 4
    const level: RiskLevel = index < 5 ? 'high' : index < 8 ? 'medium' : 'low'
    if (barHeight > 0)
      doc.rect(x, chartTop + chartHeight - barHeight, slot - 8, barHeight).fill(RISK_COLOURS[level].strong)
    doc.fillColor('#000000').fontSize(8)
    doc.text(String(count), x, chartTop + chartHeight - barHeight - 10, { width: slot - 8, align: 'center' })
    doc.text(`${(index / 10).toFixed(1)}–${((index + 1) / 10).toFixed(1)}`, x, chartTop + chartHeight + 3, {
      width: slot - 8,
      align: 'center'
    })
  })
  doc.x = MARGIN
  doc.y = chartTop + chartHeight + 24
  doc.moveDown()

  doc.font('Helvetica-Bold').fontSize(13).text('Rows that need attention')
  doc.font('Helvetica').fontSize(9)
  let attention = 0
  for (const row of store.results.each(batchId)) {
    if (!needsAttention({ risk: row.checkId ? row.risk : null, state: row.state })) continue
    attention++
    if (attention > MAX_LISTED) continue
    const who = [row.inputs.first_name, row.inputs.last_name, row.inputs.company_name]
      .filter(Boolean)
      .join(' ')
    const id =
      row.inputs.national_id ?? row.inputs.foreign_id ?? row.inputs.tax_id ?? row.inputs.license_plate ?? ''
    const why =
      row.state === 'failed'
        ? `no check: ${row.lastError ?? 'failed'}`
        : `${row.risk && row.checkId ? riskLabel(english.t, row.risk) : rowStatus(row)}: ${riskWhy(row)}`
    doc.text(`Row ${row.row}  ${who || '—'}  ${id}  ${row.checkId ?? ''}  — ${why}`, { width })
  }
  if (attention === 0) doc.text('None: every check came back low risk.')
  if (attention > MAX_LISTED)
    doc.text(`… and ${attention - MAX_LISTED} more. The xlsx export lists them all.`)

  const pages = doc.bufferedPageRange().count
  doc.end()
  // The document ends the stream it is piped into; only then is the file closed.
  await Promise.race([once(out.stream, 'finish'), once(out.stream, 'close')]).catch(() => undefined)
  await out.close()
  return { file, pages, attentionRows: attention }
}
