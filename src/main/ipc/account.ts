// Handlers for the Truora account itself: custom types, account settings, continuous checks and database
// health. They go to whichever connection is active (the Sandbox by default).
import type { ContinuousCheckView, CustomTypeView } from '../../shared/contract'
import { COUNTRY_UTC_OFFSET_SECONDS, todayIn } from '../../shared/checks/account'
import type { Core } from '../core'
import type { ContinuousCheck, CustomType } from '../truora/types'
import type { HandlerMap } from './dispatch'

function customTypeView(type: CustomType): CustomTypeView {
  return { country: type.country, type: type.type, weights: type.weights }
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

async function collect<T>(pages: AsyncIterable<T[]>): Promise<T[]> {
  const all: T[] = []
  for await (const page of pages) all.push(...page)
  return all
}

/** Midnight of a YYYY-MM-DD day in a country's time zone, as Unix seconds. */
function dayStart(date: string, offsetSeconds: number): number {
  return Date.parse(`${date}T00:00:00Z`) / 1000 - offsetSeconds
}

export function accountHandlers(
  core: Core
): Pick<
  HandlerMap,
  | 'account:customTypes'
  | 'account:saveCustomType'
  | 'account:deleteCustomType'
  | 'account:updateSettings'
  | 'account:continuousChecks'
  | 'account:updateContinuousCheck'
  | 'account:continuousHistory'
  | 'account:health'
> {
  return {
    'account:customTypes': async () => (await (await core.client()).listCustomTypes()).map(customTypeView),
    'account:saveCustomType': async ({ country, type, weights, mode }) => {
      const client = await core.client()
      const request = { country, type, weights }
      if (mode === 'create') await client.createCustomType(request)
      else await client.updateCustomType(request)
      return (await client.listCustomTypes()).map(customTypeView)
    },
    'account:deleteCustomType': async ({ country, type }) => {
      const client = await core.client()
      await client.deleteCustomType(country, type)
      return (await client.listCustomTypes()).map(customTypeView)
    },
    'account:updateSettings': async (input) => {
      const saved = await (await core.client()).updateSettings(input)
      return {
        maxDuration: saved.maxDuration ?? input.maxDuration ?? null,
        namesMatchingType: saved.namesMatchingType ?? input.namesMatchingType ?? null,
        retries: saved.retries ?? input.retries ?? null
      }
    },
    'account:continuousChecks': async () =>
      (await collect((await core.client()).listContinuousChecks())).map(continuousView),
    'account:updateContinuousCheck': async ({ id, status, frequency }) => {
      const client = await core.client()
      await client.updateContinuousCheck(id, { status, frequency })
      return continuousView(await client.getContinuousCheck(id))
    },
    'account:continuousHistory': async ({ id }) =>
      (await collect((await core.client()).continuousCheckHistory(id))).map((change) => ({
        date: change.date,
        event: change.event,
        detail: JSON.stringify(change.raw)
      })),
    'account:health': async ({ country, date }) => {
      const offset = COUNTRY_UTC_OFFSET_SECONDS[country]
      const day = date ?? todayIn(country)
      const entries = await (
        await core.client()
      ).health(country, {
        at: dayStart(day, offset) * 1000,
        tzOffsetSeconds: offset
      })
      return {
        country,
        date: day,
        tzOffsetSeconds: offset,
        databases: entries.map((e) => ({
          name: e.databaseName,
          dataSets: e.dataSets,
          hourly: e.hourlyStatus
        }))
      }
    }
  }
}
