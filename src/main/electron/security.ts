// The Electron security checklist, applied to every window and session.
import { app, session, shell, type WebContents } from 'electron'
import { CONTENT_SECURITY_POLICY, isAllowedExternalUrl } from '../../shared/security'

export function hardenSession(isAppUrl: (url: string) => boolean): void {
  // Only notifications ("your batch finished"), and only to our own page; camera, location, clipboard and the
  // rest are refused to every page.
  const allowed = (contents: WebContents | null, permission: string) =>
    permission === 'notifications' && contents !== null && isAppUrl(contents.getURL())
  session.defaultSession.setPermissionRequestHandler((contents, permission, callback) =>
    callback(allowed(contents, permission))
  )
  session.defaultSession.setPermissionCheckHandler((contents, permission) => allowed(contents, permission))
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
