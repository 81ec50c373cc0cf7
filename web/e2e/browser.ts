/**
 * What every browser journey needs: the stack's URLs (npm test sets them), the system Chromium with a fresh
 * profile whose page errors and console errors are collected, a screenshot when a step fails, and the
 * functions API as the journey's user over plain HTTP (to check what the server holds, not through the page).
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type BrowserContext, chromium, type Page } from 'playwright-core'
import { expect } from 'vitest'

function required(name: string): string {
  const value = process.env[name]
  if (!value) {
    throw new Error(`${name} is not set: the browser journey needs a running stack (npm test sets it)`)
  }
  return value
}

export const SPA_URL = required('SPA_URL')
export const SUPABASE_URL = required('SUPABASE_URL')
export const SUPABASE_ANON_KEY = required('SUPABASE_ANON_KEY')
const RESULTS = new URL('../../.test-results/', import.meta.url).pathname

export interface Browser {
  page: Page
  /** Page errors and console errors seen so far. */
  problems: string[]
  /** Saves a screenshot as `.test-results/<name>-failure.png` and prints the URL and the problems. */
  failed(name: string): Promise<void>
  close(): Promise<void>
}

export async function openBrowser(options: { viewport: { width: number; height: number }; timeout: number }) {
  const profile = await mkdtemp(join(tmpdir(), 'switchboard-chromium-'))
  const context: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    locale: 'en-US',
    timezoneId: 'Europe/Paris',
    viewport: options.viewport,
  })
  const page = context.pages()[0] ?? await context.newPage()
  page.setDefaultTimeout(options.timeout)
  const problems: string[] = []
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
  page.on('console', (msg) => msg.type() === 'error' && problems.push(`console: ${msg.text()}`))
  return {
    page,
    problems,
    async failed(name: string) {
      await mkdir(RESULTS, { recursive: true })
      await page.screenshot({ path: `${RESULTS}${name}-failure.png`, fullPage: true }).catch(() => {})
      console.error(`URL at failure: ${page.url()}\n${problems.join('\n')}`)
    },
    async close() {
      await context.close()
      await rm(profile, { recursive: true, force: true })
    },
  } satisfies Browser
}

/** The functions API as a user (signed in over HTTP) in their only tenant. */
export async function apiAs(email: string, password: string) {
  const headers = { apikey: SUPABASE_ANON_KEY, 'content-type': 'application/json' }
  const token = await fetch(`${SUPABASE_URL}/auth/v1/token?grant_type=password`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ email, password }),
  }).then((r) => r.json())
  expect(token.access_token, 'signed in over HTTP').toBeTruthy()
  const auth = { ...headers, authorization: `Bearer ${token.access_token}` }
  const tenants = await fetch(`${SUPABASE_URL}/functions/v1/tenants`, { headers: auth }).then((r) => r.json())
  expect(tenants.items).toHaveLength(1)
  const tenant = tenants.items[0]
  return {
    tenant,
    async get(path: string): Promise<any> {
      const res = await fetch(`${SUPABASE_URL}/functions/v1/${path}`, {
        headers: { ...auth, 'x-tenant-id': tenant.id },
      })
      expect(res.status, `GET ${path}`).toBe(200)
      return res.json()
    },
  }
}
