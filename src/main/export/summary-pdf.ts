// The batch's summary as a PDF laid out for printing and signing, in the analyst's language: a title page with
// the batch's facts, its rows counted by risk, decision and state, and the score chart in the risk legend's
// colours; then the people who need attention, each with the reason and the analyst's decision; the rows whose
// result was taken from an earlier check, each with that check's id, date and batch; a reviewer block; and page
// numbers on every page. Built from the results store alone.
import PDFDocument from 'pdfkit'
import { once } from 'node:events'
import { openFileWriter, writeAtomically } from './file-writer'
import { HIGH_RISK_BELOW, REVIEW_BELOW, needsAttention } from '../../shared/checks/risk'
import { personDocument, personName } from '../../shared/person'
import { RISK_COLOURS, riskLabel } from './risk-style'
import type { RiskLevel } from '../../shared/batch'
import type { ResultRow } from '../../shared/results'
import type { ResultsReader } from '../store/results/results-store'
import { ENGLISH_UTC, originText, rowNotes, rowStatus, type ExportOptions } from './columns'
import { reportLocale, type ReportLocale } from './i18n'
import { batchFacts, countTables } from './report-facts'

export interface PdfExportResult {
  file: string
  pages: number
  attentionRows: number
}

/** Rows listed by name; beyond this the PDF says how many more there are. */
const MAX_LISTED = 500
const MARGIN = 50
const FOOTER = 28
const INK = '#1f2328'
const MUTED = '#57606a'
const RULE = '#d0d7de'

export async function exportSummaryPdf(
  store: ResultsReader,
  batchId: string,
  file: string,
  options: ExportOptions = ENGLISH_UTC
): Promise<PdfExportResult> {
  return writeAtomically(file, (temporary) => writeSummaryPdf(store, batchId, temporary, file, options))
}

/** The level a score bucket is drawn in: the same limits as the risk rules, the same colours as the legend. */
export function bucketLevel(index: number, bins: number): RiskLevel {
  const top = (index + 1) / bins
  return top <= HIGH_RISK_BELOW ? 'high' : top <= REVIEW_BELOW ? 'medium' : 'low'
}

type Doc = PDFKit.PDFDocument

function sectionTitle(doc: Doc, text: string): void {
  doc.x = MARGIN
  doc.moveDown(0.8)
  doc.font('Helvetica-Bold').fontSize(13).fillColor(INK).text(text)
  doc.moveDown(0.3)
}

function swatch(doc: Doc, x: number, y: number, colour: string): void {
  doc
    .save()
    .rect(x, y + 1, 9, 9)
    .fill(colour)
    .restore()
}

/** The counts by risk, by decision and by state, side by side. */
function drawCounts(doc: Doc, locale: ReportLocale, store: ResultsReader, batchId: string, width: number) {
  const batch = store.batches.get(batchId)
  const tables = countTables(locale, store, batch)
  const column = width / tables.length
  const top = doc.y
  let bottom = top
  tables.forEach((table, index) => {
    const x = MARGIN + index * column
    let y = top
    doc
      .font('Helvetica-Bold')
      .fontSize(10)
      .fillColor(INK)
      .text(table.title, x, y, { width: column - 10 })
    y = doc.y + 3
    for (const entry of table.rows) {
      const colour = index === 0 ? RISK_COLOURS[entry.key as RiskLevel]?.strong : undefined
      const indent = colour ? 14 : 0
      if (colour) swatch(doc, x, y, colour)
      doc.font('Helvetica').fontSize(9).fillColor(INK)
      doc.text(entry.label, x + indent, y, { width: column - 50 - indent })
      doc.text(locale.number(entry.count), x + column - 48, y, { width: 36, align: 'right' })
      y = Math.max(doc.y, y + 12) + 1
    }
    bottom = Math.max(bottom, y)
  })
  doc.x = MARGIN
  doc.y = bottom + 8
}

