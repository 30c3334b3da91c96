// "Test key": one cheap authenticated read, reported as a plain sentence.
import type { Logger } from './log'
import type { Connection } from './profiles'
import { TruoraClient } from './truora/client'
import { isTruoraError } from './truora/errors'

export async function testConnection(
  connection: Connection,
  log: Logger
): Promise<{ ok: boolean; code?: string; message: string }> {
  const client = new TruoraClient({ ...connection, maxRetries: 1, timeoutMs: 15_000 })
  try {
    const types = await client.listCustomTypes()
    const where = connection.kind === 'sandbox' ? 'the Sandbox' : new URL(connection.checksBaseUrl).host
    return { ok: true, message: `${where} accepted the key (${types.length} custom types on the account).` }
  } catch (error) {
    if (!isTruoraError(error)) throw error
    log.info(`Key test for ${connection.profileId} failed: ${error.kind}`)
    return { ok: false, code: error.kind, message: error.message }
  }
}
