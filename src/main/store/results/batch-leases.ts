// Leases: which process works on a batch. Whatever runs Lote on a data folder — the desktop app, `lote serve`,
// `lote run`, `lote resume` — takes a batch's lease before working on it and renews it while it does; another
// process finds it held and leaves the batch alone, saying who holds it. A lease whose holder stopped renewing
// it (the process died, or froze) can be taken over. Every change of hands happens in one immediate
// transaction, so two processes can never both believe they hold a batch.
import type { Database } from './database'
import { now } from './codec'

/** Who a process is, as other processes (and the analyst) see it. */
export interface LeaseHolder {
  /** Unique per running worker (a process may run more than one, in tests). */
  id: string
  /** What it is, for people: "lote run", "lote serve", "the desktop app". */
  name: string
  host: string
  pid: number
}

/** A lease as found in the store. */
export interface Lease extends LeaseHolder {
  batchId: string
  /** What the lease is for: running the batch, or reading its file into a draft. */
  purpose: LeasePurpose
  acquiredAt: string
  /** Epoch ms of the holder's last renewal. */
  renewedAt: number
}

export type LeasePurpose = 'run' | 'read'

interface LeaseRecord {
  batch_id: string
  purpose: LeasePurpose
  holder_id: string
  holder_name: string
  host: string
  pid: number
  acquired_at: string
  renewed_at: number
}

function toLease(r: LeaseRecord): Lease {
  return {
    batchId: r.batch_id,
    purpose: r.purpose,
    id: r.holder_id,
    name: r.holder_name,
    host: r.host,
    pid: r.pid,
    acquiredAt: r.acquired_at,
    renewedAt: r.renewed_at
  }
}

/** The batch is held by another live process. */
export class LeaseHeld extends Error {
  constructor(readonly lease: Lease) {
    super(`Batch ${lease.batchId} is held by ${lease.name} (process ${lease.pid} on ${lease.host}).`)
    this.name = 'LeaseHeld'
  }
}

/** This process no longer holds the batch it was working on: another took it over. */
export class LeaseLost extends Error {
  constructor(readonly batchId: string) {
    super(`Another process took over batch ${batchId}.`)
    this.name = 'LeaseLost'
  }
}

export interface LeasePolicy {
  /** A lease not renewed for this long is free to take over. */
  staleAfterMs: number
}

export class BatchLeases {
  constructor(private readonly db: Database) {}

  /**
   * Takes the batch's lease for `holder`, or renews it if already its own. Throws LeaseHeld when another
   * holder renewed it recently and `isGone` does not say that holder is gone.
   */
  acquire(
    batchId: string,
    purpose: LeasePurpose,
    holder: LeaseHolder,
    at: number,
    policy: LeasePolicy,
    isGone: (lease: Lease) => boolean = () => false
  ): { tookOverFrom: Lease | null } {
    return this.db.transaction(() => {
      const current = this.current(batchId)
      if (current && current.id !== holder.id) {
        const stale = at - current.renewedAt > policy.staleAfterMs
        if (!stale && !isGone(current)) throw new LeaseHeld(current)
      }
      this.db
        .sql(
          `INSERT INTO batch_leases (batch_id, purpose, holder_id, holder_name, host, pid, acquired_at, renewed_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (batch_id) DO UPDATE SET purpose = excluded.purpose, holder_id = excluded.holder_id,
             holder_name = excluded.holder_name, host = excluded.host, pid = excluded.pid,
             acquired_at = CASE WHEN batch_leases.holder_id = excluded.holder_id THEN batch_leases.acquired_at
                                ELSE excluded.acquired_at END,
             renewed_at = excluded.renewed_at`
        )
        .run(batchId, purpose, holder.id, holder.name, holder.host, holder.pid, now(), at)
      return { tookOverFrom: current && current.id !== holder.id ? current : null }
    })
  }

  /** Renews a lease this holder has; false when it no longer has it. */
  renew(batchId: string, holderId: string, at: number): boolean {
    return (
      this.db
        .sql('UPDATE batch_leases SET renewed_at = ? WHERE batch_id = ? AND holder_id = ?')
        .run(at, batchId, holderId).changes === 1
    )
  }

  /** Throws LeaseLost unless `holderId` holds the batch. Call inside the transaction of the write it guards. */
  assertHeld(batchId: string, holderId: string): void {
    const held = this.db
      .sql('SELECT 1 FROM batch_leases WHERE batch_id = ? AND holder_id = ?')
      .get(batchId, holderId)
    if (!held) throw new LeaseLost(batchId)
  }

  release(batchId: string, holderId: string): void {
    this.db.sql('DELETE FROM batch_leases WHERE batch_id = ? AND holder_id = ?').run(batchId, holderId)
  }

  current(batchId: string): Lease | null {
    const record = this.db.sql('SELECT * FROM batch_leases WHERE batch_id = ?').get(batchId) as
      LeaseRecord | undefined
    return record ? toLease(record) : null
  }
}
