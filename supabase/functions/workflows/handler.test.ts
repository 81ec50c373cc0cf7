/**
 * The workflows function against the real stack and the Vapi sandbox: CRUD with the squad checked in Vapi
 * through the SDK and each tenant's own key, reorder with stable step ids, validation naming the field,
 * Vapi refusals (422, nothing written), deletion detaching numbers, permissions and tenant isolation.
 */
import assert from 'node:assert/strict'
import type { VapiClient } from '@vapi-ai/server-sdk'
import type {
  CreateWorkflowBody,
  ListWorkflowsResponse,
  StepInput,
  Workflow,
} from '../../../shared/contracts/workflows.ts'
import {
  auditTrail,
  call,
  expectProblem,
  memberWithRole,
  ownerWithTenant,
  saveCredential,
  voiceTenant,
  withTestDeps,
} from '../_shared/testing.ts'
import { createVapiFactory } from '../_shared/vapi.ts'
import workflows from './handler.ts'

const STARTER: CreateWorkflowBody = {
  name: 'Front desk',
  description: 'Greets, qualifies, books, or hands over',
  steps: [
    {
      name: 'Greeting',
      first_message: 'Hello, Cabinet Test, how can I help?',
      system_prompt: 'Greet the caller and find out why they call.',
      handoffs: [{ to_step: 1, condition: 'The caller has a new request' }],
    },
    {
      name: 'Qualification',
      system_prompt: 'Ask for the name and the reason of the visit.',
      handoffs: [
        { to_step: 'Booking', condition: 'The caller wants an appointment' },
        { to_step: 3, condition: 'The caller insists on a human' },
      ],
    },
    {
      name: 'Booking',
      system_prompt: 'Offer a slot and confirm it.',
      handoffs: [{ to_step: 'transfer', condition: 'No slot suits the caller' }],
    },
    {
      name: 'Transfer',
      system_prompt: 'Tell the caller a person will answer.',
      transfer_number: '+33612345678',
    },
  ],
}

interface MemberShape {
  assistant: {
    name: string
    firstMessage?: string
    firstMessageMode?: string
    model: {
      model: string
      messages: { content: string }[]
      tools?: { destinations: { number: string }[] }[]
    }
    server: { url: string }
    metadata: Record<string, string>
    transcriber: { language: string }
  }
  assistantDestinations?: { type: string; assistantName: string; description: string }[]
}

async function squadMembers(vapi: VapiClient, id: string): Promise<MemberShape[]> {
  const squad = await vapi.squads.get({ id })
  return squad.members as unknown as MemberShape[]
}

async function create(handler: (r: Request) => Promise<Response>, as: object, body: unknown = STARTER) {
  const res = await call<Workflow>(handler, 'POST', '/workflows', { ...as, body })
  assert.equal(res.status, 201, res.text)
  return res.body
}