/** Ten bars over 0..1 in the legend's colours, drawn as shapes so the chart stays sharp at any zoom. */
function drawChart(doc: Doc, locale: ReportLocale, histogram: number[], width: number): void {
  const { t } = locale
  const top = doc.y + 12
  const height = 110
  const peak = Math.max(1, ...histogram)
  const slot = width / histogram.length
  doc
    .moveTo(MARGIN, top + height)
    .lineTo(MARGIN + width, top + height)
    .lineWidth(0.5)
    .stroke('#8c959f')
  histogram.forEach((count, index) => {
    const barHeight = (count / peak) * height
    const x = MARGIN + index * slot + 4
    const level = bucketLevel(index, histogram.length)
    if (barHeight > 0)
      doc.rect(x, top + height - barHeight, slot - 8, barHeight).fill(RISK_COLOURS[level].strong)
    doc.fillColor(INK).font('Helvetica').fontSize(8)
    doc.text(locale.number(count), x, top + height - barHeight - 10, { width: slot - 8, align: 'center' })
    const from = locale.score(index / histogram.length).replace(/0$/, '')
    const to = locale.score((index + 1) / histogram.length).replace(/0$/, '')
    doc.fillColor(MUTED).text(`${from}–${to}`, x, top + height + 3, { width: slot - 8, align: 'center' })
  })
  // The legend of the bars: the app's words and colours for the levels the limits give.
  let x = MARGIN
  const y = top + height + 18
  for (const level of ['high', 'medium', 'low'] as const) {
    swatch(doc, x, y, RISK_COLOURS[level].strong)
    const label = riskLabel(t, level)
    doc
      .fillColor(INK)
      .fontSize(8)
      .text(label, x + 13, y + 1, { lineBreak: false })
    x += 13 + doc.widthOfString(label) + 18
  }
  doc.x = MARGIN
  doc.y = y + 16
  doc
    .fillColor(MUTED)
    .fontSize(8)
    .text(
      t('results.export.report.chartNote', {
        high: locale.score(HIGH_RISK_BELOW),
        review: locale.score(REVIEW_BELOW)
      }),
      { width }
    )
}

interface AttentionColumn {
  header: string
  width: number
  text(row: ResultRow): string
}

function attentionColumns(locale: ReportLocale, width: number): AttentionColumn[] {
  const { t } = locale
  const fixed = 30 + 105 + 75 + 65 + 80
  return [
    { header: t('results.columns.row'), width: 30, text: (row) => String(row.row) },
    {
      header: t('results.columns.name'),
      width: 105,
      text: (row) => `${personName(row) || '—'}\n${personDocument(row)}`
    },
    {
      header: t('results.columns.risk'),
      width: 75,
      text: (row) => (row.checkId && row.risk ? riskLabel(t, row.risk) : rowStatus(locale, row))
    },
    {
      header: t('results.export.columns.notes'),
      width: width - fixed,
      // A result taken from an earlier check says which one, under the reason.
      text: (row) => [rowNotes(locale, row), originText(locale, row)].filter(Boolean).join('\n')
    },
    {
      header: t('decisions.title'),
      width: 65,
      text: (row) =>
        row.decision ? t(`decisions.values.${row.decision.decision}`) : t('decisions.values.undecided')
    },
    {
      header: t('results.export.columns.decidedBy'),
      width: 80,
      text: (row) =>
        row.decision ? `${row.decision.decidedBy}\n${locale.dateTime(row.decision.decidedAt)}` : ''
    }
  ]
}

function bottomOf(doc: Doc): number {
  return doc.page.height - MARGIN - FOOTER
}

function drawHeaderRow(doc: Doc, columns: AttentionColumn[]): void {
  let x = MARGIN
  const y = doc.y
  doc.font('Helvetica-Bold').fontSize(8).fillColor(INK)
  let height = 0
  for (const column of columns) {
    height = Math.max(height, doc.heightOfString(column.header, { width: column.width - 6 }))
    doc.text(column.header, x, y, { width: column.width - 6 })
    x += column.width
  }
  doc
    .moveTo(MARGIN, y + height + 3)
    .lineTo(x, y + height + 3)
    .lineWidth(0.8)
    .stroke(INK)
  doc.y = y + height + 6
}

