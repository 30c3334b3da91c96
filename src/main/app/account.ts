// Account: what the analyst manages on the Truora account itself — custom types, account settings, continuous
// checks and database health — always on the active connection (the Sandbox by default).
import type { ContinuousCheckView, CustomTypeView, HealthReport } from '../../shared/contract'
import { COUNTRY_UTC_OFFSET_SECONDS, todayIn } from '../../shared/checks/account'
import {
  customTypeKey,
  kindFromDatasets,
  type Country,
  type CustomTypeKind,
  type CustomTypeKinds
} from '../../shared/checks/inputs'
import type { SettingsStore } from '../store/settings'
import type { Connections } from '../connections/connections'
import type { CustomTypeRequest, SettingsRequest } from '../truora/client'
import type { ContinuousCheck, CustomType } from '../truora/types'

/** A custom type with what it checks: the analyst's word first, else what its datasets make clear. */
function customTypeView(type: CustomType, stated: CustomTypeKinds): CustomTypeView {
  const said = stated[customTypeKey(type.country, type.type)]
  const derived = kindFromDatasets(type.weights.map((w) => w.dataSet))
  return {
    country: type.country,
    type: type.type,
    weights: type.weights,
    kind: said ?? derived,
    kindSource: said ? 'analyst' : derived ? 'datasets' : null
  }
}

function continuousView(item: ContinuousCheck): ContinuousCheckView {
  return {
    id: item.id,
    checkId: item.check?.id ?? null,
    country: item.check?.country ?? null,
    type: item.check?.type ?? null,
    score: item.check?.score ?? null,
    frequency: item.frequency,
    status: item.status,
    scoreStatus: item.scoreStatus,
    counter: item.counter,
    endDate: item.endDate,
    nextRunDate: item.nextRunDate
  }
}

/** The plain values of a history entry other than its date and event, as "status: enabled, frequency: monthly". */
function describeChange(raw: Record<string, unknown>): string {
  return Object.entries(raw)
    .filter(([key, value]) => !['date', 'creation_date', 'event'].includes(key) && isPlain(value))
    .map(([key, value]) => `${key.replace(/_/g, ' ')}: ${String(value)}`)
    .join(', ')
}

function isPlain(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
}

async function collect<T>(pages: AsyncIterable<T[]>): Promise<T[]> {
  const all: T[] = []
  for await (const page of pages) all.push(...page)
  return all
}

/** Midnight of a YYYY-MM-DD day in a country's time zone, as Unix seconds. */
function dayStart(date: string, offsetSeconds: number): number {
  return Date.parse(`${date}T00:00:00Z`) / 1000 - offsetSeconds
}

export class Account {
  constructor(
    private readonly connections: Connections,
    private readonly settings: SettingsStore
  ) {}

  private async client() {
    return (await this.connections.client()).client
  }

  private views(types: CustomType[]): CustomTypeView[] {
    const stated = this.statedCustomTypeKinds()
    return types.map((type) => customTypeView(type, stated))
  }

  async customTypes(): Promise<CustomTypeView[]> {
    return this.views(await (await this.client()).listCustomTypes())
  }

  /** What the analyst said the active connection's custom types check, by `COUNTRY/type`. */
  statedCustomTypeKinds(): CustomTypeKinds {
    return { ...this.settings.get().customTypeKinds[this.connections.activeProfileId()] }
  }

  /** Records what a custom type of the active connection checks (null forgets it); returns the types. */
  async setCustomTypeKind(
    country: string,
    type: string,
    kind: CustomTypeKind | null
  ): Promise<CustomTypeView[]> {
    const profileId = this.connections.activeProfileId()
    this.settings.update((s) => {
      const byType = { ...s.customTypeKinds[profileId] }
      if (kind) byType[customTypeKey(country, type)] = kind
      else delete byType[customTypeKey(country, type)]
      s.customTypeKinds = { ...s.customTypeKinds, [profileId]: byType }
    })
    return this.customTypes()
  }

  /**
   * What each custom type of the active connection checks: the analyst's word, else what its datasets make
   * clear (from Truora's /v1/config). Types neither says are left out: their rows are not blocked.
   */
  async customTypeKinds(): Promise<CustomTypeKinds> {
    const stated = this.statedCustomTypeKinds()
    const kinds: CustomTypeKinds = {}
    for (const type of await (await this.client()).listCustomTypes()) {
      const key = customTypeKey(type.country, type.type)
      const kind = stated[key] ?? kindFromDatasets(type.weights.map((w) => w.dataSet))
      if (kind) kinds[key] = kind
    }
    return kinds
  }

  /** Creates or changes a custom type; returns the account's types as they are now. */
  async saveCustomType(request: CustomTypeRequest, mode: 'create' | 'update'): Promise<CustomTypeView[]> {
    const client = await this.client()
    if (mode === 'create') await client.createCustomType(request)
    else await client.updateCustomType(request)
    return this.views(await client.listCustomTypes())
  }

  async deleteCustomType(country: string, type: string): Promise<CustomTypeView[]> {
    const client = await this.client()
    await client.deleteCustomType(country, type)
    return this.views(await client.listCustomTypes())
  }

  /** Saves account settings; what Truora does not echo back reads as what was sent. */
  async updateSettings(input: SettingsRequest) {
    const saved = await (await this.client()).updateSettings(input)
    return {
      maxDuration: saved.maxDuration ?? input.maxDuration ?? null,
      namesMatchingType: saved.namesMatchingType ?? input.namesMatchingType ?? null,
      retries: saved.retries ?? input.retries ?? null
    }
  }

  async continuousChecks(): Promise<ContinuousCheckView[]> {
    return (await collect((await this.client()).listContinuousChecks())).map(continuousView)
  }

  async updateContinuousCheck(
    id: string,
    change: { status?: 'enabled' | 'disabled'; frequency?: string }
  ): Promise<ContinuousCheckView> {
    const client = await this.client()
    // The version must match the key's, or Truora runs the hooks as version 0 (its default).
    const { keyVersion } = await this.connections.connection()
    await client.updateContinuousCheck(id, { ...change, version: keyVersion ?? 0 })
    return continuousView(await client.getContinuousCheck(id))
  }

  /** What happened to a continuous check, oldest first; each change says what it set, in words. */
  async continuousHistory(id: string) {
    return (await collect((await this.client()).continuousCheckHistory(id))).map((change) => ({
      date: change.date,
      event: change.event,
      detail: describeChange(change.raw)
    }))
  }

  /** How the country's databases answered hour by hour on a day (today there by default). */
  async health(country: Country, date?: string): Promise<HealthReport> {
    const offset = COUNTRY_UTC_OFFSET_SECONDS[country]
    const day = date ?? todayIn(country)
    const entries = await (
      await this.client()
    ).health(country, { at: dayStart(day, offset) * 1000, tzOffsetSeconds: offset })
    return {
      country,
      date: day,
      tzOffsetSeconds: offset,
      databases: entries.map((e) => ({ name: e.databaseName, dataSets: e.dataSets, hourly: e.hourlyStatus }))
    }
  }
}
