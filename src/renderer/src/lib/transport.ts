// How the renderer reaches the backend, chosen once when the page loads: the preload's `window.api` in the
// desktop app, or the browser host over HTTP (where the session is an HttpOnly cookie the page never sees, so
// no URL, header or storage of the page holds a secret). Both answer every call with the same envelope.
import type { LoteBridge, BridgeEvent } from '../../../shared/bridge'
import type { Channel, Download, FileRefView } from '../../../shared/contract'
import type { Envelope } from '../../../shared/result'

export interface Transport {
  readonly desktop: boolean
  invoke(channel: Channel, input: unknown): Promise<Envelope<unknown>>
  /** Starts delivering backend events; returns the function that stops. */
  listen(deliver: (event: BridgeEvent) => void): () => void
  /** Hands a dropped or chosen file to the backend: by path on the desktop, by upload in a browser. */
  openFile(file: File): Promise<Envelope<FileRefView>>
  /** Gives the analyst a file Lote made; false when they closed the save dialog. */
  save(download: Download): Promise<Envelope<boolean>>
  /** Asks, once, for whatever showing notifications later needs (a browser's permission). */
  prepareNotifications(): void
  /** A notification of the system; false when none could be shown. */
  notify(title: string, body: string): Promise<boolean>
}

function desktopTransport(api: LoteBridge): Transport {
  const bridge = api as unknown as Record<string, Record<string, (i: unknown) => Promise<Envelope<unknown>>>>
  const invoke = (channel: Channel, input: unknown) => {
    const [domain, verb] = channel.split(':') as [string, string]
    return bridge[domain][verb](input)
  }
  return {
    desktop: true,
    invoke,
    listen: (deliver) => api.onEvent(deliver),
    openFile: (file) =>
      invoke('files:register', { path: api.pathForFile(file) }) as Promise<Envelope<FileRefView>>,
    save: async (download) => {
      const saved = (await invoke('files:saveAs', { fileId: download.fileId })) as Envelope<{
        name: string
      } | null>
      return saved.ok ? { ok: true, value: saved.value !== null } : saved
    },
    // The desktop page holds no permission: the main process shows the notification.
    prepareNotifications: () => undefined,
    notify: async (title, body) => {
      const shown = (await invoke('app:notify', { title, body })) as Envelope<boolean>
      return shown.ok && shown.value
    }
  }
}

let permissionAsked = false

/** A browser page shows its own notifications, once the analyst allowed them. */
const webNotifications = {
  prepare(): void {
    if (permissionAsked || typeof Notification === 'undefined' || Notification.permission !== 'default')
      return
    permissionAsked = true
    Notification.requestPermission().catch(() => undefined)
  },
  show(title: string, body: string): boolean {
    try {
      if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return false
      new Notification(title, { body })
      return true
    } catch {
      // Some browsers refuse notifications from a page; the monitor still says it.
      return false
    }
  }
}

const NOT_ANSWERING = 'Lote’s local service is not answering. Is it still running?'

/** The host's answer as an envelope; a missing or ended session, or a refusal, as the error it is. */
async function readEnvelope<T>(response: Response): Promise<Envelope<T>> {
  if (response.status === 401)
    return {
      ok: false,
      error: {
        code: 'forbidden',
        message:
          'This page’s session has ended. The terminal running lote serve printed a new address: open it to continue.'
      }
    }
  if (!response.ok)
    return {
      ok: false,
      error: {
        code: 'network',
        message: `Lote’s local service refused the request (HTTP ${response.status}).`
      }
    }
  return (await response.json()) as Envelope<T>
}

async function post<T>(url: string, init: RequestInit, unreachable: string): Promise<Envelope<T>> {
  let response: Response
  try {
    response = await fetch(url, { method: 'POST', ...init })
  } catch {
    return { ok: false, error: { code: 'network', message: unreachable } }
  }
  return readEnvelope<T>(response)
}

function browserTransport(): Transport {
  return {
    desktop: false,
    invoke: (channel, input) =>
      post(
        `/api/${channel}`,
        { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ input }) },
        NOT_ANSWERING
      ),
    listen: (deliver) => {
      const source = new EventSource('/api/events')
      source.onmessage = (message) => deliver(JSON.parse(message.data as string) as BridgeEvent)
      return () => source.close()
    },
    // Pages cannot hand over paths: the file itself goes to the host.
    openFile: (file) =>
      post<FileRefView>(
        `/api/files/upload?name=${encodeURIComponent(file.name)}`,
        { headers: { 'content-type': 'application/octet-stream' }, body: file },
        'The file could not be sent to Lote’s local service. Try again.'
      ),
    save: async (download) => {
      const link = document.createElement('a')
      link.href = `/api/files/download/${download.fileId}`
      link.download = download.name
      document.body.append(link)
      link.click()
      link.remove()
      return { ok: true, value: true }
    },
    prepareNotifications: () => webNotifications.prepare(),
    notify: async (title, body) => webNotifications.show(title, body)
  }
}

export const transport: Transport =
  typeof window !== 'undefined' && window.api ? desktopTransport(window.api) : browserTransport()