Deno.test('workflows: create compiles the steps to a squad in Vapi; read, list, rename, each audited', () =>
  withTestDeps(workflows, async ({ deps, handler }) => {
    const { tenant, as, vapi, owner } = await voiceTenant(deps)
    const created = await create(handler, as)

    assert.equal(created.name, 'Front desk')
    assert.deepEqual(created.steps.map((s) => [s.position, s.name]), [
      [0, 'Greeting'],
      [1, 'Qualification'],
      [2, 'Booking'],
      [3, 'Transfer'],
    ])
    const ids = created.steps.map((s) => s.id)
    assert.deepEqual(created.steps[1].handoffs, [
      { to_step_id: ids[2], condition: 'The caller wants an appointment' },
      { to_step_id: ids[3], condition: 'The caller insists on a human' },
    ])
    assert.equal(created.steps[3].transfer_number, '+33612345678')
    assert.equal(created.steps[1].first_message, '')
    assert.deepEqual(created.phone_number_ids, [])

    // The squad in the tenant's own Vapi organisation.
    const members = await squadMembers(vapi, created.vapi_id)
    assert.deepEqual(members.map((m) => m.assistant.name), [
      'Greeting',
      'Qualification',
      'Booking',
      'Transfer',
    ])
    assert.deepEqual(members[1].assistantDestinations, [
      {
        type: 'assistant',
        assistantName: 'Booking',
        description: 'The caller wants an appointment',
        contextEngineeringPlan: { type: 'all' },
      },
      {
        type: 'assistant',
        assistantName: 'Transfer',
        description: 'The caller insists on a human',
        contextEngineeringPlan: { type: 'all' },
      },
    ])
    assert.equal(members[3].assistantDestinations, undefined)
    assert.equal(members[3].assistant.model.tools?.[0].destinations[0].number, '+33612345678')
    assert.equal(members[0].assistant.model.tools, undefined)
    assert.equal(members[0].assistant.firstMessage, 'Hello, Cabinet Test, how can I help?')
    assert.equal(members[1].assistant.firstMessageMode, 'assistant-speaks-first-with-model-generated-message')
    assert.equal(
      members[0].assistant.model.messages[0].content,
      'Greet the caller and find out why they call.',
    )
    assert.equal(members[0].assistant.model.model, 'gpt-4o-mini')
    assert.equal(members[0].assistant.transcriber.language, 'fr', "the tenant's language")
    assert.deepEqual(members[0].assistant.metadata, { tenant_id: tenant.id })
    assert.ok(members[0].assistant.server.url.endsWith(`/functions/v1/webhooks/vapi/${tenant.id}`))

    const read = await call<Workflow>(handler, 'GET', `/workflows/${created.id}`, as)
    assert.equal(read.status, 200, read.text)
    assert.deepEqual(read.body, created)

    const list = await call<ListWorkflowsResponse>(handler, 'GET', '/workflows', as)
    assert.equal(list.status, 200, list.text)
    assert.equal(list.body.items.length, 1)
    assert.equal(list.body.items[0].step_count, 4)
    assert.equal(list.body.next_cursor, null)

    const renamed = await call<Workflow>(handler, 'PATCH', `/workflows/${created.id}`, {
      ...as,
      body: { name: 'Reception' },
    })
    assert.equal(renamed.status, 200, renamed.text)
    assert.equal(renamed.body.name, 'Reception')
    assert.equal(renamed.body.vapi_id, created.vapi_id)
    assert.deepEqual(renamed.body.steps, created.steps)
    assert.equal((await vapi.squads.get({ id: created.vapi_id })).name, 'Reception')

    const described = await call<Workflow>(handler, 'PATCH', `/workflows/${created.id}`, {
      ...as,
      body: { description: 'Only here' },
    })
    assert.equal(described.body.description, 'Only here')

    const trail = (await auditTrail(deps, tenant.id)).filter((a) => a.action.startsWith('workflows.'))
    assert.deepEqual(trail.map((a) => a.action), [
      'workflows.created',
      'workflows.updated',
      'workflows.updated',
    ])
    assert.equal(trail[0].target, `workflow:${created.id}`)
    assert.equal(trail[0].actor, owner.id)
    assert.deepEqual(trail[0].details, { name: 'Front desk', vapi_id: created.vapi_id, steps: 4 })
    assert.deepEqual(trail[1].details, { fields: ['name'] })
  }))

Deno.test('workflows: replacing the steps reorders, adds and removes them, keeping ids sent', () =>
  withTestDeps(workflows, async ({ deps, handler }) => {
    const { as, vapi } = await voiceTenant(deps)
    const created = await create(handler, as)
    const [greeting, qualification, booking] = created.steps
    const steps = [
      {
        id: greeting.id,
        name: 'Greeting',
        system_prompt: 'Hi.',
        handoffs: [{ to_step: 1, condition: 'Book' }],
      },
      { id: booking.id, name: 'Booking', system_prompt: booking.system_prompt },
      {
        id: qualification.id,
        name: 'Qualification',
        system_prompt: 'Qualify.',
        handoffs: [{ to_step: 'booking', condition: 'Wants a slot' }, { to_step: 3, condition: 'Urgent' }],
      },
      { name: 'Urgent care', system_prompt: 'Handle emergencies.', transfer_number: '+15550100200' },
    ]
    const res = await call<Workflow>(handler, 'PATCH', `/workflows/${created.id}`, { ...as, body: { steps } })
    assert.equal(res.status, 200, res.text)
    const after = res.body.steps
    assert.deepEqual(after.map((s) => s.name), ['Greeting', 'Booking', 'Qualification', 'Urgent care'])
    assert.deepEqual(after.slice(0, 3).map((s) => s.id), [greeting.id, booking.id, qualification.id])
    assert.ok(!created.steps.some((s) => s.id === after[3].id), 'a new step gets a new id')
    assert.deepEqual(after.map((s) => s.position), [0, 1, 2, 3])
    assert.deepEqual(after[2].handoffs, [
      { to_step_id: booking.id, condition: 'Wants a slot' },
      { to_step_id: after[3].id, condition: 'Urgent' },
    ])

    const members = await squadMembers(vapi, created.vapi_id)
    assert.deepEqual(members.map((m) => m.assistant.name), [
      'Greeting',
      'Booking',
      'Qualification',
      'Urgent care',
    ])
    assert.deepEqual(members[2].assistantDestinations?.map((d) => d.assistantName), [
      'Booking',
      'Urgent care',
    ])
    assert.equal(members[3].assistant.model.tools?.[0].destinations[0].number, '+15550100200')

    // Down to one step: the others and their hand-offs are gone.
    const single = await call<Workflow>(handler, 'PATCH', `/workflows/${created.id}`, {
      ...as,
      body: { steps: [{ id: booking.id, name: 'Booking', system_prompt: 'Book.' }] },
    })
    assert.equal(single.status, 200, single.text)
    assert.deepEqual(single.body.steps.map((s) => [s.id, s.position]), [[booking.id, 0]])
    assert.equal((await squadMembers(vapi, created.vapi_id)).length, 1)
  }))

