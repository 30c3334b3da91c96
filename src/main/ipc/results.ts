// Handlers for reviewing results: the grid, its charts, one check in detail (from the store, or from Truora
// for what is only there: details in another language, the summary, attachments, the PDF), and exports.
import { writeFileSync } from 'node:fs'
import type { CheckView, DetailView } from '../../shared/results'
import { AppError } from '../../shared/result'
import type { Core } from '../core'
import { exportBatch, exportCheckPdfsToZip } from '../export'
import type { TruoraClient } from '../truora/client'
import type { CheckDetail } from '../truora/types'
import { parseCheck } from '../truora/parse'
import type { StoredCheck } from '../store/results/result-queries'
import type { HandlerMap } from './dispatch'

function detailView(detail: CheckDetail): DetailView {
  return {
    id: detail.id,
    dataSet: detail.dataSet,
    databaseName: detail.databaseName,
    result: detail.result,
    severity: detail.severity,
    tables: detail.tables.map((table) => ({
      title: table.title,
      rows: table.rows.map((row) => row.cells.map((cell) => ({ label: cell.label, value: cell.value })))
    }))
  }
}

/** Details as stored when the batch ran: the raw API objects, read with the same tolerance as the client. */
function storedDetailView(raw: Record<string, unknown>): DetailView {
  const text = (v: unknown) => (typeof v === 'string' ? v : null)
  const tables = Array.isArray(raw.tables) ? (raw.tables as Record<string, unknown>[]) : []
  return {
    id: text(raw.id),
    dataSet: text(raw.data_set),
    databaseName: text(raw.database_name),
    result: text(raw.result),
    severity: text(raw.severity),
    tables: tables.map((table) => ({
      title: text(table.title) ?? '',
      rows: (Array.isArray(table.rows)
        ? (table.rows as { cells?: { label?: unknown; value?: unknown }[] }[])
        : []
      ).map((row) =>
        (row.cells ?? []).map((cell) => ({
          label: String(cell.label ?? ''),
          value: String(cell.value ?? '')
        }))
      )
    }))
  }
}

/** A stored check as the drawer shows it: the databases' answers read from Truora's JSON here, not there. */
function checkView(check: StoredCheck): CheckView {
  let databases: CheckView['databases'] = []
  try {
    databases = parseCheck(check.raw).statuses.map((s) => ({
      name: s.databaseName,
      dataSet: s.dataSet,
      status: s.status,
      invalidInputs: s.invalidInputs
    }))
  } catch {
    // A reading Lote cannot parse still shows its scores and datasets.
  }
  return {
    checkId: check.checkId,
    batchId: check.batchId,
    row: check.row,
    status: check.status,
    score: check.score,
    idScore: check.idScore,
    nameScore: check.nameScore,
    risk: check.risk,
    createdAt: check.createdAt,
    updatedAt: check.updatedAt,
    finalAt: check.finalAt,
    lastError: check.lastError,
    datasets: check.datasets,
    databases,
    detailsStored: check.details.length > 0,
    pdfStored: check.files.some((f) => f.kind === 'check-pdf')
  }
}

const EXPORT_NAMES = { xlsx: 'results.xlsx', csv: 'results.csv', pdf: 'summary.pdf', pdfs: 'check-pdfs.zip' }

/** Truora builds a PDF on request; it answers 404 until it is ready. */
const PDF_WAIT_MS = 60_000

export function resultHandlers(
  core: Core
): Pick<
  HandlerMap,
  | 'results:query'
  | 'results:stats'
  | 'results:check'
  | 'results:details'
  | 'results:summary'
  | 'results:attachments'
  | 'results:attachment'
  | 'results:pdf'
  | 'results:deleteCheck'
  | 'results:export'
> {
  const { batches } = core

  const clientForCheck = async (checkId: string): Promise<TruoraClient> => {
    const check = batches.check(checkId)
    const batch = batches.get(check.batchId)
    return core.client(batch.profileId ?? undefined)
  }

  return {
    'results:query': ({ batchId, query }) => batches.rows(batchId, query),
    'results:stats': ({ batchId }) => batches.stats(batchId),
    'results:check': ({ checkId }) => checkView(batches.check(checkId)),
    'results:details': async ({ checkId, lang }) => {
      const stored = batches.check(checkId).details
      if (!lang && stored.length > 0) return stored.map((d) => storedDetailView(d.raw))
      try {
        const client = await clientForCheck(checkId)
        const details: DetailView[] = []
        for await (const page of client.listDetails(checkId, { lang })) details.push(...page.map(detailView))
        return details
      } catch (error) {
        // Offline, or the check is gone from Truora: what was stored when the batch ran is still worth showing.
        if (stored.length > 0) return stored.map((d) => storedDetailView(d.raw))
        throw error
      }
    },
    'results:summary': async ({ checkId }) => ({
      text: (await (await clientForCheck(checkId)).summarize(checkId)).text
    }),
    'results:attachments': async ({ checkId }) => {
      const list = await (await clientForCheck(checkId)).attachments(checkId)
      return list.map((a, index) => ({
        index,
        name: a.fileName ?? `${a.databaseName ?? 'attachment'}-${index + 1}.pdf`,
        dataSet: a.dataSet,
        databaseName: a.databaseName
      }))
    },
    'results:attachment': async ({ checkId, index }) => {
      const client = await clientForCheck(checkId)
      const attachment = (await client.attachments(checkId))[index]
      if (!attachment) throw new AppError('not_found', 'That attachment is no longer listed for this check.')
      const bytes = await client.downloadAttachment(attachment)
      const path = core.files.exportPath(attachment.fileName ?? `${checkId}-${index + 1}.pdf`)
      writeFileSync(path, bytes)
      return core.files.registerPath(path)
    },
    'results:pdf': async ({ checkId, lang }) => {
      const stored = batches.check(checkId).files.find((f) => f.kind === 'check-pdf')
      if (stored && !lang) return core.files.registerPath(stored.path)
      const client = await clientForCheck(checkId)
      await client.requestPdf(checkId)
      const deadline = Date.now() + PDF_WAIT_MS
      for (;;) {
        try {
          const bytes = await client.downloadPdf(checkId, { lang })
          const path = core.files.exportPath(`${checkId}${lang ? `-${lang}` : ''}.pdf`)
          writeFileSync(path, bytes)
          return core.files.registerPath(path)
        } catch (error) {
          const notReady = error instanceof Error && 'kind' in error && error.kind === 'not_found'
          if (!notReady || Date.now() > deadline) throw error
          await new Promise((resolve) => setTimeout(resolve, 1000))
        }
      }
    },
    'results:deleteCheck': async ({ checkId }) => {
      await (await clientForCheck(checkId)).deleteCheck(checkId)
      batches.forgetCheck(checkId)
      return null
    },
    'results:export': async ({ batchId, format }) => {
      const batch = batches.get(batchId)
      const name = `${batch.name}-${EXPORT_NAMES[format]}`
      const path = core.files.exportPath(name)
      if (format === 'pdfs') await exportCheckPdfsToZip(core.results, batchId, path)
      else await exportBatch(core.results, batchId, format, path)
      return core.files.registerPath(path)
    }
  }
}
