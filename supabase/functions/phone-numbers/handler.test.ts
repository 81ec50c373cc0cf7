/**
 * phone-numbers against the real stack and the Vapi sandbox: each source (free Vapi number, Twilio import,
 * the country pool), Vapi's refusals, assignment to assistants and workflows as Vapi sees it, release back to
 * the pool, permissions and tenant isolation (checked on the Vapi side with each tenant's own key).
 */
import assert from 'node:assert/strict'
import type { VapiClient } from '@vapi-ai/server-sdk'
import type {
  ListPhoneNumbersResponse,
  PhoneNumber,
  PhoneNumberAnswerers,
  PhoneNumberOptions,
} from '../../../shared/contracts/phone-numbers.ts'
import {
  auditTrail,
  call,
  credentialCount,
  expectProblem,
  memberWithRole,
  ownerWithTenant,
  type RequestOptions,
  signUp,
  storedCredential,
  voiceTenant,
  withTestDeps,
} from '../_shared/testing.ts'
import type { VoiceDeps } from '../_shared/voice.ts'
import phoneNumbers from './handler.ts'

type Deps = VoiceDeps & { pool: Record<string, string | undefined> }
const TWILIO_SID = 'AC' + 'ab12'.repeat(8)
const TWILIO_TOKEN = 'twilio-secret-token-1f9e8d7c'

/** A tenant with its own Vapi organisation, its owner's phone (as typed) stored in E.164 when given. */
function tenantWithVapi(deps: Deps, ownerPhone?: string) {
  return voiceTenant(deps, { ownerPhone: ownerPhone?.replace(/\s/g, '') })
}

/** An assistant as the assistants function would leave it: in Vapi, then our row (as the service role). */
async function assistant(deps: Deps, tenant: string, vapi: VapiClient, name: string, active: boolean) {
  const created = await vapi.assistants.create({ name })
  const [row] = await deps.db.asService((tx) =>
    tx<{ id: string }[]>`
      insert into public.assistants (tenant_id, vapi_id, name, active)
      values (${tenant}, ${created.id}, ${name}, ${active}) returning id`
  )
  return { id: row.id, vapiId: created.id }
}

/** A workflow: a squad in Vapi of one assistant, then our row. */
async function workflow(deps: Deps, tenant: string, vapi: VapiClient, name: string) {
  const member = await vapi.assistants.create({ name: `${name} step` })
  const squad = await vapi.squads.create({ name, members: [{ assistantId: member.id }] })
  const [row] = await deps.db.asService((tx) =>
    tx<{ id: string }[]>`
      insert into public.workflows (tenant_id, vapi_id, name) values (${tenant}, ${squad.id}, ${name}) returning id`
  )
  return { id: row.id, vapiId: squad.id }
}

/** Free numbers in the pool, inserted as the service role (as a platform admin would). */
async function stockPool(deps: Deps, numbers: Record<string, string>) {
  await deps.db.asService(async (tx) => {
    for (const [country, number] of Object.entries(numbers)) {
      await tx`insert into public.virtual_numbers (number, country, provider) values (${number}, ${country}, 'twilio')`
    }
  })
}

const digits = (n: number) => Array.from(crypto.getRandomValues(new Uint8Array(n)), (b) => b % 10).join('')
/** A North American subscriber number: its exchange starts with 2 to 9. */
const nanp = (areaCode: string) =>
  `+1${areaCode}${2 + (crypto.getRandomValues(new Uint8Array(1))[0] % 8)}${digits(6)}`

async function numberRows(deps: Deps, tenant: string): Promise<number> {
  const [{ n }] = await deps.db.asService((tx) =>
    tx<{ n: number }[]>`select count(*)::int as n from public.phone_numbers where tenant_id = ${tenant}`
  )
  return n
}

async function create(handler: (r: Request) => Promise<Response>, as: RequestOptions, body: unknown) {
  return await call<PhoneNumber>(handler, 'POST', '/phone-numbers', { ...as, body })
}

