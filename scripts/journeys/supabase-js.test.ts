/**
 * The product's request path end to end, as the SPA drives it: the real supabase-js client against the
 * local gateway (auth + functions + database + Vapi sandbox), over HTTP on loopback.
 * Needs the env `npm test` gives (SUPABASE_URL, SUPABASE_ANON_KEY, SUPABASE_DB_URL, DB_PREPARE).
 */
import assert from 'node:assert/strict'
import { createClient, FunctionsHttpError } from '@supabase/supabase-js'
import postgres from 'postgres'

const url = Deno.env.get('SUPABASE_URL')!
const anonKey = Deno.env.get('SUPABASE_ANON_KEY')!

function client() {
  return createClient(url, anonKey, { auth: { persistSession: false, autoRefreshToken: false } })
}

async function problemOf(error: unknown) {
  assert.ok(error instanceof FunctionsHttpError, `expected an HTTP error, got ${error}`)
  return await error.context.json()
}

Deno.test('supabase-js: sign up, sign in, refresh, create a tenant, bring a Vapi key', async () => {
  const email = `owner-${crypto.randomUUID()}@test.local`
  const password = 'correct horse battery'
  const supabase = client()

  const signUp = await supabase.auth.signUp({ email, password, options: { data: { full_name: 'Ana Test' } } })
  assert.equal(signUp.error, null)
  assert.ok(signUp.data.session, 'local sign-up returns a session at once')
  await supabase.auth.signOut()

  const signIn = await supabase.auth.signInWithPassword({ email, password })
  assert.equal(signIn.error, null)
  const first = signIn.data.session!
  const refreshed = await supabase.auth.refreshSession()
  assert.equal(refreshed.error, null)
  assert.notEqual(refreshed.data.session!.refresh_token, first.refresh_token, 'refresh tokens rotate')
  assert.equal((await supabase.auth.getUser()).data.user?.email, email)

  const created = await supabase.functions.invoke('tenants', {
    method: 'POST',
    body: {
      name: 'Garage Martin',
      country: 'FR',
      language: 'fr',
      timezone: 'Europe/Paris',
      profession: 'garage',
    },
  })
  assert.equal(created.error, null)
  const tenant = created.data
  assert.equal(tenant.name, 'Garage Martin')
  assert.match(tenant.slug, /^garage-martin(-\d+)?$/)

  const listed = await supabase.functions.invoke('tenants', { method: 'GET' })
  assert.equal(listed.error, null)
  const mine = listed.data.items.find((t: { id: string }) => t.id === tenant.id)
  assert.equal(mine.role.name, 'owner')
  assert.ok(mine.permissions.includes('settings.manage'))

  const headers = { 'x-tenant-id': tenant.id }
  const before = await supabase.functions.invoke('settings/vapi', { method: 'GET', headers })
  assert.equal(before.error, null)
  assert.equal(before.data.has_vapi_key, false)

  const rejected = await supabase.functions.invoke('settings/vapi', {
    method: 'POST',
    headers,
    body: { vapi_api_key: 'invalid_revoked_key_0001' },
  })
  const problem = await problemOf(rejected.error)
  assert.equal(problem.status, 422)
  assert.equal(problem.code, 'vapi_key_invalid')
  assert.ok(problem.errors.some((e: { field: string }) => e.field === 'vapi_api_key'))

  const key = `sk_live_${crypto.randomUUID().replaceAll('-', '')}`
  const saved = await supabase.functions.invoke('settings/vapi', {
    method: 'POST',
    headers,
    body: { vapi_api_key: key },
  })
  assert.equal(saved.error, null)
  assert.equal(saved.data.has_vapi_key, true)
  assert.ok(saved.data.vapi_api_key_preview.endsWith(key.slice(-4)))
  assert.ok(!JSON.stringify(saved.data).includes(key), 'the key never comes back')

  const sql = postgres(Deno.env.get('SUPABASE_DB_URL')!, {
    max: 1,
    prepare: Deno.env.get('DB_PREPARE') === 'true',
  })
  try {
    const rows = await sql`select ciphertext, preview from public.provider_credentials
      where tenant_id = ${tenant.id} and provider = 'vapi'`
    assert.equal(rows.length, 1)
    assert.ok(!rows[0].ciphertext.includes(key), 'stored sealed, not in plaintext')
  } finally {
    await sql.end()
  }

  const removed = await supabase.functions.invoke('settings/vapi', { method: 'DELETE', headers })
  assert.equal(removed.error, null)
  assert.equal(removed.response?.status, 204)
  const after = await supabase.functions.invoke('settings/vapi', { method: 'GET', headers })
  assert.equal(after.data.has_vapi_key, false)
  await supabase.auth.signOut()
})

Deno.test('supabase-js: another user cannot reach a tenant that is not theirs', async () => {
  const owner = client()
  await owner.auth.signUp({ email: `a-${crypto.randomUUID()}@test.local`, password: 'password-a-123' })
  const { data: tenant } = await owner.functions.invoke('tenants', {
    method: 'POST',
    body: {
      name: 'Salon Lila',
      country: 'FR',
      language: 'fr',
      timezone: 'Europe/Paris',
      profession: 'salon',
    },
  })

  const stranger = client()
  await stranger.auth.signUp({ email: `b-${crypto.randomUUID()}@test.local`, password: 'password-b-123' })
  const headers = { 'x-tenant-id': tenant.id }
  const read = await stranger.functions.invoke('settings/vapi', { method: 'GET', headers })
  assert.ok([403, 404].includes((await problemOf(read.error)).status))
  const write = await stranger.functions.invoke('settings/vapi', {
    method: 'POST',
    headers,
    body: { vapi_api_key: 'sk_live_stranger_key_123' },
  })
  assert.ok([403, 404].includes((await problemOf(write.error)).status))
  const list = await stranger.functions.invoke('tenants', { method: 'GET' })
  assert.deepEqual(list.data.items, [])
  await owner.auth.signOut()
  await stranger.auth.signOut()
})

Deno.test('supabase-js: without a session the functions answer 401 problem+json', async () => {
  const anonymous = client()
  const { error } = await anonymous.functions.invoke('tenants', { method: 'GET' })
  const problem = await problemOf(error)
  assert.equal(problem.status, 401)
  assert.equal(error.context.headers.get('content-type'), 'application/problem+json')
})
