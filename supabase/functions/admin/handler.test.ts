import assert from 'node:assert/strict'
import type {
  AdminMe,
  PromptTemplate,
  TemplatePreview,
  VirtualNumber,
} from '../../../shared/contracts/admin.ts'
import type { Page } from '../../../shared/contracts/pagination.ts'
import type { CoreDeps } from '../_shared/deps.ts'
import { createLogger } from '../_shared/log.ts'
import {
  anonKey,
  call,
  expectProblem,
  ownerWithTenant,
  signUp,
  supabaseUrl,
  type TestUser,
  withTestDeps,
} from '../_shared/testing.ts'
import admin from './handler.ts'

/** A new user made a platform admin by the service role, as operators (and the demo seed) do. */
async function platformAdmin(deps: CoreDeps): Promise<TestUser> {
  const user = await signUp('platform-admin')
  await deps.db.asService((tx) => tx`insert into public.platform_admins (user_id) values (${user.id})`)
  return user
}

/** A free Paris number (+33 1 84 80 xx xx), different on each call. */
const parisNumber = () => `+331848${String(Math.floor(Math.random() * 1e5)).padStart(5, '0')}`

const TEMPLATE = {
  profession: 'veterinarian',
  language: 'en',
  name: 'Vet clinic',
  first_message: 'Hello, [BUSINESS_NAME] here.',
  body: 'You answer for [USER_NAME] at [BUSINESS_NAME], a [PROFESSION] in [TIMEZONE].',
}

/** Makes room for TEMPLATE's (profession, language), which another run or the seed may hold. */
async function clearTemplate(deps: CoreDeps, profession: string, language: string) {
  await deps.db.asService((tx) =>
    tx`delete from public.prompt_templates where profession = ${profession} and language = ${language}`
  )
}

Deno.test('admin: a non-admin gets 403 platform_admin_required on every admin route, and RLS refuses them', () =>
  withTestDeps(admin, async ({ deps, handler }) => {
    const { owner, tenant } = await ownerWithTenant(deps)
    const as = { token: owner.token }

    const me = await call<AdminMe>(handler, 'GET', '/admin/me', as)
    assert.equal(me.status, 200, me.text)
    assert.deepEqual(me.body, { platform_admin: false })

    const [template] = await deps.db.asService((tx) =>
      tx<{ id: string }[]>`select id from public.prompt_templates limit 1`
    )
    const id = template?.id ?? crypto.randomUUID()
    const routes: [string, string, unknown?][] = [
      ['GET', '/admin/templates'],
      ['POST', '/admin/templates', TEMPLATE],
      ['PATCH', `/admin/templates/${id}`, { name: 'Hijacked' }],
      ['DELETE', `/admin/templates/${id}`],
      ['POST', '/admin/templates/preview', { body: '[USER_NAME]', tenant_id: tenant.id }],
      ['GET', '/admin/tenants?query=Cabinet'],
      ['GET', '/admin/virtual-numbers'],
      ['POST', '/admin/virtual-numbers', { number: parisNumber(), country: 'FR', provider: 'twilio' }],
      ['DELETE', `/admin/virtual-numbers/${crypto.randomUUID()}`],
    ]
    assert.equal(routes.length, Object.keys(admin.contract.routes).length - 1, 'every route but /me')
    for (const [method, path, body] of routes) {
      await expectProblem(handler, method, path, { ...as, body }, 403, 'platform_admin_required')
    }
    await expectProblem(handler, 'GET', '/admin/templates', {}, 401, 'missing_token')

    // RLS, the second wall: the same user writing directly into the platform tables.
    const claims = await deps.verifyJwt(owner.token)
    await assert.rejects(
      deps.db.asUser(claims, (tx) =>
        tx`insert into public.prompt_templates (profession, language, name, body)
           values ('garage', 'fr', 'Intruder', 'x')`),
      (e: Error & { code?: string }) => e.code === 'forbidden',
    )
    await assert.rejects(
      deps.db.asUser(
        claims,
        (tx) =>
          tx`insert into public.virtual_numbers (number, country, provider) values (${parisNumber()}, 'FR', 'twilio')`,
      ),
      (e: Error & { code?: string }) => e.code === 'forbidden',
    )
    await assert.rejects(
      deps.db.asUser(claims, (tx) => tx`select * from private.admin_tenant_profile(${tenant.id})`),
      (e: Error & { code?: string }) => e.code === 'forbidden',
    )
  }))