Deno.test('phone-numbers: a free Vapi number in a US area code, with our server and the owner as fallback', () =>
  withTestDeps(phoneNumbers, async ({ deps, handler }) => {
    const { owner, tenant, as, vapi } = await tenantWithVapi(deps, '+33612345678')
    const created = await create(handler, as, { source: 'vapi', area_code: '415', name: 'Front desk' })
    assert.equal(created.status, 201, created.text)
    const n = created.body
    assert.equal(n.source, 'vapi')
    assert.equal(n.name, 'Front desk')
    assert.match(n.number, /^\+1415\d{7}$/)
    assert.equal(n.country, 'US')
    assert.deepEqual(n.answered_by, { type: 'nobody', fallback_number: '+33612345678' })
    assert.deepEqual([n.assistant_id, n.workflow_id], [null, null])

    const inVapi = await vapi.phoneNumbers.get({ id: n.vapi_id }) as unknown as Record<string, unknown>
    assert.equal(inVapi.number, n.number)
    assert.equal(inVapi.name, 'Front desk')
    assert.match(String((inVapi.server as { url: string }).url), new RegExp(`/vapi/${tenant.id}$`))
    assert.deepEqual(inVapi.fallbackDestination, { type: 'number', number: '+33612345678' })

    const got = await call<PhoneNumber>(handler, 'GET', `/phone-numbers/${n.id}`, as)
    assert.deepEqual(got.body, n)
    const listed = await call<ListPhoneNumbersResponse>(handler, 'GET', '/phone-numbers', as)
    assert.deepEqual(listed.body.items.map((i) => i.id), [n.id])
    const trail = (await auditTrail(deps, tenant.id)).filter((e) => e.action.startsWith('phone_numbers.'))
    assert.deepEqual(trail.map((e) => [e.action, e.actor, e.target]), [
      ['phone_numbers.created', owner.id, `phone_number:${n.id}`],
    ])
  }))

Deno.test('phone-numbers: Vapi refuses a 6th free number and a non-US area code: 422, its message, no row', () =>
  withTestDeps(phoneNumbers, async ({ deps, handler }) => {
    const { tenant, as, vapi } = await tenantWithVapi(deps)
    const canadian = await expectProblem(
      handler,
      'POST',
      '/phone-numbers',
      {
        ...as,
        body: { source: 'vapi', area_code: '514' },
      },
      422,
      'vapi_rejected',
    )
    assert.match(canadian.detail ?? '', /514 is not a US area code/)
    assert.equal(await numberRows(deps, tenant.id), 0)

    for (const code of ['212', '305', '415', '512', '617']) {
      const ok = await create(handler, as, { source: 'vapi', area_code: code })
      assert.equal(ok.status, 201, ok.text)
    }
    const options = await call<PhoneNumberOptions>(handler, 'POST', '/phone-numbers/search', {
      ...as,
      body: { area_code: '514' },
    })
    assert.equal(options.status, 200, options.text)
    assert.deepEqual(options.body.vapi, { used: 5, limit: 5, area_code: { code: '514', valid: false } })

    const sixth = await expectProblem(
      handler,
      'POST',
      '/phone-numbers',
      {
        ...as,
        body: { source: 'vapi', area_code: '415' },
      },
      422,
      'vapi_rejected',
    )
    assert.match(sixth.detail ?? '', /limit of 5 free Vapi numbers/)
    assert.equal(await numberRows(deps, tenant.id), 5)
    assert.equal((await vapi.phoneNumbers.list()).length, 5)

    const page1 = await call<ListPhoneNumbersResponse>(handler, 'GET', '/phone-numbers?limit=3', as)
    const page2 = await call<ListPhoneNumbersResponse>(
      handler,
      'GET',
      `/phone-numbers?limit=3&cursor=${page1.body.next_cursor}`,
      as,
    )
    assert.equal(page2.body.next_cursor, null)
    const ids = [...page1.body.items, ...page2.body.items].map((i) => i.id)
    assert.equal(new Set(ids).size, 5, 'pages neither skip nor repeat')
  }))

Deno.test('phone-numbers: bad bodies are 400s naming each field', () =>
  withTestDeps(phoneNumbers, async ({ deps, handler }) => {
    const { tenant, as } = await tenantWithVapi(deps)
    const cases: [unknown, string[]][] = [
      [{}, ['source']],
      [{ source: 'fax' }, ['source']],
      [{ source: 'vapi', area_code: '41' }, ['area_code']],
      [{ source: 'twilio', number: '0612345678' }, ['number', 'twilio_account_sid', 'twilio_auth_token']],
      [{ source: 'pool', name: '' }, ['name']],
    ]
    for (const [body, fields] of cases) {
      const bad = await expectProblem(
        handler,
        'POST',
        '/phone-numbers',
        { ...as, body },
        400,
        'validation_failed',
      )
      assert.deepEqual(bad.errors!.map((e) => e.field).sort(), fields, JSON.stringify(body))
    }
    await expectProblem(handler, 'GET', '/phone-numbers/not-a-uuid', as, 400, 'validation_failed')
    await expectProblem(
      handler,
      'GET',
      `/phone-numbers/${crypto.randomUUID()}`,
      as,
      404,
      'phone_number_not_found',
    )
    assert.equal(await numberRows(deps, tenant.id), 0)
  }))

