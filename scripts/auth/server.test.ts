/**
 * The local auth server driven by the unmodified supabase-js client over real HTTP on loopback, against a
 * real database, checked against what GoTrue answers.
 */
import assert from 'node:assert/strict'
import { AuthApiError, createClient, isAuthWeakPasswordError } from '@supabase/supabase-js'
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose'
import { startTestAuth } from './testing.ts'

const password = 'correct horse battery'

function client(url: string, anonKey: string) {
  return createClient(url, anonKey, { auth: { persistSession: false, autoRefreshToken: false } })
}

const newEmail = () => `auth-${crypto.randomUUID()}@test.local`

Deno.test('auth server answers supabase-js as GoTrue does', async (t) => {
  // Reuse interval 0 so a reused refresh token is caught at once (Supabase allows 10 s).
  const server = await startTestAuth({ refreshTokenReuseInterval: 0 })
  const { url } = server
  const anonKey = server.auth.anonKey
  try {
    await t.step('sign-up returns a session at once, with the metadata given', async () => {
      const email = newEmail()
      const { data, error } = await client(url, anonKey).auth.signUp({
        email: email.toUpperCase(),
        password,
        options: { data: { full_name: 'Ana Test' } },
      })
      assert.equal(error, null)
      assert.ok(data.session, 'no email confirmation locally')
      assert.equal(data.user?.email, email)
      assert.equal(data.user?.user_metadata.full_name, 'Ana Test')
      assert.equal(data.session.expires_in, 3600)
    })

    await t.step('sign-up refuses an existing email, a short password and a malformed email', async () => {
      const email = newEmail()
      const supabase = client(url, anonKey)
      assert.equal((await supabase.auth.signUp({ email, password })).error, null)

      const again = await supabase.auth.signUp({ email, password })
      assert.ok(again.error instanceof AuthApiError)
      assert.equal(again.error.status, 422)
      assert.equal(again.error.code, 'user_already_exists')

      const weak = await supabase.auth.signUp({ email: newEmail(), password: '12345' })
      assert.ok(isAuthWeakPasswordError(weak.error), `expected a weak password error, got ${weak.error}`)
      assert.equal(weak.error.code, 'weak_password')
      assert.deepEqual(weak.error.reasons, ['length'])

      const bad = await supabase.auth.signUp({ email: 'not-an-email', password })
      assert.ok(bad.error instanceof AuthApiError)
      assert.equal(bad.error.status, 400)
      assert.equal(bad.error.code, 'validation_failed')
    })

    await t.step('sign-in: the right password gives a session, a wrong one invalid_credentials', async () => {
      const email = newEmail()
      const supabase = client(url, anonKey)
      await supabase.auth.signUp({ email, password })

      const ok = await supabase.auth.signInWithPassword({ email, password })
      assert.equal(ok.error, null)
      assert.equal(ok.data.user?.email, email)

      for (const attempt of [{ email, password: 'wrong password' }, { email: newEmail(), password }]) {
        const { error } = await supabase.auth.signInWithPassword(attempt)
        assert.ok(error instanceof AuthApiError)
        assert.equal(error.status, 400)
        assert.equal(error.code, 'invalid_credentials')
        assert.equal(error.message, 'Invalid login credentials')
      }
    })

    await t.step(
      'the access token verifies against the JWKS with the claims of a Supabase token',
      async () => {
        const email = newEmail()
        const { data } = await client(url, anonKey).auth.signUp({ email, password })
        const token = data.session!.access_token
        const jwks = createRemoteJWKSet(new URL(`${url}/auth/v1/.well-known/jwks.json`))
        const { payload } = await jwtVerify(token, jwks, {
          issuer: `${url}/auth/v1`,
          audience: 'authenticated',
        })
        assert.equal(payload.sub, data.user!.id)
        assert.equal(payload.email, email)
        assert.equal(payload.role, 'authenticated')
        assert.equal(typeof payload.session_id, 'string')
        assert.equal(payload.exp! - payload.iat!, 3600)
        assert.equal(decodeProtectedHeader(token).kid, server.auth.jwks.keys[0].kid)
        assert.equal((await jwtVerify(anonKey, jwks)).payload.role, 'anon')
      },
    )

    await t.step('refresh rotates, and a reused refresh token revokes the session (GoTrue)', async () => {
      const supabase = client(url, anonKey)
      const { data } = await supabase.auth.signUp({ email: newEmail(), password })
      const first = data.session!.refresh_token

      const second = await supabase.auth.refreshSession()
      assert.equal(second.error, null)
      const secondToken = second.data.session!.refresh_token
      assert.notEqual(secondToken, first)

      // A client that lost the answer may retry with the parent of the active token: it gets that token back.
      const retried = await client(url, anonKey).auth.refreshSession({ refresh_token: first })
      assert.equal(retried.error, null)
      assert.equal(retried.data.session!.refresh_token, secondToken)

      const third = await supabase.auth.refreshSession()
      assert.equal(third.error, null)

      const reused = await client(url, anonKey).auth.refreshSession({ refresh_token: first })
      assert.ok(reused.error instanceof AuthApiError, `expected a reuse error, got ${reused.error}`)
      assert.equal(reused.error.code, 'refresh_token_already_used')
      // Reuse detection revoked the whole family, including the token the real client holds.
      const after = await client(url, anonKey).auth.refreshSession({
        refresh_token: third.data.session!.refresh_token,
      })
      assert.equal((after.error as AuthApiError | null)?.code, 'refresh_token_already_used')
    })

    await t.step('getUser and updateUser (metadata merge, email, password)', async () => {
      const supabase = client(url, anonKey)
      await supabase.auth.signUp({
        email: newEmail(),
        password,
        options: { data: { full_name: 'A', lang: 'fr' } },
      })

      const user = await supabase.auth.getUser()
      assert.equal(user.error, null)
      assert.equal(user.data.user?.user_metadata.lang, 'fr')

      const email = newEmail()
      const updated = await supabase.auth.updateUser({
        email,
        password: 'a brand new password',
        data: { full_name: 'Ana', lang: null },
      })
      assert.equal(updated.error, null)
      assert.equal(updated.data.user?.email, email)
      assert.deepEqual(updated.data.user?.user_metadata, { full_name: 'Ana' })

      const fresh = client(url, anonKey)
      assert.equal(
        (await fresh.auth.signInWithPassword({ email, password })).error?.code,
        'invalid_credentials',
      )
      assert.equal(
        (await fresh.auth.signInWithPassword({ email, password: 'a brand new password' })).error,
        null,
      )

      const taken = newEmail()
      await client(url, anonKey).auth.signUp({ email: taken, password })
      const clash = await supabase.auth.updateUser({ email: taken })
      assert.equal((clash.error as AuthApiError | null)?.code, 'email_exists')
    })

    await t.step('after sign-out the refresh token and the session are gone', async () => {
      const supabase = client(url, anonKey)
      const { data } = await supabase.auth.signUp({ email: newEmail(), password })
      const session = data.session!
      assert.equal((await supabase.auth.signOut()).error, null)

      const refresh = await client(url, anonKey).auth.refreshSession({ refresh_token: session.refresh_token })
      assert.ok(refresh.error instanceof AuthApiError)
      assert.equal(refresh.error.code, 'refresh_token_not_found')

      const res = await fetch(`${url}/auth/v1/user`, {
        headers: { apikey: anonKey, authorization: `Bearer ${session.access_token}` },
      })
      assert.equal(res.status, 403)
      assert.equal((await res.json()).error_code, 'session_not_found')
    })

    await t.step('sign-out scopes: local ends one session, others keeps only the caller', async () => {
      const email = newEmail()
      const a = client(url, anonKey)
      await a.auth.signUp({ email, password })
      const b = client(url, anonKey)
      await b.auth.signInWithPassword({ email, password })
      const c = client(url, anonKey)
      await c.auth.signInWithPassword({ email, password })

      assert.equal((await a.auth.signOut({ scope: 'local' })).error, null)
      assert.equal((await b.auth.getUser()).error, null)
      assert.equal((await b.auth.signOut({ scope: 'others' })).error, null)
      assert.equal((await b.auth.getUser()).error, null)
      assert.ok((await c.auth.getUser()).error, 'the other session is gone')
    })

    await t.step('every /auth/v1 request needs a valid apikey, except the JWKS', async () => {
      const missing = await fetch(`${url}/auth/v1/settings`)
      assert.equal(missing.status, 401)
      assert.equal((await missing.json()).message, 'No API key found in request')

      const forged = await fetch(`${url}/auth/v1/settings`, {
        headers: { apikey: 'eyJhbGciOiJIUzI1NiJ9.e30.x' },
      })
      assert.equal(forged.status, 401)
      assert.equal((await forged.json()).message, 'Invalid API key')

      const settings = await fetch(`${url}/auth/v1/settings`, { headers: { apikey: anonKey } })
      assert.equal(settings.status, 200)
      assert.equal((await settings.json()).mailer_autoconfirm, true)

      const jwks = await fetch(`${url}/auth/v1/.well-known/jwks.json`)
      assert.equal(jwks.status, 200)
      assert.equal((await jwks.json()).keys[0].d, undefined, 'never the private half')
    })

    await t.step('CORS preflight passes without an apikey, as the browser sends none', async () => {
      const res = await fetch(`${url}/auth/v1/token?grant_type=password`, {
        method: 'OPTIONS',
        headers: {
          origin: 'http://localhost:5173',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'apikey,authorization,content-type,x-client-info',
        },
      })
      await res.body?.cancel()
      assert.equal(res.status, 204)
      assert.equal(res.headers.get('access-control-allow-origin'), '*')
      assert.match(res.headers.get('access-control-allow-headers') ?? '', /apikey/)
    })
  } finally {
    await server.stop()
  }
})

Deno.test('the signing key persists in its file: tokens survive a restart', async () => {
  const dir = await Deno.makeTempDir()
  try {
    const keyFile = `${dir}/auth/signing-key.json`
    const first = await startTestAuth({ keyFile })
    const { data } = await client(first.url, first.auth.anonKey).auth.signUp({ email: newEmail(), password })
    const kid = first.auth.jwks.keys[0].kid
    await first.stop()

    const second = await startTestAuth({ keyFile })
    try {
      assert.equal(second.auth.jwks.keys[0].kid, kid)
      assert.equal((await second.auth.verifyJwt(data.session!.access_token)).sub, data.user!.id)
      assert.equal((await second.auth.verifyJwt(first.auth.anonKey)).role, 'anon')
      assert.equal(
        (await Deno.stat(keyFile)).mode! & 0o077,
        0,
        'the private key is readable by its owner only',
      )
    } finally {
      await second.stop()
    }
  } finally {
    await Deno.remove(dir, { recursive: true })
  }
})
