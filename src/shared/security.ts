// Security settings shared by the Electron window and the browser host.

/** No remote code, no inline scripts, no plugins; API calls only to our own origin. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'"
].join('; ')

/** External links the app may open in the system browser. */
export const EXTERNAL_LINK_HOSTS = [
  'truora.com',
  'www.truora.com',
  'dev.truora.com',
  'docs.truora.com',
  'app.truora.com'
]

export function isAllowedExternalUrl(raw: string): boolean {
  try {
    const url = new URL(raw)
    return url.protocol === 'https:' && EXTERNAL_LINK_HOSTS.includes(url.hostname)
  } catch {
    return false
  }
}