/** One row of a table; the cell at `riskColumn` (none when -1) is bold with the risk's colour beside it. */
function drawAttentionRow(doc: Doc, columns: AttentionColumn[], row: ResultRow, riskColumn = 2): void {
  doc.font('Helvetica').fontSize(8)
  const texts = columns.map((column) => column.text(row))
  const height = Math.max(
    ...texts.map((text, i) => doc.heightOfString(text, { width: columns[i].width - 6 }))
  )
  if (doc.y + height + 4 > bottomOf(doc)) {
    doc.addPage()
    drawHeaderRow(doc, columns)
  }
  const y = doc.y
  let x = MARGIN
  const colour = row.checkId && row.risk ? RISK_COLOURS[row.risk].strong : undefined
  texts.forEach((text, i) => {
    if (i === riskColumn && colour) swatch(doc, x, y - 1, colour)
    doc
      .font(i === riskColumn ? 'Helvetica-Bold' : 'Helvetica')
      .fillColor(INK)
      .text(text, i === riskColumn && colour ? x + 12 : x, y, {
        width: columns[i].width - 6 - (i === riskColumn && colour ? 12 : 0)
      })
    x += columns[i].width
  })
  doc
    .moveTo(MARGIN, y + height + 2)
    .lineTo(x, y + height + 2)
    .lineWidth(0.4)
    .stroke(RULE)
  doc.x = MARGIN
  doc.y = y + height + 5
}

/** Every row whose result was taken from an earlier check: the row, the person and that check's origin. */
function drawReusedRows(
  doc: Doc,
  locale: ReportLocale,
  store: ResultsReader,
  batchId: string,
  width: number
) {
  const { t } = locale
  const reused = store.batches.get(batchId).reuse?.reused ?? 0
  if (reused === 0) return
  sectionTitle(doc, t('reuse.export.pdfTitle'))
  doc
    .font('Helvetica')
    .fontSize(9)
    .fillColor(MUTED)
    .text(t('reuse.export.pdfNote', { n: locale.number(reused) }), { width })
  doc.moveDown(0.5)
  const columns: AttentionColumn[] = [
    { header: t('results.columns.row'), width: 30, text: (row) => String(row.row) },
    {
      header: t('results.columns.name'),
      width: 135,
      text: (row) => `${personName(row) || '—'}\n${personDocument(row)}`
    },
    { header: t('reuse.export.origin'), width: width - 165, text: (row) => originText(locale, row) }
  ]
  let listed = 0
  for (const row of store.results.each(batchId)) {
    if (row.origin?.kind !== 'reused') continue
    if (++listed > MAX_LISTED) break
    if (listed === 1) drawHeaderRow(doc, columns)
    drawAttentionRow(doc, columns, row, -1)
  }
  if (reused > MAX_LISTED)
    doc
      .font('Helvetica')
      .fontSize(9)
      .fillColor(INK)
      .text(t('reuse.export.pdfMore', { n: locale.number(reused - MAX_LISTED) }), MARGIN, doc.y, { width })
}

/** Where the reviewer signs: name, date, signature and the decision on the batch. */
function drawReviewBlock(doc: Doc, locale: ReportLocale, width: number, reviewer: string): void {
  const { t } = locale
  if (doc.y + 150 > bottomOf(doc)) doc.addPage()
  sectionTitle(doc, t('results.export.report.review'))
  doc.font('Helvetica').fontSize(9).fillColor(MUTED).text(t('results.export.report.reviewNote'), { width })
  doc.moveDown(0.8)
  const lines = [
    [t('results.export.report.reviewedBy'), reviewer],
    [t('results.export.report.role'), ''],
    [t('results.export.report.date'), ''],
    [t('results.export.report.signature'), '']
  ]
  for (const [label, value] of lines) {
    const y = doc.y + 14
    doc.font('Helvetica').fontSize(9).fillColor(INK).text(label, MARGIN, y, { width: 120 })
    if (value) doc.text(value, MARGIN + 125, y - 1, { width: width - 125 })
    doc
      .moveTo(MARGIN + 120, y + 10)
      .lineTo(MARGIN + width, y + 10)
      .lineWidth(0.5)
      .stroke('#8c959f')
    doc.y = y + 14
  }
  doc.x = MARGIN
}

