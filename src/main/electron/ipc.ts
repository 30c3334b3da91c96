// Carries the contract over Electron IPC: one ipcMain.handle per channel, each refusing senders that are not
// our own window's top frame, and events forwarded to every window.
import { ipcMain, type BrowserWindow, type WebFrameMain } from 'electron'
import { CHANNEL_NAMES, type EventName, type EventPayload } from '../../shared/contract'
import type { Dispatch } from '../ipc/dispatch'
import type { EventBus } from '../events'

export function registerIpc(
  dispatch: Dispatch,
  isTrustedFrame: (frame: WebFrameMain | null) => boolean
): void {
  for (const channel of CHANNEL_NAMES) {
    ipcMain.handle(channel, (event, payload: unknown) => {
      if (!isTrustedFrame(event.senderFrame)) {
        return { ok: false, error: { code: 'forbidden', message: 'This window may not call Lote.' } }
      }
      return dispatch(channel, payload)
    })
  }
}

export function forwardEvents(events: EventBus, windows: () => BrowserWindow[]): () => void {
  return events.subscribe(<E extends EventName>(name: E, payload: EventPayload<E>) => {
    for (const window of windows())
      if (!window.isDestroyed()) window.webContents.send('lote:event', { name, payload })
  })
}
