// deno-lint-ignore-file no-explicit-any -- the tests read Vapi's copies as loose JSON
/** The assistants function against the real stack and the Vapi sandbox. */
import assert from 'node:assert/strict'
import type { Assistant, AssistantDetail, RenderedTemplate } from '../../../shared/contracts/assistants.ts'
import type { Page } from '../../../shared/contracts/pagination.ts'
import { webhookUrl } from '../../../shared/contracts/webhooks.ts'
import {
  auditTrail,
  call,
  expectProblem,
  memberWithRole,
  saveCredential,
  signUp,
  supabaseUrl,
  voiceTenant,
  withTestDeps,
} from '../_shared/testing.ts'
import assistants from './handler.ts'
import { renderedTemplate } from './template.ts'
import { assistantRows, numberFor, seedTemplate, vapiClient } from './testing.ts'

const BODY = {
  name: 'Front desk',
  first_message: 'Bonjour, cabinet du docteur, que puis-je faire pour vous ?',
  system_prompt: 'You answer the phone for a [PROFESSION].',
  language: 'fr',
}

const assistantActions = async (deps: Parameters<typeof auditTrail>[0], tenant: string) =>
  (await auditTrail(deps, tenant)).filter((a) => a.action.startsWith('assistants.')).map((a) => a.action)

Deno.test('assistants: create (in Vapi first), list, read, update and delete, each audited', () =>
  withTestDeps(assistants, async ({ deps, handler }) => {
    const { tenant, vapi, as } = await voiceTenant(deps, { ownerName: 'Alice Martin' })
    const created = await call<Assistant>(handler, 'POST', '/assistants', {
      ...as,
      body: {
        ...BODY,
        end_call_phrases: ['Au revoir'],
        summary_prompt: 'Summarise the call in French.',
        structured_data_schema: {
          type: 'object',
          properties: { caller_name: { type: 'string', description: "The caller's name" } },
          required: ['caller_name'],
        },
      },
    })
    assert.equal(created.status, 201, created.text)
    const a = created.body
    assert.equal(a.name, 'Front desk')
    assert.equal(a.system_prompt, 'You answer the phone for a médecin.', 'known placeholders are filled')
    assert.deepEqual(a.model, { provider: 'openai', model: 'gpt-4o-mini' })
    assert.equal(a.active, false)
    assert.deepEqual(a.phone_number_ids, [])
    assert.equal(a.last_call_at, null)
    assert.equal(a.webhook_configured, true)

    // Vapi has it with the tenant's server block, metadata and our server messages.
    const inVapi = await vapi.assistants.get({ id: a.vapi_id }) as unknown as Record<string, any>
    assert.equal(inVapi.name, 'Front desk')
    assert.equal(inVapi.server.url, webhookUrl(supabaseUrl(), 'vapi', tenant.id))
    assert.deepEqual(inVapi.metadata, { tenant_id: tenant.id })
    assert.equal(inVapi.model.messages[0].content, 'You answer the phone for a médecin.')
    assert.equal(inVapi.transcriber.language, 'fr')
    assert.equal(inVapi.analysisPlan.structuredDataPlan.schema.properties.caller_name.type, 'string')
    for (
      const m of ['status-update', 'transcript', 'conversation-update', 'end-of-call-report', 'tool-calls']
    ) {
      assert.ok(inVapi.serverMessages.includes(m), m)
    }

    await call(handler, 'POST', '/assistants', { ...as, body: { ...BODY, name: 'Night line' } })
    const first = await call<Page<Assistant>>(handler, 'GET', '/assistants?limit=1', as)
    assert.equal(first.status, 200, first.text)
    assert.deepEqual(first.body.items.map((i) => i.name), ['Front desk'])
    const second = await call<Page<Assistant>>(
      handler,
      'GET',
      `/assistants?limit=1&cursor=${first.body.next_cursor}`,
      as,
    )
    assert.deepEqual(second.body.items.map((i) => i.name), ['Night line'])
    assert.equal(second.body.next_cursor, null)

    const read = await call<AssistantDetail>(handler, 'GET', `/assistants/${a.id}`, as)
    assert.equal(read.status, 200, read.text)
    assert.equal(read.body.sync.state, 'in_sync')

    const patched = await call<Assistant>(handler, 'PATCH', `/assistants/${a.id}`, {
      ...as,
      body: { name: 'Reception', recording_enabled: false },
    })
    assert.equal(patched.status, 200, patched.text)
    assert.equal(patched.body.name, 'Reception')
    assert.equal(patched.body.first_message, BODY.first_message, 'fields not sent are kept')
    const after = await vapi.assistants.get({ id: a.vapi_id }) as unknown as Record<string, any>
    assert.equal(after.name, 'Reception')
    assert.equal(after.artifactPlan.recordingEnabled, false)
    assert.equal(
      (await call<AssistantDetail>(handler, 'GET', `/assistants/${a.id}`, as)).body.sync.state,
      'in_sync',
    )

    const removed = await call(handler, 'DELETE', `/assistants/${a.id}`, as)
    assert.equal(removed.status, 204, removed.text)
    await assert.rejects(vapi.assistants.get({ id: a.vapi_id }))
    await expectProblem(handler, 'GET', `/assistants/${a.id}`, as, 404, 'assistant_not_found')

    assert.deepEqual(await assistantActions(deps, tenant.id), [
      'assistants.created',
      'assistants.created',
      'assistants.updated',
      'assistants.deleted',
    ])
  }))

