/**
 * The route helper on a function of the test's own (real database, real auth): access kinds, parsing,
 * statuses, the single transaction, and response checking against the contract.
 */
import assert from 'node:assert/strict'
import { z } from 'zod'
import { defineContract } from '../../../shared/contracts/route.ts'
import { audit } from './audit.ts'
import { AppError } from './errors.ts'
import { defineFunction } from './function.ts'
import {
  auditTrail,
  call,
  expectProblem,
  memberWithRole,
  ownerWithTenant,
  signUp,
  withTestDeps,
} from './testing.ts'

const Thing = z.object({ id: z.uuid(), name: z.string() })

const contract = defineContract({
  name: 'probe',
  summary: 'A function for testing the route helper',
  routes: {
    ping: {
      method: 'GET',
      path: '/ping',
      summary: 'public',
      access: 'public',
      response: z.object({ ok: z.boolean() }),
    },
    me: {
      method: 'GET',
      path: '/me',
      summary: 'user',
      access: 'user',
      response: z.object({ sub: z.string() }),
    },
    thing: {
      method: 'GET',
      path: '/things/:id',
      summary: 'tenant read',
      access: 'settings.read',
      params: z.object({ id: z.uuid() }),
      query: z.object({ broken: z.enum(['yes', 'no']).default('no') }),
      response: Thing,
    },
    remove: {
      method: 'DELETE',
      path: '/things/:id',
      summary: 'tenant write',
      access: 'settings.manage',
      params: z.object({ id: z.uuid() }),
      response: null,
    },
    failAfterWrite: {
      method: 'POST',
      path: '/fail-after-write',
      summary: 'writes, then fails',
      access: 'settings.manage',
      body: z.object({ note: z.string().min(1) }),
      response: z.object({ ok: z.boolean() }),
    },
    hook: {
      method: 'POST',
      path: '/hooks/:tenantId',
      summary: 'provider-signed',
      access: 'provider-signed',
      params: z.object({ tenantId: z.uuid() }),
      body: z.object({ event: z.string() }),
      response: z.object({ bytes: z.number(), event: z.string(), tenant: z.string() }),
    },
  },
})

const probe = defineFunction({
  contract,
  operations: {
    ping: () => ({ ok: true }),
    me: ({ claims }) => ({ sub: claims.sub }),
    thing: ({ input }) =>
      input.query.broken === 'yes'
        ? ({ id: input.params.id, name: 42 } as unknown as z.input<typeof Thing>)
        : { id: input.params.id, name: 'a thing' },
    remove: () => undefined,
    failAfterWrite: async ({ tx, tenant, claims, input }) => {
      await audit(tx, { tenantId: tenant, actor: claims.sub, action: 'probe.written', details: input.body })
      throw new AppError(409, 'probe_failed', 'Failed after writing')
    },
    hook: ({ rawBody, body, input }) => ({
      bytes: rawBody.length,
      event: body().event,
      tenant: input.params.tenantId,
    }),
  },
})

Deno.test('routes: public, user and tenant access; 401, 400 header, 404 stranger, 403 permission', () =>
  withTestDeps(probe, async ({ deps, handler }) => {
    assert.deepEqual((await call(handler, 'GET', '/probe/ping')).body, { ok: true })
    await expectProblem(handler, 'GET', '/probe/me', {}, 401, 'missing_token')
    const user = await signUp()
    assert.deepEqual((await call(handler, 'GET', '/probe/me', { token: user.token })).body, { sub: user.id })

    const { tenant, as } = await ownerWithTenant(deps)
    const id = crypto.randomUUID()
    const read = await call(handler, 'GET', `/probe/things/${id}`, as)
    assert.equal(read.status, 200, read.text)
    assert.deepEqual(read.body, { id, name: 'a thing' })

    await expectProblem(
      handler,
      'GET',
      `/probe/things/${id}`,
      { token: as.token },
      400,
      'tenant_header_invalid',
    )
    await expectProblem(
      handler,
      'GET',
      `/probe/things/${id}`,
      { ...as, token: user.token },
      404,
      'tenant_not_found',
    )
    const viewer = await memberWithRole(deps, tenant.id, 'viewer')
    assert.equal((await call(handler, 'GET', `/probe/things/${id}`, viewer.as)).status, 200)
    const denied = await expectProblem(handler, 'DELETE', `/probe/things/${id}`, viewer.as, 403, 'forbidden')
    assert.match(denied.detail!, /settings\.manage/)
  }))