/** "Page 2 of 5", the batch and when the report was made, at the foot of every page. */
function drawFooters(doc: Doc, locale: ReportLocale, batchName: string, made: string): number {
  const range = doc.bufferedPageRange()
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i)
    // Writing below the bottom margin would start a new page: the footer is drawn with none.
    const bottom = doc.page.margins.bottom
    doc.page.margins.bottom = 0
    const y = doc.page.height - MARGIN + 4
    const width = doc.page.width - 2 * MARGIN
    doc
      .moveTo(MARGIN, y - 6)
      .lineTo(MARGIN + width, y - 6)
      .lineWidth(0.4)
      .stroke(RULE)
    doc.font('Helvetica').fontSize(8).fillColor(MUTED)
    doc.text(`Lote · ${batchName} · ${made}`, MARGIN, y, { width: width - 100, lineBreak: false })
    doc.text(
      locale.t('results.export.report.page', { n: i + 1, total: range.count }),
      MARGIN + width - 100,
      y,
      { width: 100, align: 'right', lineBreak: false }
    )
    doc.page.margins.bottom = bottom
  }
  return range.count
}

async function writeSummaryPdf(
  store: ResultsReader,
  batchId: string,
  temporary: string,
  file: string,
  options: ExportOptions
): Promise<PdfExportResult> {
  const locale = reportLocale(options.language, options.timeZone)
  const { t } = locale
  const batch = store.batches.get(batchId)
  const title = t('results.export.summaryTitle', { name: batch.name })
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, left: MARGIN, right: MARGIN, bottom: MARGIN + FOOTER },
    bufferPages: true,
    lang: options.language,
    info: { Title: title, Creator: 'Lote' }
  })
  const out = openFileWriter(temporary)
  doc.pipe(out.stream)
  const width = doc.page.width - 2 * MARGIN
  const now = new Date()

  // Title page: what ran, how it ended, the counts and the chart.
  doc.font('Helvetica').fontSize(9).fillColor(MUTED).text(t('results.export.report.kicker'))
  doc.font('Helvetica-Bold').fontSize(20).fillColor(INK).text(batch.name, { width })
  doc.moveDown(0.6)
  for (const [label, value] of batchFacts(locale, batch, now)) {
    const y = doc.y
    doc.font('Helvetica-Bold').fontSize(9).fillColor(MUTED).text(label, MARGIN, y, { width: 130 })
    doc
      .font('Helvetica')
      .fillColor(INK)
      .text(value, MARGIN + 135, y, { width: width - 135 })
    doc.y = Math.max(doc.y, y + 12)
  }
  sectionTitle(doc, t('results.export.report.counts'))
  drawCounts(doc, locale, store, batchId, width)
  sectionTitle(doc, t('results.export.report.chart'))
  drawChart(doc, locale, store.results.scoreHistogram(batchId, 10), width)

  // The people who need attention, on their own pages.
  doc.addPage()
  sectionTitle(doc, t('results.export.report.attention'))
  doc.font('Helvetica').fontSize(9).fillColor(MUTED).text(t('results.export.report.attentionNote'), { width })
  doc.moveDown(0.5)
  const columns = attentionColumns(locale, width)
  let attention = 0
  for (const row of store.results.each(batchId)) {
    if (!needsAttention({ risk: row.checkId ? row.risk : null, state: row.state })) continue
    attention++
    if (attention > MAX_LISTED) continue
    if (attention === 1) drawHeaderRow(doc, columns)
    drawAttentionRow(doc, columns, row)
  }
  doc.font('Helvetica').fontSize(9).fillColor(INK)
  if (attention === 0) doc.text(t('results.export.report.nobody'), MARGIN, doc.y, { width })
  if (attention > MAX_LISTED)
    doc.text(t('results.export.report.more', { n: locale.number(attention - MAX_LISTED) }), MARGIN, doc.y, {
      width
    })

  drawReusedRows(doc, locale, store, batchId, width)
  drawReviewBlock(doc, locale, width, options.reviewer ?? '')
  const pages = drawFooters(doc, locale, batch.name, `${locale.dateTime(now)} (${locale.timeZone})`)
  doc.end()
  // The document ends the stream it is piped into; only then is the file closed.
  await Promise.race([once(out.stream, 'finish'), once(out.stream, 'close')]).catch(() => undefined)
  await out.close()
  return { file, pages, attentionRows: attention }
}
