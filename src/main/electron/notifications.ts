// System notifications, shown by the main process when the page asks over the contract (`app:notify`). The
// page itself is refused the web Notification permission, like every other permission.
import { BrowserWindow, Notification } from 'electron'
import type { SystemNotifier } from '../app/preferences'

export const electronNotifier: SystemNotifier = {
  notify({ title, body }) {
    if (!Notification.isSupported()) return false
    const notification = new Notification({ title, body })
    // A click brings the window back, where the batch's monitor already says the rest.
    notification.on('click', () => {
      const window = BrowserWindow.getAllWindows()[0]
      if (!window || window.isDestroyed()) return
      if (window.isMinimized()) window.restore()
      window.show()
      window.focus()
    })
    notification.show()
    return true
  }
}