Deno.test('phone-numbers: a Twilio import seals the token (never answered back); a bad SID is 422, no row', () =>
  withTestDeps(phoneNumbers, async ({ deps, handler }) => {
    const { tenant, as, vapi } = await tenantWithVapi(deps)
    const before = await credentialCount(deps, tenant.id)
    const refused = await expectProblem(
      handler,
      'POST',
      '/phone-numbers',
      {
        ...as,
        body: {
          source: 'twilio',
          number: '+14155550100',
          twilio_account_sid: 'AC123',
          twilio_auth_token: 'x',
        },
      },
      422,
      'vapi_rejected',
    )
    assert.match(refused.detail ?? '', /twilioAccountSid must be a Twilio Account SID/)
    assert.equal(await numberRows(deps, tenant.id), 0)
    assert.equal(await credentialCount(deps, tenant.id), before, 'no credential either')

    const created = await create(handler, as, {
      source: 'twilio',
      number: '+1 (415) 555-0100',
      twilio_account_sid: TWILIO_SID,
      twilio_auth_token: TWILIO_TOKEN,
    })
    assert.equal(created.status, 201, created.text)
    assert.equal(created.body.number, '+14155550100')
    assert.equal(created.body.source, 'twilio')
    assert.ok(!created.text.includes(TWILIO_TOKEN), 'the token is never answered back')
    const got = await call(handler, 'GET', `/phone-numbers/${created.body.id}`, as)
    const listed = await call(handler, 'GET', '/phone-numbers', as)
    for (const res of [got, listed]) assert.ok(!res.text.includes(TWILIO_TOKEN))

    const sealed = await storedCredential(deps, tenant.id, 'twilio')
    assert.ok(sealed)
    assert.equal(sealed.preview, `AC…${TWILIO_SID.slice(-4)}`)
    assert.ok(!sealed.ciphertext.includes(TWILIO_TOKEN))
    const opened = JSON.parse(
      await deps.secrets.open(sealed.ciphertext, { tenantId: tenant.id, provider: 'twilio' }),
    )
    assert.deepEqual(opened, { account_sid: TWILIO_SID, auth_token: TWILIO_TOKEN })

    const inVapi = await vapi.phoneNumbers.get({ id: created.body.vapi_id }) as unknown as Record<
      string,
      unknown
    >
    assert.equal(inVapi.provider, 'twilio')
    assert.equal(inVapi.twilioAccountSid, TWILIO_SID)
    const actions = (await auditTrail(deps, tenant.id)).map((e) => e.action)
    assert.ok(actions.includes('phone_numbers.twilio_credential.saved'))
    assert.ok(!JSON.stringify(await auditTrail(deps, tenant.id)).includes(TWILIO_TOKEN))
  }))

Deno.test('phone-numbers: an empty pool for the country is a 409 naming it, and nothing is claimed', () =>
  withTestDeps(phoneNumbers, async ({ deps, handler }) => {
    // Luxembourg: a country no test stocks.
    const { tenant, as, vapi } = await tenantWithVapi(deps, '+352 621 123 456')
    const empty = await expectProblem(
      handler,
      'POST',
      '/phone-numbers',
      { ...as, body: { source: 'pool' } },
      409,
      'no_number_available',
    )
    assert.equal(empty.detail, 'No number available for country LU')
    assert.equal(await numberRows(deps, tenant.id), 0)
    assert.equal((await vapi.phoneNumbers.list()).length, 0)
  }))

