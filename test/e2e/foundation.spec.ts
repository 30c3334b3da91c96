import { test, expect } from './fixtures'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'

function allFileText(dir: string): string {
  let text = ''
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    text += statSync(path).isDirectory() ? allFileText(path) : readFileSync(path, 'latin1')
  }
  return text
}

test('the app opens on the Sandbox connection, clearly marked as simulated', async ({ app }) => {
  const badge = app.getByTestId('active-connection')
  await expect(badge).toContainText('Sandbox')
  await expect(badge).toContainText(/Datos simulados|Simulated data|Dados simulados/)
})

test('switching the language changes the visible text', async ({ app }) => {
  await app.getByRole('button', { name: /Preferencias|Settings|Preferências/ }).click()
  await app.getByLabel(/Idioma|Language/).selectOption('en')
  await expect(app.getByRole('heading', { level: 1 })).toHaveText('Settings')
  await expect(app.getByRole('navigation')).toContainText('Connections')
  await app.getByLabel('Language').selectOption('pt-BR')
  await expect(app.getByRole('heading', { level: 1 })).toHaveText('Preferências')
  await app.getByLabel('Idioma').selectOption('es')
  await expect(app.getByRole('heading', { level: 1 })).toHaveText('Preferencias')
  await expect(app.getByRole('navigation')).toContainText('Conexiones')
  // Errors say what happened in the analyst's language, the technical sentence folded away.
  await app.getByRole('navigation').getByRole('button', { name: 'Conexiones' }).click()
  await app.getByRole('button', { name: 'Agregar una cuenta de Truora' }).click()
  await app.getByLabel('Nombre').fill('Prueba')
  await app.getByLabel('Clave de API').fill('corta')
  await app.getByRole('button', { name: 'Guardar' }).click()
  const problems = app.getByTestId('problems')
  await expect(problems).toContainText('Lo ingresado no tiene la forma que Lote espera.')
  await expect(problems.locator('details')).toContainText('longer than that')
  await expect(problems.getByText(/longer than that/)).toBeHidden()
})

test('adding a Truora account with a key shows its state ("Key not tested") and never the key', async ({
  app,
  host,
  page
}) => {
  const apiKey = 'e2e-SECRET-key-' + Date.now().toString(36)
  const seen: string[] = []
  page.on('response', async (response) => {
    if (response.url().includes('/api/')) seen.push(await response.text().catch(() => ''))
  })
  await app.getByRole('button', { name: /Preferencias|Settings/ }).click()
  await app.getByLabel(/Idioma|Language/).selectOption('en')
  await app.getByRole('button', { name: 'Connections' }).click()
  await app.getByRole('button', { name: 'Add a Truora account' }).click()
  await app.getByLabel('Name').fill('Acme HR')
  await app.getByLabel('API key').fill('short')
  await app.getByRole('button', { name: 'Save' }).click()
  await expect(app.getByTestId('problems')).toContainText('What was entered is not in the form Lote expects.')
  // Truora's or Lote's own sentence is kept, folded away.
  await expect(app.getByTestId('problems').locator('details')).toContainText('longer than that')
  await app.getByLabel('API key').fill(apiKey)
  await app.getByRole('button', { name: 'Save' }).click()
  const card = app.getByTestId('profile-Acme HR')
  await expect(card.getByTestId('key-state')).toHaveText('Key not tested')

  await expect(app.locator('body')).not.toContainText(apiKey)
  expect(await app.content()).not.toContain(apiKey)
  for (const body of seen) expect(body).not.toContain(apiKey)
  expect(allFileText(host.dataDir)).not.toContain(apiKey)
  expect(host.output()).not.toContain(apiKey)
})