Deno.test('assistants: invalid fields are 400s naming them; unknown placeholders and Vapi refusals write nothing', () =>
  withTestDeps(assistants, async ({ deps, handler }) => {
    const { tenant, owner, vapi, as } = await voiceTenant(deps, { ownerName: 'Alice Martin' })
    const fields = async (body: unknown) =>
      (await expectProblem(handler, 'POST', '/assistants', { ...as, body }, 400, 'validation_failed')).errors!
        .map((e) => e.field)
    assert.deepEqual(await fields({ ...BODY, name: 'x'.repeat(41) }), ['name'])
    assert.deepEqual(await fields({ name: 'A' }), ['language'])
    assert.deepEqual(await fields({ ...BODY, model: { model: 'gpt-2' } }), ['model.model'])
    assert.deepEqual(await fields({ ...BODY, end_call_phrases: ['x'] }), ['end_call_phrases.0'])
    assert.deepEqual(
      await fields({
        ...BODY,
        structured_data_schema: { type: 'object', properties: { a: { type: 'date' } } },
      }),
      ['structured_data_schema.properties.a.type'],
    )

    const unknown = await expectProblem(
      handler,
      'POST',
      '/assistants',
      {
        ...as,
        body: { ...BODY, system_prompt: 'Hello [SPECIALTY] office' },
      },
      422,
      'unknown_placeholder',
    )
    assert.deepEqual(unknown.errors!.map((e) => e.field), ['system_prompt'])
    assert.match(unknown.detail!, /\[SPECIALTY\]/)
    assert.deepEqual(await vapi.assistants.list(), [], 'nothing reached Vapi')

    // Vapi refuses the key: Vapi's refusal reaches the user, and no row is written.
    await saveCredential(deps, owner, tenant.id, 'vapi', `invalid_${crypto.randomUUID()}`)
    await expectProblem(handler, 'POST', '/assistants', { ...as, body: BODY }, 422, 'vapi_key_invalid')
    assert.equal((await assistantRows(deps, tenant.id)).length, 0)
    assert.deepEqual(await assistantActions(deps, tenant.id), [])
  }))