Deno.test('admin: a platform admin creates, lists, changes and deletes templates, each logged as an audit event', () => {
  const events: { event: string; actor: string; target: string }[] = []
  const log = createLogger((_level, line) => events.push(JSON.parse(line)))
  return withTestDeps(admin, async ({ deps, handler }) => {
    const user = await platformAdmin(deps)
    const as = { token: user.token }
    await clearTemplate(deps, TEMPLATE.profession, TEMPLATE.language)

    const me = await call<AdminMe>(handler, 'GET', '/admin/me', as)
    assert.deepEqual(me.body, { platform_admin: true })

    const created = await call<PromptTemplate>(handler, 'POST', '/admin/templates', { ...as, body: TEMPLATE })
    assert.equal(created.status, 201, created.text)
    assert.equal(created.body.name, 'Vet clinic')
    assert.equal(created.body.updated_by, user.id)
    assert.deepEqual(created.body.placeholders, ['USER_NAME', 'BUSINESS_NAME', 'PROFESSION', 'TIMEZONE'])

    const duplicate = await expectProblem(
      handler,
      'POST',
      '/admin/templates',
      { ...as, body: TEMPLATE },
      409,
      'template_exists',
    )
    assert.match(duplicate.detail!, /veterinarian in en/)

    // The seeded defaults are there, with the new one, in (profession, language) order, page by page.
    const all: PromptTemplate[] = []
    let cursor: string | null = null
    do {
      const res: { status: number; body: Page<PromptTemplate> } = await call<Page<PromptTemplate>>(
        handler,
        'GET',
        `/admin/templates?limit=5${cursor ? `&cursor=${cursor}` : ''}`,
        as,
      )
      assert.equal(res.status, 200)
      all.push(...res.body.items)
      cursor = res.body.next_cursor
    } while (cursor)
    const keys = all.map((t) => `${t.profession}/${t.language}`)
    for (const key of ['default/en', 'default/fr', 'doctor/fr', 'real_estate/en', 'veterinarian/en']) {
      assert.ok(keys.includes(key), `${key} listed`)
    }
    assert.deepEqual(keys, [...keys].sort(), 'ordered by profession then language')

    const patched = await call<PromptTemplate>(handler, 'PATCH', `/admin/templates/${created.body.id}`, {
      ...as,
      body: { name: 'Veterinary clinic', first_message: 'Hi from [BUSINESS_NAME]' },
    })
    assert.equal(patched.status, 200, patched.text)
    assert.equal(patched.body.name, 'Veterinary clinic')
    assert.equal(patched.body.body, TEMPLATE.body, 'fields not sent keep their value')

    const defaultEn = all.find((t) => t.profession === 'default' && t.language === 'en')!
    await expectProblem(
      handler,
      'PATCH',
      `/admin/templates/${created.body.id}`,
      {
        ...as,
        body: { profession: 'default' },
      },
      409,
      'template_exists',
    )
    await expectProblem(
      handler,
      'PATCH',
      `/admin/templates/${defaultEn.id}`,
      {
        ...as,
        body: { profession: 'physiotherapist' },
      },
      409,
      'default_template_protected',
    )
    await expectProblem(
      handler,
      'DELETE',
      `/admin/templates/${defaultEn.id}`,
      as,
      409,
      'default_template_protected',
    )

    const deleted = await call(handler, 'DELETE', `/admin/templates/${created.body.id}`, as)
    assert.equal(deleted.status, 204, deleted.text)
    await expectProblem(
      handler,
      'DELETE',
      `/admin/templates/${created.body.id}`,
      as,
      404,
      'template_not_found',
    )
    await expectProblem(
      handler,
      'PATCH',
      `/admin/templates/${created.body.id}`,
      {
        ...as,
        body: { name: 'x' },
      },
      404,
      'template_not_found',
    )

    const target = `prompt_template:${created.body.id}`
    assert.deepEqual(
      events.filter((e) => e.event.startsWith('admin.')).map((e) => [e.event, e.actor, e.target]),
      [
        ['admin.template.created', user.id, target],
        ['admin.template.updated', user.id, target],
        ['admin.template.deleted', user.id, target],
      ],
    )
  }, { log })
})

