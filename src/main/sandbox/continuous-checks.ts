// Continuous checks: a check re-run on a frequency until an end date (docs/truora-api.md section 2.5).
// Runs are counted from the simulated clock when read.
import type { CheckStore } from './check-store'
import { isFrequency } from './check-request'
import { ApiError, isoDate, paginate, requireField } from './http'
import { seededHex } from './seeded'
import type { SimulatedClock } from './sim-clock'

const DAY = 86_400_000

/** Length of one period; months and years are counted as 30 and 365 days. */
export function periodMs(frequency: string): number {
  const named: Record<string, number> = { daily: DAY, weekly: 7 * DAY, monthly: 30 * DAY, yearly: 365 * DAY }
  if (named[frequency]) return named[frequency]
  const match = /^(\d+)([dwmy])$/.exec(frequency)
  if (!match || Number(match[1]) < 1)
    throw new ApiError(
      400,
      `frequency must be daily, weekly, monthly, yearly or like 3d, 2w, 1m, 1y, not "${frequency}".`
    )
  const unit = { d: DAY, w: 7 * DAY, m: 30 * DAY, y: 365 * DAY }[match[2] as 'd' | 'w' | 'm' | 'y']
  return Number(match[1]) * unit
}

interface Change {
  date: number
  event: 'created' | 'updated'
  status: string
  frequency: string
}

interface StoredContinuousCheck {
  id: string
  checkId: string
  frequency: string
  status: 'enabled' | 'disabled'
  version: number
  endSim: number
  endDate: string
  createdReal: number
  updatedReal: number
  /** Runs counted before the current enabled stretch began. */
  runsBefore: number
  /** Simulated start of the current enabled stretch; null while disabled. */
  activeSinceSim: number | null
  history: Change[]
}

export class ContinuousCheckStore {
  private readonly items = new Map<string, StoredContinuousCheck>()

  constructor(
    private readonly clock: SimulatedClock,
    private readonly checks: CheckStore,
    private readonly seed: () => number
  ) {}

  snapshot(): StoredContinuousCheck[] {
    return [...this.items.values()]
  }

  restore(state: StoredContinuousCheck[]): void {
    for (const item of state) this.items.set(item.id, item)
  }

  /** The first check of a continuous check cannot be deleted. */
  protects(checkId: string): boolean {
    return [...this.items.values()].some((item) => item.checkId === checkId)
  }

  create(form: URLSearchParams): unknown {
    const checkId = requireField(form, 'check_id')
    const frequency = requireField(form, 'frequency')
    const endDate = requireField(form, 'end_date')
    const version = form.get('version') ?? '0'
    if (version !== '0' && version !== '1')
      throw new ApiError(400, `version must be 0 or 1, not "${version}".`)
    this.checks.get(checkId)
    const period = periodMs(frequency)
    if (!isFrequency(frequency)) throw new ApiError(400, `Invalid frequency "${frequency}".`)
    const endReal = endOfDay(endDate)
    const now = this.clock.now()
    if (endReal < now + period)
      throw new ApiError(
        400,
        `end_date ${endDate} leaves no room for a run every ${frequency}; choose a later date.`
      )
    const id = `CCK${seededHex(32, 'continuous', this.seed(), this.items.size, checkId, now)}`
    const item: StoredContinuousCheck = {
      id,
      checkId,
      frequency,
      status: 'enabled',
      // The reference: "Version 0 is used by default".
      version: Number(version),
      endSim: this.clock.simNow() + (endReal - now),
      endDate,
      createdReal: now,
      updatedReal: now,
      runsBefore: 0,
      activeSinceSim: this.clock.simNow(),
      history: [{ date: now, event: 'created', status: 'enabled', frequency }]
    }
    this.items.set(id, item)
    return this.view(item)
  }

  update(id: string, form: URLSearchParams): unknown {
    const item = this.get(id)
    const status = form.get('status')
    const version = form.get('version')
    const frequency = form.get('frequency')
    if (status === null && version === null && frequency === null)
      throw new ApiError(400, 'Send at least one of status, version or frequency.')
    if (status !== null && status !== 'enabled' && status !== 'disabled')
      throw new ApiError(400, `status must be enabled or disabled, not "${status}".`)
    if (version !== null && version !== '0' && version !== '1')
      throw new ApiError(400, `version must be 0 or 1, not "${version}".`)
    if (frequency !== null) periodMs(frequency)
    // Close the current stretch so runs already made keep counting at the old frequency.
    item.runsBefore = this.counter(item)
    const simNow = this.clock.simNow()
    if (status) item.status = status
    if (version !== null) item.version = Number(version)
    if (frequency) item.frequency = frequency
    item.activeSinceSim = item.status === 'enabled' ? simNow : null
    item.updatedReal = this.clock.now()
    item.history.push({
      date: item.updatedReal,
      event: 'updated',
      status: item.status,
      frequency: item.frequency
    })
    return this.view(item)
  }

  get(id: string): StoredContinuousCheck {
    const item = this.items.get(id)
    if (!item) throw new ApiError(404, 'The continuous check was not found')
    return item
  }

  list(startKey: string | null, pageSize: number): unknown {
    const page = paginate(
      [...this.items.values()],
      (item) => item.id,
      startKey,
      pageSize,
      (key) => `/v1/continuous-checks?start_key=${key}`
    )
    return {
      continuous_checks: page.items.map((item) => this.view(item)),
      next: page.next,
      self: '/v1/continuous-checks'
    }
  }

  history(id: string, startKey: string | null, pageSize: number): unknown {
    const item = this.get(id)
    const entries = item.history.map((change, index) => ({
      change_id: `HKE${seededHex(32, 'change', item.id, index)}`,
      continuous_check_id: item.id,
      date: isoDate(change.date),
      event: change.event,
      status: change.status,
      frequency: change.frequency
    }))
    const path = `/v1/continuous-checks/${item.id}/history`
    const page = paginate(
      entries,
      (entry) => entry.change_id,
      startKey,
      pageSize,
      (key) => `${path}?start_key=${key}`
    )
    return { history: page.items, next: page.next, self: path }
  }

  private counter(item: StoredContinuousCheck): number {
    if (item.activeSinceSim === null) return item.runsBefore
    const until = Math.min(this.clock.simNow(), item.endSim)
    return item.runsBefore + Math.max(0, Math.floor((until - item.activeSinceSim) / periodMs(item.frequency)))
  }

  view(item: StoredContinuousCheck): Record<string, unknown> {
    const counter = this.counter(item)
    const period = periodMs(item.frequency)
    const nextSim =
      item.activeSinceSim === null ? null : item.activeSinceSim + (counter - item.runsBefore + 1) * period
    const check = this.checks.get(item.checkId)
    return {
      continuous_check_id: item.id,
      check: this.checks.view(check),
      frequency: item.frequency,
      status: item.status,
      version: item.version,
      score_status: counter === 0 ? 'new' : 'same',
      counter,
      end_date: item.endDate,
      next_run_date: nextSim !== null && nextSim <= item.endSim ? isoDate(this.clock.realAt(nextSim)) : '',
      creation_date: isoDate(item.createdReal),
      update_date: isoDate(item.updatedReal)
    }
  }
}

function endOfDay(date: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  const ms = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : Number.NaN
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date)
    throw new ApiError(400, `end_date must be a date written YYYY-MM-DD, not "${date}".`)
  return ms + DAY - 1
}
