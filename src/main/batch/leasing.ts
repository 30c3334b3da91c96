// One worker per batch, whatever runs: this process's side of the leases kept in the results store. A job
// takes its batch's lease before it starts, renews it while it runs, writes to the ledger only while it still
// holds it (each write checks in the same transaction), and lets go when it ends. Another process — the
// desktop app, `lote serve`, `lote run`, `lote resume` — that finds the lease held by a live holder leaves the
// batch alone and says who has it; a lease whose holder died, or stopped renewing it, is taken over.
import { randomUUID } from 'node:crypto'
import { hostname } from 'node:os'
import { AppError } from '../../shared/result'
import type { CheckLedger, EngineLedger } from '../store/results/check-ledger'
import {
  LeaseHeld,
  type Lease,
  type LeaseHolder,
  type LeasePolicy,
  type LeasePurpose
} from '../store/results/batch-leases'
import type { ResultsStore } from '../store/results/results-store'
import type { Clock } from '../truora/clock'

export interface LeaseTiming extends LeasePolicy {
  /** How often a holder renews its leases. */
  renewEveryMs: number
}

export const DEFAULT_LEASE_TIMING: LeaseTiming = { renewEveryMs: 5_000, staleAfterMs: 30_000 }

/** The ledger methods that only read; every other one writes and is fenced. */
const LEDGER_READS = new Set<keyof EngineLedger>([
  'workRows',
  'openChecks',
  'completionTimes',
  'checkState',
  'rowOfCheck'
])

/** Whether the process of a lease is known to be gone: on this machine, and no such process runs. */
function holderIsGone(lease: Lease): boolean {
  if (lease.host !== hostname() || lease.pid === process.pid) return false
  try {
    process.kill(lease.pid, 0)
    return false
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH'
  }
}

/** "lote run (process 4120 on this computer, since 14:02 UTC)". */
export function describeHolder(lease: Lease): string {
  const where = lease.host === hostname() ? 'this computer' : lease.host
  const since = lease.acquiredAt.slice(11, 16)
  return `${lease.name} (process ${lease.pid} on ${where}, since ${since} UTC)`
}

export class Leasing {
  readonly holder: LeaseHolder
  private readonly timers = new Map<string, NodeJS.Timeout>()

  constructor(
    private readonly store: Pick<ResultsStore, 'db' | 'leases' | 'ledger' | 'journal'>,
    name: string,
    private readonly clock: Clock,
    readonly timing: LeaseTiming = DEFAULT_LEASE_TIMING
  ) {
    this.holder = { id: randomUUID(), name, host: hostname(), pid: process.pid }
  }

  /**
   * Takes the batch's lease (or keeps it, if already ours). Refuses, naming the holder, when another live
   * process has it; takes it over from a holder that died or stopped renewing.
   */
  take(batchId: string, purpose: LeasePurpose): void {
    try {
      const { tookOverFrom } = this.store.leases.acquire(
        batchId,
        purpose,
        this.holder,
        this.clock.now(),
        this.timing,
        holderIsGone
      )
      if (tookOverFrom)
        this.store.journal.add(batchId, 'lease-taken-over', null, {
          from: { name: tookOverFrom.name, pid: tookOverFrom.pid, host: tookOverFrom.host },
          to: { name: this.holder.name, pid: this.holder.pid, host: this.holder.host }
        })
    } catch (error) {
      if (error instanceof LeaseHeld) throw heldError(error.lease)
      throw error
    }
  }

  /** The live lease another process holds on the batch, if any. */
  heldElsewhere(batchId: string): Lease | null {
    const lease = this.store.leases.current(batchId)
    if (!lease || lease.id === this.holder.id) return null
    const stale = this.clock.now() - lease.renewedAt > this.timing.staleAfterMs
    return stale || holderIsGone(lease) ? null : lease
  }

  /** Throws (a conflict naming the holder) when another live process works on the batch. */
  refuseIfHeldElsewhere(batchId: string): void {
    const lease = this.heldElsewhere(batchId)
    if (lease) throw heldError(lease)
  }

  /** Renews the lease until released; `onLost` is called once if another process took it over. */
  keepRenewed(batchId: string, onLost: () => void): void {
    this.stopRenewing(batchId)
    const timer = setInterval(() => {
      let held: boolean
      try {
        held = this.store.leases.renew(batchId, this.holder.id, this.clock.now())
      } catch {
        // The database is busy or the disk full: try again at the next tick; staleness allows for it.
        return
      }
      if (!held) {
        this.stopRenewing(batchId)
        onLost()
      }
    }, this.timing.renewEveryMs)
    timer.unref()
    this.timers.set(batchId, timer)
  }

  private stopRenewing(batchId: string): void {
    clearInterval(this.timers.get(batchId))
    this.timers.delete(batchId)
  }

  release(batchId: string): void {
    this.stopRenewing(batchId)
    try {
      this.store.leases.release(batchId, this.holder.id)
    } catch {
      // Left behind, it goes stale and is taken over: nothing else depends on it.
    }
  }

  /** Throws LeaseLost unless this process holds the batch. */
  fence(batchId: string): () => void {
    return () => this.store.leases.assertHeld(batchId, this.holder.id)
  }

  /** Runs a write only while this process holds the batch, in one transaction with the check. */
  fenced<T>(batchId: string, write: () => T): T {
    return this.store.db.transaction(() => {
      this.store.leases.assertHeld(batchId, this.holder.id)
      return write()
    })
  }

  /** The ledger an engine of this batch writes through: every write checks the lease in its transaction. */
  fencedLedger(batchId: string): EngineLedger {
    const ledger: CheckLedger = this.store.ledger
    return new Proxy(ledger, {
      get: (target, property, receiver) => {
        const value = Reflect.get(target, property, receiver) as unknown
        if (typeof value !== 'function' || LEDGER_READS.has(property as keyof EngineLedger)) return value
        return (...args: unknown[]) =>
          this.fenced(batchId, () => (value as (...a: unknown[]) => unknown).apply(target, args))
      }
    })
  }
}

function heldError(lease: Lease): AppError {
  return new AppError(
    'conflict',
    `This batch is being worked on by ${describeHolder(lease)}. Lote leaves it alone here; follow or stop it there.`
  )
}