Deno.test('admin: unknown placeholders are a 422 naming the field, and nothing is written', () =>
  withTestDeps(admin, async ({ deps, handler }) => {
    const user = await platformAdmin(deps)
    await clearTemplate(deps, TEMPLATE.profession, TEMPLATE.language)
    const problem = await expectProblem(
      handler,
      'POST',
      '/admin/templates',
      {
        token: user.token,
        body: { ...TEMPLATE, body: 'Hello [USER_NAME], see [OPENING_HOURS] and [PRICE_LIST].' },
      },
      422,
      'unknown_placeholders',
    )
    assert.deepEqual(problem.errors!.map((e) => e.field), ['body'])
    assert.match(problem.errors![0].message, /\[OPENING_HOURS\], \[PRICE_LIST\]/)
    const [{ n }] = await deps.db.asService((tx) =>
      tx<{ n: number }[]>`select count(*)::int as n from public.prompt_templates
                          where profession = ${TEMPLATE.profession} and language = ${TEMPLATE.language}`
    )
    assert.equal(n, 0)

    const bad = await expectProblem(
      handler,
      'POST',
      '/admin/templates',
      {
        token: user.token,
        body: { ...TEMPLATE, profession: 'astronaut', name: '' },
      },
      400,
      'validation_failed',
    )
    assert.deepEqual(bad.errors!.map((e) => e.field).sort(), ['name', 'profession'])
  }))