Deno.test('workflows: bad input is a 400 naming the field, and nothing reaches Vapi', () =>
  withTestDeps(workflows, async ({ deps, handler }) => {
    const { tenant, as, vapi } = await voiceTenant(deps)
    const bad = (body: unknown) =>
      expectProblem(handler, 'POST', '/workflows', { ...as, body }, 400, 'validation_failed')
    const fields = async (body: unknown) => (await bad(body)).errors!.map((e) => e.field)

    const steps: StepInput[] = STARTER.steps.map((s) => ({ ...s }))
    steps[2] = { ...steps[2], handoffs: [{ to_step: 7, condition: 'Never' }] }
    assert.deepEqual(await fields({ ...STARTER, steps }), ['steps.2.handoffs.0.to_step'])
    steps[2] = { ...steps[2], handoffs: [{ to_step: 'Nowhere', condition: 'Never' }] }
    assert.deepEqual(await fields({ ...STARTER, steps }), ['steps.2.handoffs.0.to_step'])
    steps[2] = { ...steps[2], handoffs: [{ to_step: 2, condition: 'Loop' }] }
    assert.deepEqual(await fields({ ...STARTER, steps }), ['steps.2.handoffs.0.to_step'])
    assert.deepEqual(await fields({ name: 'Empty', steps: [] }), ['steps'])
    assert.deepEqual(
      await fields({
        name: 'Twins',
        steps: [{ name: 'Desk', system_prompt: 'a' }, { name: 'desk', system_prompt: 'b' }],
      }),
      ['steps.1.name'],
    )
    assert.deepEqual(
      await fields({
        name: 'Bad',
        steps: [{ name: 'x'.repeat(41), system_prompt: '', transfer_number: '0612' }],
      }),
      ['steps.0.name', 'steps.0.system_prompt', 'steps.0.transfer_number'],
    )

    const created = await create(handler, as)
    const patched = await expectProblem(
      handler,
      'PATCH',
      `/workflows/${created.id}`,
      {
        ...as,
        body: { steps: [{ id: crypto.randomUUID(), name: 'Ghost', system_prompt: 'Boo.' }] },
      },
      400,
      'validation_failed',
    )
    assert.deepEqual(patched.errors!.map((e) => e.field), ['steps.0.id'])
    await expectProblem(handler, 'GET', '/workflows/not-a-uuid', as, 400, 'validation_failed')
    await expectProblem(handler, 'GET', '/workflows?cursor=forged', as, 400, 'validation_failed')

    assert.equal((await vapi.squads.list()).length, 1, 'only the valid workflow reached Vapi')
    assert.equal((await squadMembers(vapi, created.vapi_id)).length, 4, 'the refused update changed nothing')
    const rows = await deps.db.asService((tx) =>
      tx`select id from public.workflows where tenant_id = ${tenant.id}`
    )
    assert.equal(rows.length, 1)
  }))

