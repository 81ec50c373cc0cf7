/**
 * The auth's rate limits over real HTTP: configured low, the next request from the same IP is a 429 in
 * GoTrue's shape; read from supabase/config.toml's [auth.rate_limit] for `npm start`.
 */
import assert from 'node:assert/strict'
import { AuthApiError, createClient } from '@supabase/supabase-js'
import { parse as parseToml } from 'smol-toml'
import { readRateLimits } from './rate-limit.ts'
import { startTestAuth } from './testing.ts'

const password = 'correct horse battery'
const newEmail = () => `limited-${crypto.randomUUID()}@test.local`
const overLimit = { code: 429, error_code: 'over_request_rate_limit', msg: 'Request rate limit reached' }

Deno.test('auth: sign_in_sign_ups and token_refresh limit each IP, answering 429 as GoTrue', async () => {
  const server = await startTestAuth({ rateLimits: { sign_in_sign_ups: 3, token_refresh: 4 } })
  const { url } = server
  const anonKey = server.auth.anonKey
  const post = async (path: string, body: unknown, headers: Record<string, string> = {}, method = 'POST') => {
    const res = await fetch(`${url}/auth/v1${path}`, {
      method,
      headers: { apikey: anonKey, 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    })
    return { status: res.status, json: await res.json() }
  }
  try {
    const email = newEmail()
    const first = await post('/signup', { email, password })
    assert.equal(first.status, 200)
    // A refused sign-up counts too: the limit applies before the body is validated.
    assert.equal(
      (await post('/signup', { email: newEmail(), password: 'short' })).json.error_code,
      'weak_password',
    )
    assert.equal((await post('/signup', { email: newEmail(), password })).status, 200)
    assert.deepEqual(await post('/signup', { email: newEmail(), password }), { status: 429, json: overLimit })
    // PUT /user shares sign_in_sign_ups, as in GoTrue.
    const asUser = { authorization: `Bearer ${first.json.access_token}` }
    assert.deepEqual(await post('/user', { data: { a: 1 } }, asUser, 'PUT'), { status: 429, json: overLimit })

    // Sign-in and refresh share token_refresh: each sign-in costs a bcrypt comparison.
    for (let i = 0; i < 2; i++) {
      assert.equal(
        (await post('/token?grant_type=password', { email, password: 'wrong password' })).status,
        400,
      )
      assert.equal((await post('/token?grant_type=refresh_token', { refresh_token: 'nope' })).status, 400)
    }
    assert.deepEqual(await post('/token?grant_type=password', { email, password }), {
      status: 429,
      json: overLimit,
    })
    assert.deepEqual(
      await post('/token?grant_type=refresh_token', { refresh_token: first.json.refresh_token }),
      {
        status: 429,
        json: overLimit,
      },
    )
    assert.equal(
      (await post('/token?grant_type=magic', {})).status,
      400,
      'an unsupported grant is refused first',
    )

    const supabase = createClient(url, anonKey, { auth: { persistSession: false, autoRefreshToken: false } })
    const { error } = await supabase.auth.signInWithPassword({ email, password })
    assert.ok(error instanceof AuthApiError)
    assert.equal(error.status, 429)
    assert.equal(error.code, 'over_request_rate_limit')

    assert.equal(
      (await fetch(`${url}/auth/v1/user`, { headers: { apikey: anonKey, ...asUser } })).status,
      200,
    )
  } finally {
    await server.stop()
  }
})

Deno.test('auth: rate limits come from supabase/config.toml, Supabase defaults for what it leaves out', async () => {
  const config = new URL('../../supabase/config.toml', import.meta.url)
  assert.deepEqual(await readRateLimits(config), { sign_in_sign_ups: 30, token_refresh: 150 })
  const { auth } = parseToml(await Deno.readTextFile(config)) as { auth: { rate_limit: object } }
  assert.deepEqual(Object.keys(auth.rate_limit).sort(), [
    'anonymous_users',
    'email_sent',
    'sign_in_sign_ups',
    'sms_sent',
    'token_refresh',
    'token_verifications',
    'web3',
  ], "the CLI's whole section, as `supabase init` writes it")
  const dir = await Deno.makeTempDir()
  try {
    const file = new URL(`file://${dir}/config.toml`)
    await Deno.writeTextFile(file, '[auth.rate_limit]\ntoken_refresh = 7\n')
    assert.deepEqual(await readRateLimits(file), { sign_in_sign_ups: 30, token_refresh: 7 })
    await Deno.writeTextFile(file, 'project_id = "x"\n')
    assert.deepEqual(await readRateLimits(file), { sign_in_sign_ups: 30, token_refresh: 150 })
    await Deno.writeTextFile(file, '[auth.rate_limit]\nsign_in_sign_ups = "30"\n')
    await assert.rejects(
      readRateLimits(file),
      /auth\.rate_limit\.sign_in_sign_ups must be a positive integer/,
    )
  } finally {
    await Deno.remove(dir, { recursive: true })
  }
})
