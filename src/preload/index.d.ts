import type { LoteBridge } from './bridge'

declare global {
  interface Window {
    api?: LoteBridge
  }
}
