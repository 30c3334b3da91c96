// The Sandbox's routes for checks: create (the rules in check-request.ts), list, read, delete, details,
// summary, attachments, a check's PDF (ready a little after it is asked for), and database health.
import { readCreateRequest } from './check-request'
import type { CheckStore } from './check-store'
import { healthReport } from './health'
import { ApiError, json, paginate } from './http'
import { renderPdf } from './pdf'
import { ID, route, startKey, type Route, type SandboxHost } from './routes'

/** Simulated time a check's PDF takes to be ready after it is asked for. */
const PDF_DELAY_SIM_MS = 2000

export function checkRoutes(sandbox: SandboxHost): Route[] {
  return [
    route('POST', '/v1/checks', '/v1/checks', ({ form }) => {
      const { check, created } = sandbox.world.checks.create(
        readCreateRequest(form, (c, t) => sandbox.world.types.weightsFor(c, t))
      )
      return json(created ? 201 : 200, sandbox.world.checks.output(check))
    }),
    route('GET', '/v1/checks', '/v1/checks', (ctx) => {
      const reportId = ctx.url.searchParams.get('report_id')
      const checks = sandbox.world.checks.list(reportId)
      const self = reportId ? `/v1/checks?report_id=${encodeURIComponent(reportId)}` : '/v1/checks'
      const page = paginate(
        checks,
        (check) => check.id,
        startKey(ctx),
        sandbox.knobs.pageSize,
        (key) => (reportId ? `${self}&start_key=${key}` : `${self}?start_key=${key}`)
      )
      return json(200, {
        checks: page.items.map((check) => sandbox.world.checks.view(check)),
        next: page.next,
        self
      })
    }),
    route('GET', '/v1/health', '/v1/health', (ctx) =>
      json(200, healthReport(ctx.url.searchParams, sandbox.knobs, sandbox.clock.now()))
    ),
    route('GET', `/v1/checks/${ID}`, '/v1/checks/{check_id}', (_ctx, [checkId]) =>
      json(200, sandbox.world.checks.output(sandbox.world.checks.get(checkId)))
    ),
    route('DELETE', `/v1/checks/${ID}`, '/v1/checks/{check_id}', (_ctx, [checkId]) => {
      sandbox.world.checks.get(checkId)
      if (sandbox.world.continuous.protects(checkId))
        throw new ApiError(400, 'This check is the first one of a continuous check and cannot be deleted.')
      sandbox.world.checks.delete(checkId)
      return json(200, { check_id: checkId, message: 'The check was deleted' })
    }),
    route('GET', `/v1/checks/${ID}/details`, '/v1/checks/{check_id}/details', (ctx, [checkId]) =>
      json(
        200,
        sandbox.world.checks.details(
          sandbox.world.checks.get(checkId),
          ctx.url.searchParams.get('lang'),
          startKey(ctx),
          sandbox.knobs.pageSize
        )
      )
    ),
    route('GET', `/v1/checks/${ID}/summarize`, '/v1/checks/{check_id}/summarize', (_ctx, [checkId]) =>
      json(200, sandbox.world.checks.summarize(sandbox.world.checks.get(checkId)))
    ),
    route('GET', `/v1/checks/${ID}/attachments`, '/v1/checks/{check_id}/attachments', (_ctx, [checkId]) =>
      json(200, sandbox.world.checks.attachments(sandbox.world.checks.get(checkId), sandbox.origin))
    ),
    route(
      'GET',
      `/v1/checks/${ID}/attachments/${ID}`,
      '/v1/checks/{check_id}/attachments/{attachment_id}',
      async (_ctx, [checkId, attachmentId]) => {
        const check = sandbox.world.checks.get(checkId)
        const db = sandbox.world.checks.attachment(check, attachmentId)
        const bytes = await renderPdf(
          `Certificado - ${db.db.name}`,
          [
            {
              heading: 'Consulta',
              lines: [
                `Check: ${check.id}`,
                `Base de datos: ${db.db.name}`,
                `Resultado: ${db.found === 'none' ? 'Sin registros' : 'Con registros'}`
              ]
            }
          ],
          new Date(check.createdReal)
        )
        return { status: 200, bytes, contentType: 'application/pdf' }
      }
    ),
    route('POST', `/v1/checks/${ID}/pdf`, '/v1/checks/{check_id}/pdf', (_ctx, [checkId]) => {
      const check = sandbox.world.checks.get(checkId)
      check.pdfRequestedSim ??= sandbox.clock.simNow()
      return json(200, { pdf_path: `/v1/checks/${check.id}/pdf` })
    }),
    route('GET', `/v1/checks/${ID}/pdf`, '/v1/checks/{check_id}/pdf', async (ctx, [checkId]) => {
      const check = sandbox.world.checks.get(checkId)
      if (
        check.pdfRequestedSim === undefined ||
        sandbox.clock.simNow() < check.pdfRequestedSim + PDF_DELAY_SIM_MS
      )
        throw new ApiError(404, 'Resource not found')
      return {
        status: 200,
        bytes: await checkPdf(sandbox.world.checks, checkId, ctx.url.searchParams.get('lang')),
        contentType: 'application/pdf'
      }
    })
  ]
}

/** The check's PDF, in Spanish or English: its status, score, datasets and summary now. */
async function checkPdf(checks: CheckStore, checkId: string, lang: string | null): Promise<Buffer> {
  const check = checks.get(checkId)
  const view = checks.view(check)
  const english = lang === 'en'
  const scores = (view.scores as { data_set: string; result: string; score: number }[] | undefined) ?? []
  return renderPdf(
    english ? `Background check ${check.id}` : `Verificación de antecedentes ${check.id}`,
    [
      {
        heading: english ? 'Check' : 'Consulta',
        lines: [
          `${english ? 'Country' : 'País'}: ${check.country}`,
          `${english ? 'Type' : 'Tipo'}: ${check.type}`,
          `${english ? 'Status' : 'Estado'}: ${String(view.status)}`,
          `${english ? 'Score' : 'Puntaje'}: ${String(view.score)}`
        ]
      },
      {
        heading: english ? 'Datasets' : 'Conjuntos de datos',
        lines: scores.map((score) => `${score.data_set}: ${score.result} (${score.score})`)
      },
      { heading: english ? 'Summary' : 'Resumen', lines: [String(checks.summarize(check).summary)] }
    ],
    new Date(check.createdReal)
  )
}
