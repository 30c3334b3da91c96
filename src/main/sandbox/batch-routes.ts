// The Sandbox's routes for Truora's batch API: create, read, stop, start, the report, and the presigned-style
// upload links and report file links, which take no API key.
import { ApiError, json } from './http'
import { ID, route, type Route, type SandboxHost } from './routes'

export function batchRoutes(sandbox: SandboxHost): Route[] {
  return [
    route('POST', '/v1/batches', '/v1/batches', ({ form }) =>
      json(201, sandbox.world.batches.create(form, sandbox.origin))
    ),
    route('GET', `/v1/batches/${ID}`, '/v1/batches/{batch_id}', (_ctx, [batchId]) =>
      json(200, sandbox.world.batches.view(sandbox.world.batches.get(batchId)))
    ),
    route('PUT', `/v1/batches/${ID}`, '/v1/batches/{batch_id}', (_ctx, [batchId]) =>
      json(200, sandbox.world.batches.stop(batchId))
    ),
    route('POST', `/v1/batches/${ID}/start`, '/v1/batches/{batch_id}/start', (_ctx, [batchId]) =>
      json(200, sandbox.world.batches.start(batchId))
    ),
    route('POST', `/v1/batches/${ID}/report`, '/v1/batches/{batch_id}/report', ({ form }, [batchId]) =>
      json(200, sandbox.world.batches.requestReport(batchId, form))
    ),
    route('GET', `/v1/batches/${ID}/report`, '/v1/batches/{batch_id}/report', async (_ctx, [batchId]) => {
      const report = sandbox.world.batches.reportReady(batchId)
      if (!report) throw new ApiError(404, 'The report is not ready yet')
      if (sandbox.knobs.reportDelivery === 'link')
        return json(200, {
          batch_id: batchId,
          format: report.format,
          report_url: `${sandbox.origin}/__files/reports/${batchId}/${report.token}.${report.format}`
        })
      const file = await sandbox.world.batches.reportFile(batchId, report.format)
      return {
        status: 200,
        bytes: file.bytes,
        contentType: file.contentType,
        headers: { 'Content-Disposition': `attachment; filename="${batchId}.${report.format}"` }
      }
    }),
    // Upload links and file links: presigned-style, no API key.
    route('PUT', `/__uploads/${ID}/${ID}`, '/__uploads/{batch_id}/{token}', ({ body }, [batchId, token]) => {
      sandbox.world.batches.upload(batchId, token, body)
      return json(200, { uploaded: true, bytes: body.length })
    }),
    route(
      'GET',
      `/__files/reports/${ID}/([^/.]+)\\.(xlsx|csv)`,
      '/__files/reports/{batch_id}/{file}',
      async (_ctx, [batchId, token]) => {
        const report = sandbox.world.batches.reportByToken(batchId, token)
        const file = await sandbox.world.batches.reportFile(batchId, report.format)
        return { status: 200, bytes: file.bytes, contentType: file.contentType }
      }
    )
  ]
}
