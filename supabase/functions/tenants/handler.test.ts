import assert from 'node:assert/strict'
import type { ListTenantsResponse, Tenant } from '../../../shared/contracts/tenants.ts'
import { DEFAULT_ROLE_PERMISSIONS } from '../../../shared/permissions.ts'
import {
  addMember,
  auditTrail,
  call,
  createTenant,
  expectProblem,
  memberWithRole,
  origin,
  ownerWithTenant,
  signUp,
  TENANT_BODY,
  withTestDeps,
} from '../_shared/testing.ts'
import tenants from './handler.ts'

Deno.test('tenants: create makes the caller owner; list shows role and permissions; audited', () =>
  withTestDeps(tenants, async ({ deps, handler }) => {
    const owner = await signUp('owner')
    const empty = await call<ListTenantsResponse>(handler, 'GET', '/tenants', { token: owner.token })
    assert.deepEqual(empty.body, { items: [], next_cursor: null })

    const created = await call<Tenant>(handler, 'POST', '/tenants', {
      token: owner.token,
      body: { ...TENANT_BODY, name: '  Cabinet Émile & Fils ', country: 'fr' },
    })
    assert.equal(created.status, 201, created.text)
    assert.equal(created.body.name, 'Cabinet Émile & Fils')
    assert.match(created.body.slug, /^cabinet-emile-fils(-\d+)?$/)
    assert.equal(created.body.country, 'FR')
    assert.equal(created.body.timezone, 'Europe/Paris')
    assert.equal(created.body.owner_phone, null)
    assert.ok(!Number.isNaN(Date.parse(created.body.created_at)))

    // Same name again: a distinct slug.
    const again = await createTenant(deps, owner, 'Cabinet Émile & Fils')
    assert.notEqual(again.slug, created.body.slug)

    const listed = await call<ListTenantsResponse>(handler, 'GET', '/tenants', { token: owner.token })
    assert.equal(listed.status, 200)
    assert.equal(listed.body.items.length, 2)
    const mine = listed.body.items.find((t) => t.id === created.body.id)!
    assert.equal(mine.role.name, 'owner')
    assert.deepEqual([...mine.permissions].sort(), [...DEFAULT_ROLE_PERMISSIONS.owner].sort())

    const [entry] = await auditTrail(deps, created.body.id)
    assert.deepEqual({ actor: entry.actor, action: entry.action, target: entry.target }, {
      actor: owner.id,
      action: 'tenant.created',
      target: `tenant:${created.body.id}`,
    })
  }))

Deno.test('tenants: list shows only active memberships, each with its own role', () =>
  withTestDeps(tenants, async ({ deps, handler }) => {
    const owner = await signUp('owner')
    const member = await signUp('member')
    const a = await createTenant(deps, owner, 'Garage A')
    const b = await createTenant(deps, owner, 'Garage B')
    await addMember(deps, a.id, member, 'viewer')
    await addMember(deps, b.id, member, 'agent')
    await deps.db.asService((tx) =>
      tx`update public.memberships set status = 'disabled' where tenant_id = ${b.id} and user_id = ${member.id}`
    )
    const listed = await call<ListTenantsResponse>(handler, 'GET', '/tenants', { token: member.token })
    assert.deepEqual(listed.body.items.map((t) => [t.name, t.role.name]), [['Garage A', 'viewer']])
    assert.deepEqual(listed.body.items[0].permissions, DEFAULT_ROLE_PERMISSIONS.viewer)

    const stranger = await signUp('stranger')
    const none = await call<ListTenantsResponse>(handler, 'GET', '/tenants', { token: stranger.token })
    assert.deepEqual(none.body.items, [])
  }))

Deno.test('tenants: the list pages by name with a keyset cursor; bad cursors and limits are 400s', () =>
  withTestDeps(tenants, async ({ deps, handler }) => {
    const owner = await signUp('owner')
    for (const name of ['Salon C', 'Salon A', 'Salon B']) await createTenant(deps, owner, name)
    const as = { token: owner.token }
    const first = await call<ListTenantsResponse>(handler, 'GET', '/tenants?limit=2', as)
    assert.equal(first.status, 200, first.text)
    assert.deepEqual(first.body.items.map((t) => t.name), ['Salon A', 'Salon B'])
    assert.ok(first.body.next_cursor)

    // A tenant created between two pages, sorting before the cursor, neither shifts nor repeats rows.
    await createTenant(deps, owner, 'Salon 0')
    const second = await call<ListTenantsResponse>(
      handler,
      'GET',
      `/tenants?limit=2&cursor=${first.body.next_cursor}`,
      as,
    )
    assert.deepEqual(second.body.items.map((t) => t.name), ['Salon C'])
    assert.equal(second.body.next_cursor, null)

    const forged = await expectProblem(
      handler,
      'GET',
      '/tenants?cursor=bm90LWEtY3Vyc29y',
      as,
      400,
      'validation_failed',
    )
    assert.deepEqual(forged.errors!.map((e) => [e.field, e.code]), [['query.cursor', 'invalid_cursor']])
    for (const limit of ['0', '101', 'ten']) {
      const bad = await expectProblem(handler, 'GET', `/tenants?limit=${limit}`, as, 400, 'validation_failed')
      assert.deepEqual(bad.errors!.map((e) => e.field), ['query.limit'])
    }
  }))

