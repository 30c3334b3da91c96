// Where every Truora client is made, and the one rate limiter of each account they share. A client built here
// carries its connection's key (registered for redaction first), reports what Truora says of a stored key, and
// logs only the structure of answers in a shape Lote does not know.
import { TruoraClient, type TruoraClientOptions } from '../truora/client'
import type { UnknownShapeListener } from '../truora/types'
import { unknownShapeLogLine } from '../truora/parse'
import type { Clock } from '../truora/clock'
import { RateLimiter } from '../truora/rate-limiter'
import type { Keys } from './keys'
import type { AccountClient, AccountRates, ClientListeners, Connection, ConnectionsOptions } from './types'

const DEFAULT_RATES: AccountRates = { requestsPerSecond: 10, maxRequestsPerSecond: 20 }

export class AccountClients {
  private readonly limiters = new Map<string, RateLimiter>()
  constructor(
    private readonly options: ConnectionsOptions,
    private readonly clock: Clock,
    private readonly keys: Keys
  ) {}

  /**
   * The one rate limiter of an account, shared by batches and every other request the app makes with it, so
   * together they stay within what Truora accepts. The first caller's rates set where it starts.
   */
  limiterFor(profileId: string, rates: AccountRates = DEFAULT_RATES): RateLimiter {
    let limiter = this.limiters.get(profileId)
    if (!limiter) {
      limiter = new RateLimiter({
        rate: rates.requestsPerSecond,
        maxRate: Math.max(rates.requestsPerSecond, rates.maxRequestsPerSecond),
        // Retry-After already pauses everyone; a gentle cut keeps the rate near the limit instead of half.
        decreaseFactor: 0.75,
        clock: this.clock
      })
      this.limiters.set(profileId, limiter)
    }
    return limiter
  }

  /** A client for `connection` with the limiter kept under `limiterKey`; `listen` hears what its answers say. */
  account(
    connection: Connection,
    limiterKey: string,
    rates: AccountRates | undefined,
    listen: ClientListeners
  ): AccountClient {
    const limiter = this.limiterFor(limiterKey, rates)
    return {
      profileId: limiterKey,
      kind: connection.kind,
      client: this.build(
        connection,
        { limiter, onReachability: listen.onReachability },
        listen.onUnknownShape
      ),
      limiter,
      keyVersion: connection.keyVersion ?? 0
    }
  }

  /** Where every client is made. */
  build(
    connection: Connection,
    extra: Partial<TruoraClientOptions>,
    onUnknownShape?: UnknownShapeListener
  ): TruoraClient {
    // Every request made with a stored key tells its state: a batch that meets a refused key marks it refused,
    // and the wizard then refuses to start another until the key is replaced.
    const tracked = connection.kind === 'truora' && !connection.keyFromEnvironment
    return new TruoraClient({
      onKeyAnswer: tracked
        ? (answer) => this.keys.record(connection.profileId, answer === 'accepted' ? 'works' : 'refused')
        : undefined,
      onUnknownShape: (report) => {
        // Only the structure of the answer is logged, never its values.
        this.options.log.warn(unknownShapeLogLine(report))
        onUnknownShape?.(report)
      },
      checksBaseUrl: connection.checksBaseUrl,
      batchBaseUrl: connection.batchBaseUrl,
      apiKey: this.keys.remember(connection.apiKey),
      clock: this.clock,
      userAgent: 'Lote',
      ...this.options.clientTuning,
      ...extra
    })
  }
}