Deno.test('assistants: "start from my profession" fills the template from the profile and the user name', () =>
  withTestDeps(assistants, async ({ deps, handler }) => {
    const { tenant, vapi, as } = await voiceTenant(deps, { ownerName: 'Dr Claire Dubois' })
    await seedTemplate(deps, {
      profession: 'doctor',
      language: 'fr',
      first_message: 'Cabinet de [USER_NAME], bonjour.',
      body: 'Tu es la secrétaire de [USER_NAME], [PROFESSION] à [BUSINESS_NAME]. Parle [LANGUAGE].',
    })
    const preview = await call<RenderedTemplate>(handler, 'GET', '/assistants/template', as)
    assert.equal(preview.status, 200, preview.text)
    assert.equal(preview.body.first_message, 'Cabinet de Dr Claire Dubois, bonjour.')
    assert.equal(
      preview.body.system_prompt,
      `Tu es la secrétaire de Dr Claire Dubois, médecin à ${tenant.name}. Parle français.`,
    )
    assert.deepEqual(preview.body.unknown_placeholders, [])

    const created = await call<Assistant>(handler, 'POST', '/assistants', {
      ...as,
      body: { name: 'Secrétaire', language: 'fr', from_template: true },
    })
    assert.equal(created.status, 201, created.text)
    assert.equal(created.body.system_prompt, preview.body.system_prompt)
    const inVapi = await vapi.assistants.get({ id: created.body.vapi_id }) as unknown as Record<string, any>
    assert.equal(inVapi.firstMessage, 'Cabinet de Dr Claire Dubois, bonjour.')

    // A template using a placeholder nobody fills: reported, never sent.
    await deps.db.asService((tx) =>
      tx`update public.tenants set profession = 'dentist' where id = ${tenant.id}`
    )
    await seedTemplate(deps, {
      profession: 'dentist',
      language: 'fr',
      first_message: '',
      body: 'Dr [SPECIALTY]',
    })
    const p = await call<RenderedTemplate>(handler, 'GET', '/assistants/template', as)
    assert.deepEqual(p.body.unknown_placeholders, ['SPECIALTY'])
    const refused = await expectProblem(
      handler,
      'POST',
      '/assistants',
      {
        ...as,
        body: { name: 'Dentiste', language: 'fr', from_template: true },
      },
      422,
      'unknown_placeholder',
    )
    assert.deepEqual(refused.errors!.map((e) => e.field), ['system_prompt'])
    assert.equal((await vapi.assistants.list()).length, 1, 'only the first one is in Vapi')

    // No template for a profession, and no default one, is a 404 (in a transaction rolled back afterwards,
    // since the platform's templates are shared by every test).
    const profile = { ...tenant, business_name: tenant.name, owner_phone: null, user_name: null }
    await assert.rejects(
      deps.db.asService(async (tx) => {
        await tx`delete from public.prompt_templates where profession in ('default', ${profile.profession})`
        await renderedTemplate(tx, profile, 'fr')
      }),
      (error: { code?: string }) => error.code === 'template_not_found',
    )
  }))

Deno.test('assistants: activation routes its numbers to it in Vapi, deactivation detaches them', () =>
  withTestDeps(assistants, async ({ deps, handler }) => {
    const { tenant, vapi, as } = await voiceTenant(deps, { ownerName: 'Alice Martin' })
    const { body: a } = await call<Assistant>(handler, 'POST', '/assistants', { ...as, body: BODY })
    const number = await numberFor(deps, tenant.id, vapi, a.id)

    const listed = await call<AssistantDetail>(handler, 'GET', `/assistants/${a.id}`, as)
    assert.deepEqual(listed.body.phone_number_ids, [number.id])
    assert.equal(listed.body.phone_numbers[0].number, number.number)

    const on = await call<Assistant>(handler, 'POST', `/assistants/${a.id}/activate`, as)
    assert.equal(on.status, 200, on.text)
    assert.equal(on.body.active, true)
    assert.equal((await vapi.phoneNumbers.get({ id: number.vapiId })).assistantId, a.vapi_id)

    const off = await call<Assistant>(handler, 'POST', `/assistants/${a.id}/deactivate`, as)
    assert.equal(off.body.active, false)
    assert.ok(!(await vapi.phoneNumbers.get({ id: number.vapiId })).assistantId, 'detached in Vapi')

    // Deleting an active assistant detaches its numbers in Vapi first (Vapi refuses otherwise).
    await call(handler, 'POST', `/assistants/${a.id}/activate`, as)
    const removed = await call(handler, 'DELETE', `/assistants/${a.id}`, as)
    assert.equal(removed.status, 204, removed.text)
    assert.ok(!(await vapi.phoneNumbers.get({ id: number.vapiId })).assistantId)
    assert.deepEqual(await assistantActions(deps, tenant.id), [
      'assistants.created',
      'assistants.activated',
      'assistants.deactivated',
      'assistants.activated',
      'assistants.deleted',
    ])
  }))