Deno.test('tenants: bad bodies are 4xx problems naming each field, and nothing is created', () =>
  withTestDeps(tenants, async ({ handler }) => {
    const user = await signUp()
    const bad = await expectProblem(
      handler,
      'POST',
      '/tenants',
      {
        token: user.token,
        body: { name: '', country: 'France', language: 'de', timezone: 'Mars/Olympus', profession: 'wizard' },
      },
      400,
      'validation_failed',
    )
    assert.deepEqual(bad.errors!.map((e) => e.field).sort(), [
      'country',
      'language',
      'name',
      'profession',
      'timezone',
    ])
    for (const e of bad.errors!) assert.ok(e.message && e.code)

    const missing = await expectProblem(
      handler,
      'POST',
      '/tenants',
      { token: user.token, body: {} },
      400,
      'validation_failed',
    )
    assert.equal(missing.errors!.length, 5)
    await expectProblem(
      handler,
      'POST',
      '/tenants',
      { token: user.token, body: [] },
      400,
      'validation_failed',
    )
    await expectProblem(
      handler,
      'POST',
      '/tenants',
      { token: user.token, body: '{"name":' },
      400,
      'malformed_json',
    )
    await expectProblem(
      handler,
      'POST',
      '/tenants',
      {
        token: user.token,
        body: JSON.stringify(TENANT_BODY),
        headers: { 'content-type': 'text/plain' },
      },
      415,
      'unsupported_media_type',
    )
    await expectProblem(
      handler,
      'POST',
      '/tenants',
      {
        token: user.token,
        body: { ...TENANT_BODY, padding: 'x'.repeat(70_000) },
      },
      413,
      'payload_too_large',
    )

    const listed = await call<ListTenantsResponse>(handler, 'GET', '/tenants', { token: user.token })
    assert.deepEqual(listed.body.items, [])
  }))

Deno.test('http: CORS preflight without a token, request ids, unknown routes', () =>
  withTestDeps(tenants, async ({ handler }) => {
    const preflight = await handler(
      new Request('http://127.0.0.1/tenants', {
        method: 'OPTIONS',
        headers: {
          origin: origin(),
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization, x-tenant-id, content-type, apikey, x-client-info',
        },
      }),
    )
    assert.equal(preflight.status, 204)
    assert.equal(preflight.headers.get('access-control-allow-origin'), origin())
    const allowed = preflight.headers.get('access-control-allow-headers')!.toLowerCase()
    for (const h of ['authorization', 'x-tenant-id', 'apikey', 'x-client-info']) {
      assert.ok(allowed.includes(h))
    }

    const foreign = await handler(
      new Request('http://127.0.0.1/tenants', {
        method: 'OPTIONS',
        headers: { origin: 'https://evil.test' },
      }),
    )
    assert.equal(foreign.headers.get('access-control-allow-origin'), null)

    const user = await signUp()
    const traced = await call(handler, 'GET', '/tenants', {
      token: user.token,
      headers: { 'x-request-id': 'abc-123' },
    })
    assert.equal(traced.headers.get('x-request-id'), 'abc-123')
    const problem = await expectProblem(
      handler,
      'GET',
      '/tenants/nope',
      { token: user.token },
      404,
      'route_not_found',
    )
    assert.ok(problem.request_id)
    const missing = await call(handler, 'GET', '/tenants', {})
    assert.equal(
      missing.headers.get('access-control-allow-origin'),
      origin(),
      'errors keep CORS',
    )
    assert.ok(missing.headers.get('x-request-id'))
  }))