Deno.test("admin: the preview renders a template with any tenant's profile and its owner's name", () =>
  withTestDeps(admin, async ({ deps, handler }) => {
    const user = await platformAdmin(deps)
    const as = { token: user.token }
    const { owner, tenant } = await ownerWithTenant(deps)
    // The owner names themselves through the auth API, as the SPA's profile form does.
    const named = await fetch(`${supabaseUrl()}/auth/v1/user`, {
      method: 'PUT',
      headers: {
        apikey: anonKey(),
        authorization: `Bearer ${owner.token}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ data: { full_name: 'Claire Martin' } }),
    })
    assert.equal(named.status, 200, await named.text())

    const preview = await call<TemplatePreview>(handler, 'POST', '/admin/templates/preview', {
      ...as,
      body: {
        body:
          '[USER_NAME], [PROFESSION] at [BUSINESS_NAME] ([TIMEZONE], [LANGUAGE]); call [OWNER_PHONE]. [FOO]',
        first_message: 'Bonjour, [BUSINESS_NAME] [BAR]',
        tenant_id: tenant.id,
      },
    })
    assert.equal(preview.status, 200, preview.text)
    assert.deepEqual(preview.body, {
      text: 'Claire Martin, médecin at Cabinet Test (Europe/Paris, français); call [OWNER_PHONE]. [FOO]',
      first_message: 'Bonjour, Cabinet Test [BAR]',
      unknown: ['FOO', 'BAR'],
      missing: ['OWNER_PHONE'],
    })

    await expectProblem(
      handler,
      'POST',
      '/admin/templates/preview',
      {
        ...as,
        body: { body: 'x', tenant_id: crypto.randomUUID() },
      },
      404,
      'tenant_not_found',
    )

    // The picker finds the tenant though the admin is no member of it.
    const unique = `Zeta ${crypto.randomUUID().slice(0, 8)}`
    await deps.db.asService((tx) => tx`update public.tenants set name = ${unique} where id = ${tenant.id}`)
    const found = await call<Page<{ id: string; name: string }>>(
      handler,
      'GET',
      `/admin/tenants?query=${encodeURIComponent(unique.toLowerCase())}`,
      as,
    )
    assert.equal(found.status, 200, found.text)
    assert.deepEqual(found.body.items.map((t) => t.id), [tenant.id])
    const wildcard = await call<Page<unknown>>(handler, 'GET', '/admin/tenants?query=%25%25zz_no', as)
    assert.deepEqual(wildcard.body.items, [], 'LIKE wildcards in the query match themselves')
  }))

Deno.test('admin: the virtual-number pool: add (normalised), list with holders, duplicates, mismatches, deletes', () =>
  withTestDeps(admin, async ({ deps, handler }) => {
    const user = await platformAdmin(deps)
    const as = { token: user.token }
    const e164 = parisNumber()
    const typed = `0${e164.slice(3, 4)} ${e164.slice(4, 6)} ${e164.slice(6, 8)} ${e164.slice(8, 10)} ${
      e164.slice(10)
    }`

    const added = await call<VirtualNumber>(handler, 'POST', '/admin/virtual-numbers', {
      ...as,
      body: { number: typed, country: 'fr', provider: 'telnyx' },
    })
    assert.equal(added.status, 201, added.text)
    assert.equal(added.body.number, e164)
    assert.equal(added.body.country, 'FR')
    assert.equal(added.body.tenant, null)

    await expectProblem(
      handler,
      'POST',
      '/admin/virtual-numbers',
      {
        ...as,
        body: { number: e164, country: 'FR', provider: 'twilio' },
      },
      409,
      'virtual_number_exists',
    )

    const mismatch = await expectProblem(
      handler,
      'POST',
      '/admin/virtual-numbers',
      {
        ...as,
        body: { number: '+3225880199', country: 'FR', provider: 'twilio' },
      },
      400,
      'validation_failed',
    )
    assert.deepEqual(mismatch.errors!.map((e) => [e.field, e.code]), [['number', 'country_mismatch']])
    const invalid = await expectProblem(
      handler,
      'POST',
      '/admin/virtual-numbers',
      {
        ...as,
        body: { number: '12', country: 'FR', provider: 'twilio' },
      },
      400,
      'validation_failed',
    )
    assert.deepEqual(invalid.errors!.map((e) => e.field), ['number'])
    await expectProblem(
      handler,
      'POST',
      '/admin/virtual-numbers',
      {
        ...as,
        body: { number: e164, country: 'FR', provider: 'sinch' },
      },
      400,
      'validation_failed',
    )

    // A tenant takes a second number; the list names it and filters by status and country.
    const held = await call<VirtualNumber>(handler, 'POST', '/admin/virtual-numbers', {
      ...as,
      body: { number: parisNumber(), country: 'FR', provider: 'twilio' },
    })
    const { tenant } = await ownerWithTenant(deps)
    await deps.db.asService((tx) =>
      tx`update public.virtual_numbers set tenant_id = ${tenant.id}, assigned_at = now() where id = ${held.body.id}`
    )
    const list = async (query: string) => {
      const items: VirtualNumber[] = []
      let cursor: string | null = null
      do {
        const res: { status: number; body: Page<VirtualNumber>; text: string } = await call<
          Page<VirtualNumber>
        >(
          handler,
          'GET',
          `/admin/virtual-numbers?limit=2&${query}${cursor ? `&cursor=${cursor}` : ''}`,
          as,
        )
        assert.equal(res.status, 200, res.text)
        items.push(...res.body.items)
        cursor = res.body.next_cursor
      } while (cursor)
      return items
    }
    const assigned = await list('status=assigned&country=FR')
    const mine = assigned.find((v) => v.id === held.body.id)!
    assert.deepEqual(mine.tenant, { id: tenant.id, name: tenant.name })
    assert.ok(mine.assigned_at)
    assert.ok(assigned.every((v) => v.tenant !== null && v.country === 'FR'))
    const available = await list('status=available&country=fr')
    assert.ok(available.some((v) => v.id === added.body.id))
    assert.ok(!available.some((v) => v.id === held.body.id))
    assert.deepEqual(
      await list('country=BE&status=available').then((v) => v.filter((x) => x.country !== 'BE')),
      [],
    )

    const refused = await expectProblem(
      handler,
      'DELETE',
      `/admin/virtual-numbers/${held.body.id}`,
      as,
      409,
      'virtual_number_held',
    )
    assert.match(refused.detail!, new RegExp(tenant.name))

    const removed = await call(handler, 'DELETE', `/admin/virtual-numbers/${added.body.id}`, as)
    assert.equal(removed.status, 204, removed.text)
    await expectProblem(
      handler,
      'DELETE',
      `/admin/virtual-numbers/${added.body.id}`,
      as,
      404,
      'virtual_number_not_found',
    )
  }))
