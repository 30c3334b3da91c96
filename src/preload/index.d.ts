import type { LoteBridge } from '../shared/bridge'

declare global {
  interface Window {
    api?: LoteBridge
  }
}