Deno.test('assistants: import from Vapi leaves Vapi untouched; drift is detected, pulled and pushed', () =>
  withTestDeps(assistants, async ({ deps, handler }) => {
    const { vapi, as } = await voiceTenant(deps, { ownerName: 'Alice Martin' })
    const outside = await vapi.assistants.create({
      name: 'Made in Vapi',
      firstMessage: 'Hi there',
      model: { provider: 'openai', model: 'gpt-4o', messages: [{ role: 'system', content: 'Be brief.' }] },
    } as never)
    const importable = await call<Page<{ vapi_id: string }>>(handler, 'GET', '/assistants/importable', as)
    assert.equal(importable.status, 200, importable.text)
    assert.deepEqual(importable.body.items.map((i) => i.vapi_id), [outside.id])

    const imported = await call<{ items: Assistant[] }>(handler, 'POST', '/assistants/import', {
      ...as,
      body: { vapi_ids: [outside.id] },
    })
    assert.equal(imported.status, 201, imported.text)
    const a = imported.body.items[0]
    assert.equal(a.name, 'Made in Vapi')
    assert.equal(a.system_prompt, 'Be brief.')
    assert.deepEqual(a.model, { provider: 'openai', model: 'gpt-4o' })
    assert.equal(a.webhook_configured, false, 'flagged, not changed in Vapi')
    assert.equal((await vapi.assistants.get({ id: outside.id }) as { server?: unknown }).server, undefined)
    assert.deepEqual((await call<Page<unknown>>(handler, 'GET', '/assistants/importable', as)).body.items, [])
    await expectProblem(
      handler,
      'POST',
      '/assistants/import',
      { ...as, body: { vapi_ids: [outside.id] } },
      409,
      'already_exists',
    )

    // Edited in Vapi's dashboard: drifted; pull takes Vapi's version.
    await vapi.assistants.update({ id: outside.id, name: 'Edited in Vapi' })
    const drifted = await call<AssistantDetail>(handler, 'GET', `/assistants/${a.id}`, as)
    assert.equal(drifted.body.sync.state, 'drifted')
    const pulled = await call<AssistantDetail>(handler, 'POST', `/assistants/${a.id}/sync`, {
      ...as,
      body: { direction: 'pull' },
    })
    assert.equal(pulled.status, 200, pulled.text)
    assert.equal(pulled.body.name, 'Edited in Vapi')
    assert.equal(pulled.body.sync.state, 'in_sync')

    // Edited again; push sends ours back (with our webhook now).
    await vapi.assistants.update({ id: outside.id, name: 'Changed again' })
    const pushed = await call<AssistantDetail>(handler, 'POST', `/assistants/${a.id}/sync`, {
      ...as,
      body: { direction: 'push' },
    })
    assert.equal(pushed.body.sync.state, 'in_sync')
    assert.equal(pushed.body.webhook_configured, true)
    assert.equal((await vapi.assistants.get({ id: outside.id })).name, 'Edited in Vapi')

    // Deleted in Vapi: missing; pull is refused, push creates it again.
    await vapi.assistants.delete({ id: outside.id })
    assert.equal(
      (await call<AssistantDetail>(handler, 'GET', `/assistants/${a.id}`, as)).body.sync.state,
      'missing_in_vapi',
    )
    await expectProblem(
      handler,
      'POST',
      `/assistants/${a.id}/sync`,
      { ...as, body: { direction: 'pull' } },
      409,
      'missing_in_vapi',
    )
    const recreated = await call<AssistantDetail>(handler, 'POST', `/assistants/${a.id}/sync`, {
      ...as,
      body: { direction: 'push' },
    })
    assert.equal(recreated.body.sync.state, 'in_sync')
    assert.notEqual(recreated.body.vapi_id, outside.id)
    assert.equal((await vapi.assistants.get({ id: recreated.body.vapi_id })).name, 'Edited in Vapi')
  }))