Deno.test('phone-numbers: the pool country comes from the owner phone (BE, CA, US), else the tenant country (FR)', () =>
  withTestDeps(phoneNumbers, async ({ deps, handler }) => {
    const stocked = {
      FR: `+336${digits(8)}`,
      BE: `+32470${digits(6)}`,
      CA: nanp('514'),
      US: nanp('415'),
    }
    await stockPool(deps, stocked)
    for (
      const [phone, country, source] of [
        ['+32 470 12 34 56', 'BE', 'owner_phone'],
        ['+1 514 555 0123', 'CA', 'owner_phone'],
        ['+1 415 555 0123', 'US', 'owner_phone'],
        [undefined, 'FR', 'tenant_country'],
      ] as const
    ) {
      const { tenant, as, vapi } = await tenantWithVapi(deps, phone)
      const options = await call<PhoneNumberOptions>(handler, 'POST', '/phone-numbers/search', {
        ...as,
        body: {},
      })
      assert.equal(options.status, 200, options.text)
      assert.deepEqual([options.body.pool.country, options.body.pool.country_source], [country, source])
      assert.ok(options.body.pool.available >= 1 && options.body.pool.numbers.length >= 1)

      const claimed = await create(handler, as, { source: 'pool', name: `Pool ${country}` })
      assert.equal(claimed.status, 201, claimed.text)
      assert.equal(claimed.body.source, 'pool')
      assert.equal(claimed.body.country, country)
      assert.equal(claimed.body.number, options.body.pool.numbers[0], 'the next number of the pool')
      const [held] = await deps.db.asService((tx) =>
        tx<{ tenant_id: string; country: string }[]>`
          select tenant_id, country from public.virtual_numbers where number = ${claimed.body.number}`
      )
      assert.deepEqual(held, { tenant_id: tenant.id, country })
      const inVapi = await vapi.phoneNumbers.get({ id: claimed.body.vapi_id }) as unknown as Record<
        string,
        unknown
      >
      assert.deepEqual([inVapi.provider, inVapi.number, inVapi.twilioAccountSid], [
        'twilio',
        claimed.body.number,
        Deno.env.get('POOL_TWILIO_ACCOUNT_SID'),
      ])
    }
  }))

Deno.test('phone-numbers: a Vapi refusal of a pool number rolls the claim back; no pool config is a 503', () =>
  withTestDeps(phoneNumbers, async ({ deps, handler }) => {
    const number = `+337${digits(8)}`
    await stockPool(deps, { FR: number })
    const { tenant, as } = await tenantWithVapi(deps)
    // The tenant imported this very number earlier: Vapi refuses a second one.
    const first = await create(handler, as, {
      source: 'twilio',
      number,
      twilio_account_sid: TWILIO_SID,
      twilio_auth_token: TWILIO_TOKEN,
    })
    assert.equal(first.status, 201, first.text)
    // Drain the other FR numbers into another tenant so this one is next.
    const other = await tenantWithVapi(deps)
    for (;;) {
      const options = await call<PhoneNumberOptions>(handler, 'POST', '/phone-numbers/search', {
        ...other.as,
        body: {},
      })
      if (options.body.pool.numbers[0] === number || options.body.pool.available === 0) break
      assert.equal((await create(handler, other.as, { source: 'pool' })).status, 201)
    }
    const refused = await expectProblem(
      handler,
      'POST',
      '/phone-numbers',
      { ...as, body: { source: 'pool' } },
      422,
      'vapi_rejected',
    )
    assert.match(refused.detail ?? '', /already exists/)
    const [free] = await deps.db.asService((tx) =>
      tx<
        { tenant_id: string | null }[]
      >`select tenant_id from public.virtual_numbers where number = ${number}`
    )
    assert.equal(free.tenant_id, null, 'the claim was rolled back')
    assert.equal(await numberRows(deps, tenant.id), 1)
  }).then(() =>
    withTestDeps(phoneNumbers, async ({ deps, handler }) => {
      const { as } = await tenantWithVapi(deps)
      const problem = await expectProblem(
        handler,
        'POST',
        '/phone-numbers',
        { ...as, body: { source: 'pool' } },
        503,
        'pool_unavailable',
      )
      assert.ok(problem.detail)
    }, { pool: {} } as Partial<Deps>)
  ))

