// The Electron security checklist, applied to every window and session.
import { app, session, shell, type WebContents } from 'electron'
import { CONTENT_SECURITY_POLICY, isAllowedExternalUrl } from '../../shared/security'

export function hardenSession(): void {
  // Only notifications ("your batch finished") are granted; camera, location, clipboard and the rest are not.
  session.defaultSession.setPermissionRequestHandler((_webContents, permission, callback) =>
    callback(permission === 'notifications')
  )
  session.defaultSession.setPermissionCheckHandler(
    (_webContents, permission) => permission === 'notifications'
  )
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [CONTENT_SECURITY_POLICY]
      }
    })
  })
}

export function hardenWebContents(isAppUrl: (url: string) => boolean): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.setWindowOpenHandler(({ url }) => {
      if (isAllowedExternalUrl(url)) void shell.openExternal(url)
      return { action: 'deny' }
    })
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault()
    })
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault()
    })
    contents.on('will-attach-webview', (event) => event.preventDefault())
  })
}
