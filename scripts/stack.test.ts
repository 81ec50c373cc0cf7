/**
 * The stack as `npm start` runs it (persisted in a data folder, without the SPA): the real functions behind
 * the gateway, and a restart that keeps users, the signing key and the encryption key.
 */
import assert from 'node:assert/strict'
import { createClient } from '@supabase/supabase-js'
import { startStack } from './stack.ts'

const client = (url: string, key: string) =>
  createClient(url, key, { auth: { persistSession: false, autoRefreshToken: false } })

Deno.test('stack: serves the functions, then restarts on the same data', async () => {
  const dataDir = await Deno.makeTempDir()
  const email = `stack-${crypto.randomUUID()}@test.local`
  const password = 'stack-test-password'
  try {
    const first = await startStack({ dataDir, seed: false, spa: false, log: false })
    let firstAnonKey: string
    let encryptionKey: string
    try {
      firstAnonKey = first.anonKey
      encryptionKey = first.env.APP_ENCRYPTION_KEY
      assert.equal(first.env.SUPABASE_URL, first.apiUrl)
      assert.equal(first.env.DB_PREPARE, 'true')
      assert.match(encryptionKey, /^[\w-]+:[A-Za-z0-9+/]{43}=$/)

      const supabase = client(first.apiUrl, first.anonKey)
      assert.equal((await supabase.auth.signUp({ email, password })).error, null)
      const { data, error } = await supabase.functions.invoke('tenants', { method: 'GET' })
      assert.equal(error, null)
      assert.deepEqual(data, { items: [], next_cursor: null })

      const unknown = await fetch(`${first.apiUrl}/functions/v1/no-such-function`)
      await unknown.body?.cancel()
      assert.equal(unknown.status, 404)

      const preflight = await fetch(`${first.apiUrl}/functions/v1/tenants`, {
        method: 'OPTIONS',
        headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST' },
      })
      await preflight.body?.cancel()
      assert.ok(preflight.status < 300, `preflight answered ${preflight.status}`)
      assert.equal(preflight.headers.get('access-control-allow-origin'), 'http://localhost:5173')
    } finally {
      await first.stop()
    }
    await assert.rejects(fetch(first.apiUrl), 'the gateway no longer listens')

    const second = await startStack({ dataDir, seed: false, spa: false, log: false })
    try {
      assert.equal(second.env.APP_ENCRYPTION_KEY, encryptionKey, 'old secrets still open')
      // The anon key from the first run (e.g. in web/.env.local) is still accepted.
      const supabase = client(second.apiUrl, firstAnonKey)
      assert.equal((await supabase.auth.signInWithPassword({ email, password })).error, null)
    } finally {
      await second.stop()
    }
  } finally {
    await Deno.remove(dataDir, { recursive: true })
  }
})