Deno.test('tenants: owner_phone is parsed with the country as default region and stored in E.164', () =>
  withTestDeps(tenants, async ({ handler }) => {
    const owner = await signUp('owner')
    const created = await call<Tenant>(handler, 'POST', '/tenants', {
      token: owner.token,
      body: { ...TENANT_BODY, owner_phone: '06 12 34 56 78' },
    })
    assert.equal(created.status, 201, created.text)
    assert.equal(created.body.owner_phone, '+33612345678')

    const abroad = await call<Tenant>(handler, 'POST', '/tenants', {
      token: owner.token,
      body: { ...TENANT_BODY, name: 'Cabinet Bruxelles', owner_phone: '+32 470 12 34 56' },
    })
    assert.equal(abroad.body.owner_phone, '+32470123456')

    const bad = await expectProblem(
      handler,
      'POST',
      '/tenants',
      {
        token: owner.token,
        body: { ...TENANT_BODY, name: 'Cabinet Faux', owner_phone: '12' },
      },
      400,
      'validation_failed',
    )
    assert.deepEqual(bad.errors!.map((e) => [e.field, e.code]), [['owner_phone', 'invalid_phone_number']])
    assert.match(bad.errors![0].message, /FR/)
    const listed = await call<ListTenantsResponse>(handler, 'GET', '/tenants', { token: owner.token })
    assert.deepEqual(listed.body.items.map((t) => t.name).sort(), ['Cabinet Bruxelles', 'Cabinet Test'])
    const mine = listed.body.items.find((t) => t.id === created.body.id)!
    assert.equal(mine.owner_phone, '+33612345678', 'the list shows it too')
  }))

Deno.test('tenants: PATCH /current changes the fields sent; owner_phone null removes it; audited', () =>
  withTestDeps(tenants, async ({ deps, handler }) => {
    const { owner, tenant, as } = await ownerWithTenant(deps)
    const set = await call<Tenant>(handler, 'PATCH', '/tenants/current', {
      ...as,
      body: { owner_phone: '01 23 45 67 89' },
    })
    assert.equal(set.status, 200, set.text)
    assert.equal(set.body.owner_phone, '+33123456789')
    assert.equal(set.body.name, tenant.name, 'fields not sent are kept')

    // The new country is the default region of a phone sent with it.
    const moved = await call<Tenant>(handler, 'PATCH', '/tenants/current', {
      ...as,
      body: { country: 'be', owner_phone: '0470 12 34 56', name: 'Cabinet Liège' },
    })
    assert.equal(moved.status, 200, moved.text)
    assert.deepEqual([moved.body.country, moved.body.owner_phone, moved.body.name], [
      'BE',
      '+32470123456',
      'Cabinet Liège',
    ])

    const bad = await expectProblem(
      handler,
      'PATCH',
      '/tenants/current',
      {
        ...as,
        body: { owner_phone: 'call me maybe' },
      },
      400,
      'validation_failed',
    )
    assert.deepEqual(bad.errors!.map((e) => e.field), ['owner_phone'])

    const cleared = await call<Tenant>(handler, 'PATCH', '/tenants/current', {
      ...as,
      body: { owner_phone: null },
    })
    assert.equal(cleared.body.owner_phone, null)

    const trail = (await auditTrail(deps, tenant.id)).filter((e) => e.action === 'tenant.updated')
    assert.deepEqual(trail.map((e) => [e.actor, e.details.owner_phone]), [
      [owner.id, '+33123456789'],
      [owner.id, '+32470123456'],
      [owner.id, null],
    ])
  }))

Deno.test('tenants: PATCH /current needs tenant.manage; a non-member gets 404', () =>
  withTestDeps(tenants, async ({ deps, handler }) => {
    const { tenant } = await ownerWithTenant(deps)
    const viewer = await memberWithRole(deps, tenant.id, 'viewer')
    const forbidden = await expectProblem(
      handler,
      'PATCH',
      '/tenants/current',
      {
        ...viewer.as,
        body: { owner_phone: '+33612345678' },
      },
      403,
      'forbidden',
    )
    assert.match(forbidden.detail ?? '', /tenant\.manage/)
    const stranger = await signUp('stranger')
    await expectProblem(
      handler,
      'PATCH',
      '/tenants/current',
      {
        token: stranger.token,
        tenant: tenant.id,
        body: { owner_phone: '+33612345678' },
      },
      404,
      'tenant_not_found',
    )
    const [row] = await deps.db.asService((tx) =>
      tx<{ owner_phone: string | null }[]>`select owner_phone from public.tenants where id = ${tenant.id}`
    )
    assert.equal(row.owner_phone, null, 'nothing changed')
  }))