Deno.test('phone-numbers: assigning an assistant or a workflow takes effect in Vapi; inactive ones do not answer', () =>
  withTestDeps(phoneNumbers, async ({ deps, handler }) => {
    const { tenant, as, vapi } = await tenantWithVapi(deps, '+33612345678')
    const n = (await create(handler, as, { source: 'vapi', area_code: '415' })).body
    const sleeping = await assistant(deps, tenant.id, vapi, 'Night desk', false)
    const awake = await assistant(deps, tenant.id, vapi, 'Day desk', true)
    const flow = await workflow(deps, tenant.id, vapi, 'Triage')
    const inVapi = async () =>
      await vapi.phoneNumbers.get({ id: n.vapi_id }) as unknown as Record<string, unknown>
    const patch = (body: unknown) =>
      call<PhoneNumber>(handler, 'PATCH', `/phone-numbers/${n.id}`, { ...as, body })

    const answerers = await call<PhoneNumberAnswerers>(handler, 'GET', '/phone-numbers/answerers', as)
    assert.deepEqual(answerers.body, {
      assistants: [{ id: awake.id, name: 'Day desk', active: true }, {
        id: sleeping.id,
        name: 'Night desk',
        active: false,
      }],
      workflows: [{ id: flow.id, name: 'Triage' }],
    })

    const inactive = await patch({ assistant_id: sleeping.id })
    assert.equal(inactive.status, 200, inactive.text)
    assert.deepEqual(inactive.body.answered_by, {
      type: 'assistant',
      id: sleeping.id,
      name: 'Night desk',
      active: false,
    })
    assert.ok(!(await inVapi()).assistantId, 'an inactive assistant does not answer')
    assert.deepEqual((await inVapi()).fallbackDestination, { type: 'number', number: '+33612345678' })

    const active = await patch({ assistant_id: awake.id, name: 'Main line' })
    assert.equal(active.status, 200, active.text)
    assert.equal(active.body.name, 'Main line')
    assert.equal((await inVapi()).assistantId, awake.vapiId)
    assert.equal((await inVapi()).name, 'Main line')

    const squad = await patch({ workflow_id: flow.id })
    assert.deepEqual([squad.body.assistant_id, squad.body.workflow_id], [null, flow.id])
    assert.deepEqual(squad.body.answered_by, { type: 'workflow', id: flow.id, name: 'Triage' })
    assert.deepEqual([(await inVapi()).assistantId ?? null, (await inVapi()).squadId], [null, flow.vapiId])

    const detached = await patch({ workflow_id: null })
    assert.deepEqual(detached.body.answered_by, { type: 'nobody', fallback_number: '+33612345678' })
    assert.deepEqual([(await inVapi()).assistantId ?? null, (await inVapi()).squadId ?? null], [null, null])

    const both = await expectProblem(
      handler,
      'PATCH',
      `/phone-numbers/${n.id}`,
      {
        ...as,
        body: { assistant_id: awake.id, workflow_id: flow.id },
      },
      400,
      'validation_failed',
    )
    assert.deepEqual(both.errors!.map((e) => e.field), ['workflow_id'])
    const foreign = await tenantWithVapi(deps)
    const theirs = await assistant(deps, foreign.tenant.id, foreign.vapi, 'Theirs', true)
    for (const id of [crypto.randomUUID(), theirs.id]) {
      const bad = await expectProblem(
        handler,
        'PATCH',
        `/phone-numbers/${n.id}`,
        {
          ...as,
          body: { assistant_id: id },
        },
        400,
        'validation_failed',
      )
      assert.deepEqual(bad.errors!.map((e) => e.field), ['assistant_id'])
    }
    const updates = (await auditTrail(deps, tenant.id)).filter((e) => e.action === 'phone_numbers.updated')
    assert.equal(updates.length, 4)
  }))

Deno.test('phone-numbers: releasing deletes in Vapi and our row, and gives a pool number back', () =>
  withTestDeps(phoneNumbers, async ({ deps, handler }) => {
    const number = `+32471${digits(6)}`
    await stockPool(deps, { BE: number })
    const { tenant, as, vapi } = await tenantWithVapi(deps, '+32 470 12 34 56')
    // Take BE numbers until this one (others may wait in the pool before it).
    let claimed: PhoneNumber
    do {
      const res = await create(handler, as, { source: 'pool' })
      assert.equal(res.status, 201, res.text)
      claimed = res.body
    } while (claimed.number !== number)

    const released = await call(handler, 'DELETE', `/phone-numbers/${claimed.id}`, as)
    assert.equal(released.status, 204, released.text)
    await assert.rejects(vapi.phoneNumbers.get({ id: claimed.vapi_id }))
    await expectProblem(handler, 'GET', `/phone-numbers/${claimed.id}`, as, 404, 'phone_number_not_found')
    const [back] = await deps.db.asService((tx) =>
      tx<
        { tenant_id: string | null }[]
      >`select tenant_id from public.virtual_numbers where number = ${number}`
    )
    assert.equal(back.tenant_id, null, 'back in the pool')
    const entry = (await auditTrail(deps, tenant.id)).findLast((e) => e.action === 'phone_numbers.released')!
    assert.deepEqual(entry.details, { number, source: 'pool', returned_to_pool: true })
    await expectProblem(handler, 'DELETE', `/phone-numbers/${claimed.id}`, as, 404, 'phone_number_not_found')
  }))