Deno.test('assistants: viewers read, agents and viewers cannot change; other tenants see and touch nothing', () =>
  withTestDeps(assistants, async ({ deps, handler }) => {
    const A = await voiceTenant(deps, { ownerName: 'Alice Martin' })
    const B = await voiceTenant(deps, { ownerName: 'Alice Martin' })
    const { body: a } = await call<Assistant>(handler, 'POST', '/assistants', { ...A.as, body: BODY })

    const viewer = await memberWithRole(deps, A.tenant.id, 'viewer')
    assert.equal((await call(handler, 'GET', '/assistants', viewer.as)).status, 200)
    assert.equal((await call(handler, 'GET', `/assistants/${a.id}`, viewer.as)).status, 200)
    const agent = await memberWithRole(deps, A.tenant.id, 'agent')
    for (const who of [viewer.as, agent.as]) {
      await expectProblem(handler, 'POST', '/assistants', { ...who, body: BODY }, 403, 'forbidden')
      await expectProblem(
        handler,
        'PATCH',
        `/assistants/${a.id}`,
        { ...who, body: { name: 'X' } },
        403,
        'forbidden',
      )
      await expectProblem(handler, 'DELETE', `/assistants/${a.id}`, who, 403, 'forbidden')
      await expectProblem(handler, 'POST', `/assistants/${a.id}/activate`, who, 403, 'forbidden')
      await expectProblem(handler, 'GET', '/assistants/importable', who, 403, 'forbidden')
    }
    const stranger = await signUp('stranger')
    await expectProblem(
      handler,
      'GET',
      '/assistants',
      { token: stranger.token, tenant: A.tenant.id },
      404,
      'tenant_not_found',
    )

    // B names A's assistant under its own tenant: as missing as a deleted one.
    await expectProblem(handler, 'GET', `/assistants/${a.id}`, B.as, 404, 'assistant_not_found')
    await expectProblem(
      handler,
      'PATCH',
      `/assistants/${a.id}`,
      { ...B.as, body: { name: 'Hijack' } },
      404,
      'assistant_not_found',
    )
    await expectProblem(handler, 'DELETE', `/assistants/${a.id}`, B.as, 404, 'assistant_not_found')
    await expectProblem(handler, 'POST', `/assistants/${a.id}/activate`, B.as, 404, 'assistant_not_found')
    assert.deepEqual((await call<Page<Assistant>>(handler, 'GET', '/assistants', B.as)).body.items, [])
    // A's assistant cannot be imported into B: B's key does not see A's organisation.
    await expectProblem(
      handler,
      'POST',
      '/assistants/import',
      { ...B.as, body: { vapi_ids: [a.vapi_id] } },
      422,
      'vapi_rejected',
    )

    // Each tenant's key was used for its own organisation only.
    assert.equal((await A.vapi.assistants.get({ id: a.vapi_id })).name, 'Front desk')
    assert.deepEqual(await B.vapi.assistants.list(), [])
    const { body: b } = await call<Assistant>(handler, 'POST', '/assistants', { ...B.as, body: BODY })
    assert.deepEqual((await B.vapi.assistants.list()).map((x) => x.id), [b.vapi_id])
    assert.deepEqual((await A.vapi.assistants.list()).map((x) => x.id), [a.vapi_id])
    await assert.rejects(vapiClient(B.key).assistants.get({ id: a.vapi_id }))
    assert.deepEqual((await assistantRows(deps, A.tenant.id)).map((r) => r.name), ['Front desk'])
  }))
