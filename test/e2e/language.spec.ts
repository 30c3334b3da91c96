// In a browser, Lote speaks the browser's language until the analyst chooses one in Settings; the choice then
// wins over the browser, and "the system's" hands it back.
import { test, expect } from './fixtures'
import { texts } from './texts'

test.describe('a browser set to Portuguese', () => {
  test.use({ locale: 'pt-BR' })

  test('shows Portuguese until the analyst chooses another language', async ({ app }) => {
    const pt = texts('pt-BR')
    const es = texts('es')
    await expect(app.getByRole('heading', { level: 1 })).toHaveText(pt('start.title'))
    await expect(app.locator('html')).toHaveAttribute('lang', 'pt-BR')
    await expect(app.getByRole('navigation').getByRole('button', { name: pt('nav.history') })).toBeVisible()

    await app
      .getByRole('navigation')
      .getByRole('button', { name: pt('nav.settings') })
      .click()
    await app.getByLabel(pt('settings.language')).selectOption('es')
    await expect(app.getByRole('heading', { level: 1 })).toHaveText(es('settings.title'))
    await expect(app.locator('html')).toHaveAttribute('lang', 'es')
    // The choice is kept: a reload does not fall back to the browser's language.
    await app.reload()
    await expect(app.getByRole('heading', { level: 1 })).toHaveText(es('settings.title'))
    await expect(app.getByRole('navigation').getByRole('button', { name: es('nav.history') })).toBeVisible()

    await app.getByLabel(es('settings.language')).selectOption('system')
    await expect(app.getByRole('heading', { level: 1 })).toHaveText(pt('settings.title'))
  })
})

test.describe('a browser set to English', () => {
  test.use({ locale: 'en-US' })

  test('shows English', async ({ app }) => {
    await expect(app.getByRole('heading', { level: 1 })).toHaveText(texts('en')('start.title'))
    await expect(app.locator('html')).toHaveAttribute('lang', 'en')
  })
})
