/**
 * The foundation journey in the system Chromium, against a running stack: sign up, create a business, save a
 * Vapi key on Settings → Integrations (a revoked one first), and see its preview. Needs SPA_URL (and, to check
 * what the server stored, SUPABASE_URL + SUPABASE_ANON_KEY); `npm test` provides them.
 */
import type { Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { apiAs, type Browser, openBrowser, SPA_URL } from './browser.ts'

let browser: Browser
let page: Page

beforeAll(async () => {
  browser = await openBrowser({ viewport: { width: 1280, height: 860 }, timeout: 15_000 })
  page = browser.page
})

afterEach(async (test) => {
  if (test.task.result?.state === 'fail') await browser.failed('journey')
})

afterAll(() => browser?.close())

/** What the server holds, asked over plain HTTP as the same user (not through the page). */
async function serverVapiSettings(email: string, password: string) {
  const api = await apiAs(email, password)
  return { tenant: api.tenant, settings: await api.get('settings/vapi') }
}

describe('foundation journey', () => {
  const suffix = crypto.randomUUID().slice(0, 8)
  const email = `journey-${suffix}@test.local`
  const password = `pw-${crypto.randomUUID()}`
  const business = `Cabinet Journey ${suffix}`
  const key = `sk_test_${crypto.randomUUID().replaceAll('-', '')}`

  it('a newcomer signs up, creates a business, and connects Vapi', async () => {
    await page.goto(SPA_URL)
    await page.getByRole('heading', { name: 'Sign in to Switchboard' }).waitFor()
    expect(new URL(page.url()).pathname).toBe('/sign-in')

    await page.getByRole('link', { name: 'Sign up' }).click()
    await page.getByLabel('Full name').fill('Camille Journey')
    await page.getByLabel('Email').fill(email)
    await page.getByLabel('Password', { exact: true }).fill(password)
    await page.getByRole('button', { name: 'Create account' }).click()

    await page.getByRole('heading', { name: 'Create your business' }).waitFor()
    await page.getByLabel('Business name').fill(business)
    await page.getByLabel('Profession').selectOption('doctor')
    const country = page.getByRole('combobox', { name: 'Country' })
    await country.click()
    await page.keyboard.type('fran')
    await page.getByRole('option', { name: 'France' }).click()
    await expect.poll(() => country.inputValue()).toBe('France')
    await page.getByLabel('Assistant language', { exact: true }).selectOption('fr')
    // The browser's zone (the context runs in Europe/Paris), with its offset of the day.
    await expect.poll(() => page.getByRole('combobox', { name: 'Time zone' }).inputValue())
      .toMatch(/^\(UTC\+0[12]:00\) Europe\/Paris$/)
    await page.getByRole('button', { name: 'Create business' }).click()

    await page.getByRole('heading', { name: business, level: 1 }).waitFor()
    await page.getByText(/Country: France$/).waitFor()
    const nav = page.getByRole('navigation', { name: 'Main navigation' })
    await nav.getByRole('link', { name: 'Assistants' }).click()
    await page.getByText('Vapi is not configured — add your Vapi API key to sync assistants').waitFor()
    await page.getByRole('link', { name: 'Settings → Integrations' }).click()

    await page.waitForURL('**/settings/integrations')
    await expect.poll(() => page.title()).toBe('Integrations · Settings · Switchboard')
    const card = page.getByRole('region', { name: 'Vapi' })
    await card.getByText('Not configured', { exact: true }).waitFor()

    const field = card.getByLabel('Vapi private key')
    await field.fill(`invalid_${suffix}_key`)
    await card.getByRole('button', { name: 'Verify and save' }).click()
    await card.getByText(/Vapi rejected this key/).waitFor()
    expect(await field.getAttribute('aria-invalid')).toBe('true')
    await card.getByText('Not configured', { exact: true }).waitFor()

    await field.fill(key)
    await card.getByRole('button', { name: 'Verify and save' }).click()
    await card.getByText('Configured', { exact: true }).waitFor()
    const preview = card.getByTestId('vapi-key-preview')
    await expect.poll(() => preview.textContent()).toMatch(new RegExp(`${key.slice(-4)}$`))
    await page.getByText('Vapi key saved').waitFor()

    await page.reload()
    await card.getByText('Configured', { exact: true }).waitFor()
    expect(await preview.textContent()).toMatch(new RegExp(`${key.slice(-4)}$`))

    const server = await serverVapiSettings(email, password)
    expect(server.tenant).toMatchObject({
      name: business,
      country: 'FR',
      language: 'fr',
      timezone: 'Europe/Paris',
    })
    expect(server.settings.has_vapi_key).toBe(true)
    expect(server.settings.vapi_api_key_preview).toBe(await preview.textContent())
    expect(JSON.stringify(server.settings)).not.toContain(key)

    await nav.getByRole('link', { name: 'Assistants' }).click()
    await page.getByRole('heading', { name: 'No assistants yet' }).waitFor()
  })
})