Deno.test('workflows: when Vapi refuses, the user gets its message as a 422 and no row is written', () =>
  withTestDeps(workflows, async ({ deps, handler }) => {
    const { tenant, as, vapi } = await voiceTenant(deps)
    const created = await create(handler, as)

    // The squad was deleted in Vapi's dashboard: updating it is refused, our rows stay as they were.
    await vapi.squads.delete({ id: created.vapi_id })
    const refused = await expectProblem(
      handler,
      'PATCH',
      `/workflows/${created.id}`,
      {
        ...as,
        body: { name: 'Renamed', steps: [{ name: 'Only', system_prompt: 'x' }] },
      },
      422,
      'vapi_rejected',
    )
    assert.match(refused.detail!, /^Could not update the squad: /)
    const read = await call<Workflow>(handler, 'GET', `/workflows/${created.id}`, as)
    assert.equal(read.body.name, 'Front desk')
    assert.equal(read.body.steps.length, 4)

    // A Vapi that refuses the squad's body (a stand-in answering as Vapi's validation does).
    const refusing = Deno.serve({ port: 0, hostname: '127.0.0.1', onListen() {} }, () =>
      Response.json({
        message: ['members.0.assistant.model.model must be one of the following values: gpt-4o'],
        error: 'Bad Request',
        statusCode: 400,
      }, { status: 400 }))
    try {
      const vapiFactory = createVapiFactory({ VAPI_BASE_URL: `http://127.0.0.1:${refusing.addr.port}` })
      await withTestDeps(workflows, async ({ handler: refusedHandler }) => {
        const problem = await expectProblem(
          refusedHandler,
          'POST',
          '/workflows',
          { ...as, body: STARTER },
          422,
          'vapi_rejected',
        )
        assert.match(problem.detail!, /members\.0\.assistant\.model\.model must be one of/)
      }, { vapi: vapiFactory })
    } finally {
      await refusing.shutdown()
    }
    const rows = await deps.db.asService((tx) =>
      tx`select count(*)::int as n from public.workflows where tenant_id = ${tenant.id}`
    )
    assert.equal(rows[0].n, 1, 'no row for the refused workflow')
    const actions = (await auditTrail(deps, tenant.id)).map((a) => a.action).filter((a) =>
      a.startsWith('workflows.')
    )
    assert.deepEqual(actions, ['workflows.created'])

    // A revoked key, and no key at all.
    const revoked = await ownerWithTenant(deps)
    await saveCredential(deps, revoked.owner, revoked.tenant.id, 'vapi', 'invalid_revoked_key_123456')
    await expectProblem(
      handler,
      'POST',
      '/workflows',
      { ...revoked.as, body: STARTER },
      422,
      'vapi_key_invalid',
    )
    const unconfigured = await ownerWithTenant(deps)
    await expectProblem(
      handler,
      'POST',
      '/workflows',
      { ...unconfigured.as, body: STARTER },
      409,
      'vapi_not_configured',
    )
  }))

Deno.test('workflows: deleting one detaches its numbers in Vapi, then deletes the squad and the rows', () =>
  withTestDeps(workflows, async ({ deps, handler }) => {
    const { tenant, as, vapi } = await voiceTenant(deps)
    const created = await create(handler, as)
    const kept = await create(handler, as, { ...STARTER, name: 'Kept' })
    const number = await vapi.phoneNumbers.create({
      provider: 'vapi',
      numberDesiredAreaCode: '415',
      squadId: created.vapi_id,
    } as never) as unknown as { id: string; number: string }
    const [row] = await deps.db.asService((tx) =>
      tx<{ id: string }[]>`
        insert into public.phone_numbers (tenant_id, vapi_id, number, source, workflow_id, vapi_payload)
        values (${tenant.id}, ${number.id}, ${number.number}, 'vapi', ${created.id}, ${
        tx.json(number as never)
      })
        returning id`
    )
    const read = await call<Workflow>(handler, 'GET', `/workflows/${created.id}`, as)
    assert.deepEqual(read.body.phone_number_ids, [row.id])
    const listed = await call<ListWorkflowsResponse>(handler, 'GET', '/workflows', as)
    assert.deepEqual(listed.body.items.find((w) => w.id === created.id)?.phone_number_ids, [row.id])

    const res = await call(handler, 'DELETE', `/workflows/${created.id}`, as)
    assert.equal(res.status, 204, res.text)
    assert.equal(res.text, '')

    const inVapi = await vapi.phoneNumbers.get({ id: number.id }) as unknown as { squadId?: string | null }
    assert.ok(!inVapi.squadId, 'the number no longer points at the squad')
    await assert.rejects(
      vapi.squads.get({ id: created.vapi_id }),
      (e: { statusCode?: number }) => e.statusCode === 404,
    )
    assert.ok(await vapi.squads.get({ id: kept.vapi_id }), 'other squads stay')
    const [stored] = await deps.db.asService((tx) =>
      tx<{ workflow_id: string | null }[]>`select workflow_id from public.phone_numbers where id = ${row.id}`
    )
    assert.equal(stored.workflow_id, null)
    const steps = await deps.db.asService((tx) =>
      tx`select id from public.workflow_steps where workflow_id = ${created.id}`
    )
    assert.equal(steps.length, 0)
    await expectProblem(handler, 'GET', `/workflows/${created.id}`, as, 404, 'workflow_not_found')
    await expectProblem(handler, 'DELETE', `/workflows/${created.id}`, as, 404, 'workflow_not_found')

    const deleted = (await auditTrail(deps, tenant.id)).find((a) => a.action === 'workflows.deleted')
    assert.deepEqual(deleted?.details, {
      name: 'Front desk',
      vapi_id: created.vapi_id,
      detached_numbers: [row.id],
    })
  }))

