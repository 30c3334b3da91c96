// Handlers for the Truora account itself: custom types, account settings, continuous checks and database
// health, on whichever connection is active (the Sandbox by default).
import type { Application } from '../app/index'
import type { HandlerMap } from './dispatch'

export function accountHandlers({
  account
}: Application): Pick<
  HandlerMap,
  | 'account:customTypes'
  | 'account:saveCustomType'
  | 'account:setCustomTypeKind'
  | 'account:deleteCustomType'
  | 'account:updateSettings'
  | 'account:continuousChecks'
  | 'account:updateContinuousCheck'
  | 'account:continuousHistory'
  | 'account:health'
> {
  return {
    'account:customTypes': () => account.customTypes(),
    'account:saveCustomType': ({ mode, ...type }) => account.saveCustomType(type, mode),
    'account:setCustomTypeKind': ({ country, type, kind }) => account.setCustomTypeKind(country, type, kind),
    'account:deleteCustomType': ({ country, type }) => account.deleteCustomType(country, type),
    'account:updateSettings': (input) => account.updateSettings(input),
    'account:continuousChecks': () => account.continuousChecks(),
    'account:updateContinuousCheck': ({ id, ...change }) => account.updateContinuousCheck(id, change),
    'account:continuousHistory': ({ id }) => account.continuousHistory(id),
    'account:health': ({ country, date }) => account.health(country, date)
  }
}
