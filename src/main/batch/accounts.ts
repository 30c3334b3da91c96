// Where the batch service gets a Truora client: always the account a batch runs on (its Sandbox address or
// its profile's account), never another.
import type {
  AccountClient,
  AccountRates,
  BatchConnection,
  ClientListeners
} from '../connections/connections'
import type { BatchSummary } from '../../shared/batch'

/** Where the service gets a client for the account a batch runs on (Connections, in the app). */
export interface AccountClients {
  clientForBatch(
    batch: BatchConnection,
    rates?: AccountRates,
    listen?: ClientListeners
  ): Promise<AccountClient>
}

/**
 * The client for a batch: on the profile given, else the batch's own, else the one that authorised it; at
 * the batch's Sandbox address when it has one; paced by the batch's rates.
 */
export function clientForBatch(
  accounts: AccountClients,
  batch: BatchSummary,
  profileId?: string | null,
  listen?: ClientListeners
): Promise<AccountClient> {
  return accounts.clientForBatch(
    {
      profileId: profileId ?? batch.profileId ?? batch.authorization?.profileId ?? null,
      endpoint: batch.options.endpoint
    },
    batch.options,
    listen
  )
}
