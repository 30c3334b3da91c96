// Builds the narrow `window.api` from the contract: one function per channel, grouped by domain, plus a
// subscription to contract events. Nothing else from Electron or Node reaches the page.
import { contextBridge, ipcRenderer, webUtils } from 'electron'
import { CHANNEL_NAMES, isEventName } from '../shared/contract'
import type { LoteBridge } from '../shared/bridge'

type Domain = Record<string, (input?: unknown) => Promise<unknown>>

function buildApi(): LoteBridge {
  const api: Record<string, Domain> = {}
  for (const channel of CHANNEL_NAMES) {
    const [domain, verb] = channel.split(':') as [string, string]
    api[domain] ??= {}
    api[domain][verb] = (input?: unknown) => ipcRenderer.invoke(channel, input)
  }
  return {
    ...(api as unknown as Omit<LoteBridge, 'onEvent' | 'pathForFile'>),
    onEvent(listener) {
      const wrapped = (_event: Electron.IpcRendererEvent, message: { name: string; payload: unknown }) => {
        if (isEventName(message.name)) listener(message as never)
      }
      ipcRenderer.on('lote:event', wrapped)
      return () => {
        ipcRenderer.removeListener('lote:event', wrapped)
      }
    },
    pathForFile: (file) => webUtils.getPathForFile(file)
  }
}

contextBridge.exposeInMainWorld('api', buildApi())