Deno.test('workflows: pages newest first with a cursor', () =>
  withTestDeps(workflows, async ({ deps, handler }) => {
    const { as } = await voiceTenant(deps)
    const one = { name: 'One', steps: [{ name: 'Desk', system_prompt: 'Answer.' }] }
    const names = ['First', 'Second', 'Third']
    for (const name of names) await create(handler, as, { ...one, name })
    const first = await call<ListWorkflowsResponse>(handler, 'GET', '/workflows?limit=2', as)
    assert.deepEqual(first.body.items.map((w) => w.name), ['Third', 'Second'])
    assert.ok(first.body.next_cursor)
    const second = await call<ListWorkflowsResponse>(
      handler,
      'GET',
      `/workflows?limit=2&cursor=${first.body.next_cursor}`,
      as,
    )
    assert.deepEqual(second.body.items.map((w) => w.name), ['First'])
    assert.equal(second.body.next_cursor, null)
  }))

Deno.test('workflows: viewers and agents read but cannot change; non-members get 404', () =>
  withTestDeps(workflows, async ({ deps, handler }) => {
    const { tenant, as, vapi } = await voiceTenant(deps)
    const created = await create(handler, as)
    for (const role of ['viewer', 'agent'] as const) {
      const member = await memberWithRole(deps, tenant.id, role)
      const read = await call<Workflow>(handler, 'GET', `/workflows/${created.id}`, member.as)
      assert.equal(read.status, 200, read.text)
      assert.equal((await call(handler, 'GET', '/workflows', member.as)).status, 200)
      await expectProblem(handler, 'POST', '/workflows', { ...member.as, body: STARTER }, 403, 'forbidden')
      await expectProblem(
        handler,
        'PATCH',
        `/workflows/${created.id}`,
        {
          ...member.as,
          body: { name: 'Mine' },
        },
        403,
        'forbidden',
      )
      await expectProblem(handler, 'DELETE', `/workflows/${created.id}`, member.as, 403, 'forbidden')
    }
    const { owner: stranger } = await ownerWithTenant(deps)
    const strangerAs = { token: stranger.token, tenant: tenant.id }
    await expectProblem(handler, 'GET', '/workflows', strangerAs, 404, 'tenant_not_found')
    await expectProblem(handler, 'GET', `/workflows/${created.id}`, strangerAs, 404, 'tenant_not_found')
    assert.equal((await vapi.squads.list()).length, 1)
    assert.equal((await squadMembers(vapi, created.vapi_id))[0].assistant.name, 'Greeting')
  }))

Deno.test("workflows: a tenant can neither read nor change another tenant's workflow, nor reach its squad", () =>
  withTestDeps(workflows, async ({ deps, handler }) => {
    const a = await voiceTenant(deps)
    const b = await voiceTenant(deps)
    const created = await create(handler, a.as)

    await expectProblem(handler, 'GET', `/workflows/${created.id}`, b.as, 404, 'workflow_not_found')
    await expectProblem(
      handler,
      'PATCH',
      `/workflows/${created.id}`,
      {
        ...b.as,
        body: { name: 'Hijacked', steps: [{ name: 'Mine', system_prompt: 'x' }] },
      },
      404,
      'workflow_not_found',
    )
    await expectProblem(handler, 'DELETE', `/workflows/${created.id}`, b.as, 404, 'workflow_not_found')
    const listed = await call<ListWorkflowsResponse>(handler, 'GET', '/workflows', b.as)
    assert.deepEqual(listed.body.items, [])

    // A's squad is untouched in A's organisation; B's key never saw it.
    const squad = await a.vapi.squads.get({ id: created.vapi_id })
    assert.equal(squad.name, 'Front desk')
    assert.equal(squad.members.length, 4)
    assert.deepEqual(await b.vapi.squads.list(), [])
    await assert.rejects(
      b.vapi.squads.get({ id: created.vapi_id }),
      (e: { statusCode?: number }) => e.statusCode === 404,
    )
    const read = await call<Workflow>(handler, 'GET', `/workflows/${created.id}`, a.as)
    assert.equal(read.body.name, 'Front desk')
  }))
