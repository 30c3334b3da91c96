// The renderer's only door to the backend: typed calls to the contract's channels, backend events, and files
// in and out. How they travel (Electron IPC or the browser host) is decided once, in transport.ts.
import type { BridgeEvent } from '../../../shared/bridge'
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
import i18n from '../i18n'
import { transport } from './transport'

/**
 * A failed call. Its message is what the analyst reads, in their language, from the error's stable code (a
 * file that cannot be read says why by its own code and names the file); the backend's own sentence, in
 * English and technical, is kept as `detail`, which screens show folded away.
 */
export class ApiError extends Error {
  readonly code: AppErrorInfo['code']
  readonly details?: Record<string, unknown>
  /** The backend's sentence alone. */
  readonly detail: string

  constructor(info: AppErrorInfo) {
    super(errorText(info))
    this.code = info.code
    this.details = info.details
    this.detail = info.message
  }
}

/** The analyst's sentence for a backend error: by its code, or the file error's own code. */
export function errorText(info: AppErrorInfo): string {
  const sheetError = info.details?.sheetError
  if (
    info.code === 'file_error' &&
    typeof sheetError === 'string' &&
    i18n.exists(`errors.file.${sheetError}`)
  )
    return i18n.t(`errors.file.${sheetError}`, { file: String(info.details?.file ?? '') })
  return i18n.exists(`errors.${info.code}`) ? i18n.t(`errors.${info.code}`) : info.message
}

/** The technical sentence behind an error the analyst saw, when there is one worth folding away. */
export function technicalDetail(error: unknown): string | undefined {
  return error instanceof ApiError && error.detail !== error.message ? error.detail : undefined
}

function valueOf<T>(envelope: Envelope<T>): T {
  if (!envelope.ok) throw new ApiError(envelope.error)
  return envelope.value
}

/** Calls a backend channel; resolves with its value or rejects with an ApiError carrying the message. */
export async function call<C extends Channel>(
  channel: C,
  ...args: undefined extends ChannelInput<C> ? [input?: ChannelInput<C>] : [input: ChannelInput<C>]
): Promise<ChannelOutput<C>> {
  return valueOf(await transport.invoke(channel, args[0])) as ChannelOutput<C>
}

type Listener = (event: BridgeEvent) => void
const listeners = new Set<Listener>()
let stopListening: (() => void) | undefined

/** Subscribes to one backend event. Returns the unsubscribe function. */
export function onEvent<E extends EventName>(
  name: E,
  listener: (payload: EventPayload<E>) => void
): () => void {
  const wrapped: Listener = (event) => {
    if (event.name === name) listener(event.payload as EventPayload<E>)
  }
  listeners.add(wrapped)
  // One connection for every listener, open while anyone listens.
  stopListening ??= transport.listen((event) => listeners.forEach((l) => l(event)))
  return () => {
    listeners.delete(wrapped)
    if (listeners.size === 0) {
      stopListening?.()
      stopListening = undefined
    }
  }
}

export function isDesktop(): boolean {
  return transport.desktop
}

/** Hands a dropped or chosen file to the backend: by path on the desktop, by upload in a browser. */
export async function openFile(file: File): Promise<FileRefView> {
  return valueOf(await transport.openFile(file))
}

/**
 * Gives the analyst a file Lote made: the system's save dialog on the desktop, a download in a browser.
 * Resolves with false when the analyst closed the dialog.
 */
export async function saveDownload(download: Download): Promise<boolean> {
  return valueOf(await transport.save(download))
}

/** Asks once for what notifications need (a browser's permission; nothing on the desktop). */
export function prepareNotifications(): void {
  transport.prepareNotifications()
}

/**
 * Tells the analyst something while Lote is in the background: the desktop app's main process shows a system
 * notification; a browser page shows its own if the analyst allowed it. Resolves with whether one was shown.
 */
export function notify(title: string, body: string): Promise<boolean> {
  return transport.notify(title, body)
}
