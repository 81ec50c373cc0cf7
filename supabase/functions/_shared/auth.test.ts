import assert from 'node:assert/strict'
import { generateKeyPair, SignJWT } from 'jose'
import { AppError } from './errors.ts'
import { createJwtVerifier } from './auth.ts'
import { anonKey, expectProblem, signUp, startTestIssuer, withTestDeps } from './testing.ts'
import tenants from '../tenants/handler.ts'

async function rejects(promise: Promise<unknown>, status: number, code: string) {
  await assert.rejects(promise, (e: unknown) => {
    assert.ok(e instanceof AppError, String(e))
    assert.equal(e.code, code)
    assert.equal(e.status, status)
    return true
  })
}

Deno.test('auth: verifies ES256 tokens against the JWKS over HTTP and tells each failure apart', async () => {
  const issuer = await startTestIssuer()
  try {
    const verify = createJwtVerifier({ supabaseUrl: issuer.url })
    const claims = await verify(await issuer.sign({ sub: 'f6c1d1a0-0000-4000-8000-000000000001' }))
    assert.equal(claims.sub, 'f6c1d1a0-0000-4000-8000-000000000001')
    assert.equal(claims.role, 'authenticated')
    await verify(await issuer.sign())
    assert.equal(issuer.jwksRequests, 1, 'the key set is cached')

    const now = Math.floor(Date.now() / 1000)
    await rejects(verify(await issuer.sign({ exp: now - 60, iat: now - 3660 })), 401, 'token_expired')
    const stranger = (await generateKeyPair('ES256')).privateKey
    await rejects(verify(await issuer.sign({}, stranger)), 401, 'invalid_signature')
    await rejects(verify(await issuer.sign({}, stranger, { kid: 'unknown-kid' })), 401, 'invalid_signature')
    await rejects(verify(await issuer.sign({ iss: 'https://evil.test/auth/v1' })), 401, 'invalid_token')
    await rejects(verify(await issuer.sign({ aud: 'somebody-else' })), 401, 'invalid_token')
    await rejects(verify(await issuer.sign({ role: 'anon', iss: 'supabase-demo' })), 401, 'user_required')
    await rejects(verify(await issuer.sign({ role: 'service_role' })), 401, 'user_required')
    await rejects(verify(await issuer.sign({ sub: undefined })), 401, 'user_required')
    await rejects(verify('not.a.jwt'), 401, 'malformed_token')
    await rejects(verify('abc'), 401, 'malformed_token')
    const unsigned = `${btoa('{"alg":"none"}')}.${btoa('{"role":"authenticated"}')}.`
    await rejects(verify(unsigned), 401, 'invalid_signature')
  } finally {
    await issuer.stop()
  }
})

Deno.test('auth: HS256 only with SUPABASE_JWT_SECRET configured', async () => {
  const issuer = await startTestIssuer()
  const secret = 'a-legacy-jwt-secret-of-at-least-32-characters'
  const hs = (key: string) =>
    new SignJWT({
      sub: crypto.randomUUID(),
      role: 'authenticated',
      aud: 'authenticated',
      iss: `${issuer.url}/auth/v1`,
    })
      .setProtectedHeader({ alg: 'HS256' }).setExpirationTime('1h').sign(new TextEncoder().encode(key))
  try {
    const legacy = createJwtVerifier({ supabaseUrl: issuer.url, jwtSecret: secret })
    assert.equal((await legacy(await hs(secret))).role, 'authenticated')
    await rejects(legacy(await hs('another-secret-that-is-also-32-chars-long')), 401, 'invalid_signature')
    const modern = createJwtVerifier({ supabaseUrl: issuer.url })
    await rejects(modern(await hs(secret)), 401, 'invalid_signature')
  } finally {
    await issuer.stop()
  }
})

Deno.test('auth: an unreachable key set is a 503, not the caller’s fault', async () => {
  const issuer = await startTestIssuer()
  const token = await issuer.sign()
  await issuer.stop()
  const verify = createJwtVerifier({ supabaseUrl: issuer.url })
  await rejects(verify(token), 503, 'auth_unavailable')
})

Deno.test('auth: the functions answer 401 problem+json for missing, malformed, anon and foreign tokens', async () => {
  const issuer = await startTestIssuer()
  try {
    await withTestDeps(tenants, async ({ deps, handler }) => {
      await expectProblem(handler, 'GET', '/tenants', {}, 401, 'missing_token')
      await expectProblem(
        handler,
        'GET',
        '/tenants',
        { headers: { authorization: 'Basic abc' } },
        401,
        'malformed_token',
      )
      await expectProblem(handler, 'GET', '/tenants', { token: 'garbage' }, 401, 'malformed_token')
      await expectProblem(handler, 'GET', '/tenants', { token: anonKey() }, 401, 'user_required')
      // Signed by a key the project does not publish.
      await expectProblem(
        handler,
        'GET',
        '/tenants',
        { token: await issuer.sign() },
        401,
        'invalid_signature',
      )

      const user = await signUp()
      const res = await handler(
        new Request('http://127.0.0.1/tenants', { headers: { authorization: `Bearer ${user.token}` } }),
      )
      assert.equal(res.status, 200, await res.text())

      // The same handler with the test issuer's keys: an expired token, which real auth never hands out.
      const viaIssuer = tenants.createHandler({
        ...deps,
        verifyJwt: createJwtVerifier({ supabaseUrl: issuer.url }),
      })
      const now = Math.floor(Date.now() / 1000)
      const expired = await issuer.sign({ sub: user.id, exp: now - 1, iat: now - 3600 })
      const problem = await expectProblem(
        viaIssuer,
        'GET',
        '/tenants',
        { token: expired },
        401,
        'token_expired',
      )
      assert.ok(problem.request_id)
    })
  } finally {
    await issuer.stop()
  }
})
