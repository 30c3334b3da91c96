// The renderer's only door to the backend. In the desktop app it uses the preload's `window.api`; in a
// browser it calls the browser host over HTTP, where the session is an HttpOnly cookie the page never sees
// (so no URL, header or storage of the page holds a secret). Both answer with the same envelope.
import type {
  Channel,
  ChannelInput,
  ChannelOutput,
  Download,
  EventName,
  EventPayload,
  FileRefView
} from '../../../shared/contract'
import type { AppErrorInfo, Envelope } from '../../../shared/result'
import type { BridgeEvent } from '../../../preload/bridge'
import i18n from '../i18n'

/**
 * A failed call. Its message is what the analyst reads: the backend's own sentence (specific, in English),
 * led in Spanish and Portuguese by a headline in the analyst's language.
 */
export class ApiError extends Error {
  readonly code: AppErrorInfo['code']
  readonly details?: Record<string, unknown>
  /** The backend's sentence alone. */
  readonly detail: string

  constructor(info: AppErrorInfo) {
    super(
      i18n.language === 'en' || !i18n.exists(`errors.${info.code}`)
        ? info.message
        : `${i18n.t(`errors.${info.code}`)} ${i18n.t('errors.detail', { message: info.message })}`
    )
    this.code = info.code
    this.details = info.details
    this.detail = info.message
  }
}

async function invoke(channel: Channel, input: unknown): Promise<Envelope<unknown>> {
  if (window.api) {
    const [domain, verb] = channel.split(':') as [string, string]
    const bridge = window.api as unknown as Record<
      string,
      Record<string, (i: unknown) => Promise<Envelope<unknown>>>
    >
    return bridge[domain][verb](input)
  }
  let response: Response
  try {
    response = await fetch(`/api/${channel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ input })
    })
  } catch {
    return {
      ok: false,
      error: { code: 'network', message: 'Lote’s local service is not answering. Is it still running?' }
    }
  }
  return readEnvelope(response)
}

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

/** Calls a backend channel; resolves with its value or rejects with an ApiError carrying the message. */
export async function call<C extends Channel>(
  channel: C,
  ...args: undefined extends ChannelInput<C> ? [input?: ChannelInput<C>] : [input: ChannelInput<C>]
): Promise<ChannelOutput<C>> {
  const envelope = await invoke(channel, args[0])
  if (!envelope.ok) throw new ApiError(envelope.error)
  return envelope.value as ChannelOutput<C>
}

type Listener = (event: BridgeEvent) => void
const listeners = new Set<Listener>()
let source: EventSource | undefined
let bridgeUnsubscribe: (() => void) | undefined

function connect(): void {
  const dispatch = (event: BridgeEvent) => listeners.forEach((l) => l(event))
  if (window.api) {
    bridgeUnsubscribe = window.api.onEvent(dispatch)
    return
  }
  source = new EventSource('/api/events')
  source.onmessage = (message) => dispatch(JSON.parse(message.data as string) as BridgeEvent)
}

/** Subscribes to one backend event. Returns the unsubscribe function. */
export function onEvent<E extends EventName>(
  name: E,
  listener: (payload: EventPayload<E>) => void
): () => void {
  const wrapped: Listener = (event) => {
    if (event.name === name) listener(event.payload as EventPayload<E>)
  }
  listeners.add(wrapped)
  if (listeners.size === 1) connect()
  return () => {
    listeners.delete(wrapped)
    if (listeners.size === 0) {
      source?.close()
      source = undefined
      bridgeUnsubscribe?.()
      bridgeUnsubscribe = undefined
    }
  }
}

export function isDesktop(): boolean {
  return Boolean(window.api)
}

/** Uploads a file the analyst dropped in the browser (where pages cannot hand over paths). */
async function upload(file: File): Promise<FileRefView> {
  let response: Response
  try {
    response = await fetch(`/api/files/upload?name=${encodeURIComponent(file.name)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: file
    })
  } catch {
    throw new ApiError({
      code: 'network',
      message: 'The file could not be sent to Lote’s local service. Try again.'
    })
  }
  const envelope = await readEnvelope<FileRefView>(response)
  if (!envelope.ok) throw new ApiError(envelope.error)
  return envelope.value
}

/** Hands a dropped or chosen file to the backend: by path on the desktop, by upload in a browser. */
export async function openFile(file: File): Promise<FileRefView> {
  if (window.api) return call('files:register', { path: window.api.pathForFile(file) })
  return upload(file)
}

/**
 * Gives the analyst a file Lote made: the system's save dialog on the desktop, a download in a browser.
 * Resolves with false when the analyst closed the dialog.
 */
export async function saveDownload(download: Download): Promise<boolean> {
  if (window.api) return (await call('files:saveAs', { fileId: download.fileId })) !== null
  const link = document.createElement('a')
  link.href = `/api/files/download/${download.fileId}`
  link.download = download.name
  document.body.append(link)
  link.click()
  link.remove()
  return true
}