Deno.test('phone-numbers: viewers and agents read but change nothing; non-members get 404', () =>
  withTestDeps(phoneNumbers, async ({ deps, handler }) => {
    const { tenant, as } = await tenantWithVapi(deps)
    const n = (await create(handler, as, { source: 'vapi', area_code: '415' })).body
    for (const role of ['viewer', 'agent'] as const) {
      const member = await memberWithRole(deps, tenant.id, role)
      const listed = await call<ListPhoneNumbersResponse>(handler, 'GET', '/phone-numbers', member.as)
      assert.deepEqual(listed.body.items.map((i) => i.id), [n.id])
      const attempts: [string, string, unknown][] = [
        ['POST', '/phone-numbers', { source: 'vapi', area_code: '415' }],
        ['PATCH', `/phone-numbers/${n.id}`, { name: 'Mine' }],
        ['DELETE', `/phone-numbers/${n.id}`, undefined],
        ['POST', '/phone-numbers/search', {}],
      ]
      for (const [method, path, body] of attempts) {
        const problem = await expectProblem(handler, method, path, { ...member.as, body }, 403, 'forbidden')
        assert.match(problem.detail ?? '', /numbers\.manage/)
      }
    }
    const stranger = await signUp('stranger')
    await expectProblem(
      handler,
      'GET',
      '/phone-numbers',
      { token: stranger.token, tenant: tenant.id },
      404,
      'tenant_not_found',
    )
    assert.equal(await numberRows(deps, tenant.id), 1)
  }))

Deno.test("phone-numbers: tenant B neither reads nor changes A's numbers, and B's key never touches them", () =>
  withTestDeps(phoneNumbers, async ({ deps, handler }) => {
    const a = await tenantWithVapi(deps)
    const b = await tenantWithVapi(deps)
    const n = (await create(handler, a.as, { source: 'vapi', area_code: '415', name: 'A line' })).body
    const path = `/phone-numbers/${n.id}`
    await expectProblem(handler, 'GET', path, b.as, 404, 'phone_number_not_found')
    await expectProblem(
      handler,
      'PATCH',
      path,
      { ...b.as, body: { name: 'Stolen' } },
      404,
      'phone_number_not_found',
    )
    await expectProblem(handler, 'DELETE', path, b.as, 404, 'phone_number_not_found')
    const listed = await call<ListPhoneNumbersResponse>(handler, 'GET', '/phone-numbers', b.as)
    assert.deepEqual(listed.body.items, [])
    // A tenant header naming A, with B's token: B is no member of A.
    await expectProblem(
      handler,
      'GET',
      path,
      { token: b.owner.token, tenant: a.tenant.id },
      404,
      'tenant_not_found',
    )

    assert.equal((await b.vapi.phoneNumbers.list()).length, 0, "nothing was created with B's key")
    const inA = await a.vapi.phoneNumbers.get({ id: n.vapi_id }) as unknown as Record<string, unknown>
    assert.equal(inA.name, 'A line', "A's number is untouched in A's organisation")
    await assert.rejects(b.vapi.phoneNumbers.get({ id: n.vapi_id }), "B's key cannot see it")
  }))

Deno.test('phone-numbers: without a Vapi key, getting a number is a 409 and nothing is written', () =>
  withTestDeps(phoneNumbers, async ({ deps, handler }) => {
    const { tenant, as } = await ownerWithTenant(deps)
    await expectProblem(
      handler,
      'POST',
      '/phone-numbers',
      {
        ...as,
        body: { source: 'vapi', area_code: '415' },
      },
      409,
      'vapi_not_configured',
    )
    assert.equal(await numberRows(deps, tenant.id), 0)
  }))