Deno.test('routes: params and query parsed by the contract; 204 has no body', () =>
  withTestDeps(probe, async ({ deps, handler }) => {
    const { as } = await ownerWithTenant(deps)
    const bad = await expectProblem(handler, 'GET', '/probe/things/not-a-uuid', as, 400, 'validation_failed')
    assert.deepEqual(bad.errors!.map((e) => e.field), ['path.id'])
    const badQuery = await expectProblem(
      handler,
      'GET',
      `/probe/things/${crypto.randomUUID()}?broken=maybe`,
      as,
      400,
      'validation_failed',
    )
    assert.deepEqual(badQuery.errors!.map((e) => e.field), ['query.broken'])
    const removed = await call(handler, 'DELETE', `/probe/things/${crypto.randomUUID()}`, as)
    assert.equal(removed.status, 204)
    assert.equal(removed.text, '')
  }))

Deno.test('routes: one transaction per request: a failure after a write leaves nothing behind', () =>
  withTestDeps(probe, async ({ deps, handler }) => {
    const { tenant, as } = await ownerWithTenant(deps)
    await expectProblem(
      handler,
      'POST',
      '/probe/fail-after-write',
      { ...as, body: { note: 'x' } },
      409,
      'probe_failed',
    )
    assert.deepEqual(await auditTrail(deps, tenant.id), [])
    const invalid = await expectProblem(
      handler,
      'POST',
      '/probe/fail-after-write',
      { ...as, body: { note: '' } },
      400,
      'validation_failed',
    )
    assert.deepEqual(invalid.errors!.map((e) => e.field), ['note'])
  }))

Deno.test('routes: a response that breaks its contract is a 500 naming the route when checking is on', async () => {
  await withTestDeps(probe, async ({ deps, handler }) => {
    const { as } = await ownerWithTenant(deps)
    const problem = await expectProblem(
      handler,
      'GET',
      `/probe/things/${crypto.randomUUID()}?broken=yes`,
      as,
      500,
      'response_contract_violation',
    )
    assert.match(problem.detail!, /GET \/probe\/things\/:id: name:/)

    // Production does not check: the caller gets what the operation returned.
    const unchecked = probe.createHandler({ ...deps, env: { ...deps.env, VALIDATE_RESPONSES: false } })
    const sent = await call(unchecked, 'GET', `/probe/things/${crypto.randomUUID()}?broken=yes`, as)
    assert.equal(sent.status, 200)
    assert.equal(sent.body.name, 42)
  })
})

Deno.test('routes: a provider-signed route gets the raw body, no user token needed', () =>
  withTestDeps(probe, async ({ handler }) => {
    const tenant = crypto.randomUUID()
    const raw = '{"event":"call.ended"}'
    const res = await call(handler, 'POST', `/probe/hooks/${tenant}`, { body: raw })
    assert.equal(res.status, 200, res.text)
    assert.deepEqual(res.body, { bytes: raw.length, event: 'call.ended', tenant })
    const malformed = await call(handler, 'POST', `/probe/hooks/${tenant}`, { body: '{"event":' })
    assert.equal(malformed.status, 400)
  }))

Deno.test('routes: deep JSON is a 400 before parsing; NUL and lone surrogates are 400s naming the field', () =>
  withTestDeps(probe, async ({ deps, handler }) => {
    const { tenant, as } = await ownerWithTenant(deps)
    for (const depth of [33, 4_000, 30_000]) {
      const deep = '['.repeat(depth) + ']'.repeat(depth)
      await expectProblem(
        handler,
        'POST',
        '/probe/fail-after-write',
        { ...as, body: deep },
        400,
        'json_too_deep',
      )
    }
    // Raw JSON text: the escapes reach the parser as written, as a client's would.
    const bodies: [string, string][] = [
      ['{"note":"a\\u0000b"}', 'note'],
      ['{"note":"\\ud800"}', 'note'],
      ['{"note":"ok","extra":{"list":["x","\\udfff y"]}}', 'extra.list.1'],
      ['{"note":"ok","k\\u0000ey":1}', 'k\\u0000ey'],
    ]
    for (const [body, field] of bodies) {
      const problem = await expectProblem(
        handler,
        'POST',
        '/probe/fail-after-write',
        { ...as, body },
        400,
        'validation_failed',
      )
      assert.deepEqual(problem.errors!.map((e) => [e.field, e.code]), [[field, 'invalid_text']], body)
    }
    const inQuery = await expectProblem(
      handler,
      'GET',
      `/probe/things/${crypto.randomUUID()}?broken=%00`,
      as,
      400,
      'validation_failed',
    )
    assert.deepEqual(inQuery.errors!.map((e) => e.field), ['query.broken'])
    const inPath = await expectProblem(
      handler,
      'GET',
      '/probe/things/%ED%A0%80',
      as,
      400,
      'validation_failed',
    )
    assert.equal(inPath.errors![0].field, 'path.id')
    assert.deepEqual(await auditTrail(deps, tenant.id), [], 'nothing reached the operation')
  }))
