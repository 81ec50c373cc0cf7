import assert from 'node:assert/strict'
import type { Vapi } from '@vapi-ai/server-sdk'
import type { KnowledgeFile } from '../../../shared/contracts/files.ts'
import type { KnowledgeBase } from '../../../shared/contracts/knowledge-bases.ts'
import type { Page } from '../../../shared/contracts/pagination.ts'
import type { VoiceDeps } from '../_shared/voice.ts'
import {
  auditTrail,
  call,
  expectProblem,
  memberWithRole,
  signUp,
  voiceTenant,
  withTestDeps,
} from '../_shared/testing.ts'
import files from '../files/handler.ts'
import { samples, upload } from '../files/testing.ts'
import knowledgeBases from './handler.ts'

/** The tenant's knowledge bases as its Vapi organisation holds them, with their files' Vapi ids. */
async function inVapi(vapi: Awaited<ReturnType<typeof voiceTenant>>['vapi']) {
  const bases = await vapi.knowledgeBasesV2.knowledgeBaseV2ControllerFindAll()
  return await Promise.all(bases.map(async (kb) => {
    const full = await vapi.knowledgeBasesV2.knowledgeBaseV2ControllerFindOne({ id: kb.id })
    return { id: kb.id, name: kb.name, files: full.files.map((f) => f.fileId) }
  }))
}

async function assistantUsing(deps: VoiceDeps, tenant: string, kb: string, name: string): Promise<string> {
  const [row] = await deps.db.asService((tx) =>
    tx<{ id: string }[]>`
      insert into public.assistants (tenant_id, vapi_id, name, knowledge_base_id)
      values (${tenant}, ${`asst-${crypto.randomUUID()}`}, ${name}, ${kb}) returning id`
  )
  return row.id
}

Deno.test('knowledge bases: create, read, list, update and delete, in Vapi first; audited', () =>
  withTestDeps(knowledgeBases, async ({ deps, handler }) => {
    const { owner, tenant, as, vapi } = await voiceTenant(deps)
    const created = await call<KnowledgeBase>(handler, 'POST', '/knowledge-bases', {
      ...as,
      body: { name: ' Practice FAQ ', description: 'What patients ask' },
    })
    assert.equal(created.status, 201, created.text)
    assert.equal(created.body.name, 'Practice FAQ')
    assert.equal(created.body.description, 'What patients ask')
    assert.deepEqual(created.body.files, [])
    assert.deepEqual(created.body.assistants, [])
    assert.deepEqual(await inVapi(vapi), [{ id: created.body.vapi_id, name: 'Practice FAQ', files: [] }])

    const read = await call<KnowledgeBase>(handler, 'GET', `/knowledge-bases/${created.body.id}`, as)
    assert.deepEqual(read.body, created.body)
    const second = await call<KnowledgeBase>(handler, 'POST', '/knowledge-bases', {
      ...as,
      body: { name: 'Prices' },
    })
    const list = await call<Page<KnowledgeBase>>(handler, 'GET', '/knowledge-bases', as)
    assert.deepEqual(list.body.items.map((k) => k.name), ['Prices', 'Practice FAQ'])

    const updated = await call<KnowledgeBase>(handler, 'PATCH', `/knowledge-bases/${created.body.id}`, {
      ...as,
      body: { name: 'FAQ' },
    })
    assert.equal(updated.status, 200, updated.text)
    assert.equal(updated.body.name, 'FAQ')
    assert.equal(updated.body.description, 'What patients ask', 'partial update')
    assert.equal((await inVapi(vapi)).find((k) => k.id === created.body.vapi_id)?.name, 'FAQ')

    const removed = await call(handler, 'DELETE', `/knowledge-bases/${second.body.id}`, as)
    assert.equal(removed.status, 204, removed.text)
    assert.deepEqual((await inVapi(vapi)).map((k) => k.name), ['FAQ'])
    await expectProblem(
      handler,
      'GET',
      `/knowledge-bases/${second.body.id}`,
      as,
      404,
      'knowledge_base_not_found',
    )

    const audit = (await auditTrail(deps, tenant.id)).filter((a) => a.action.startsWith('knowledge_bases.'))
    assert.deepEqual(audit.map((a) => a.action), [
      'knowledge_bases.created',
      'knowledge_bases.created',
      'knowledge_bases.updated',
      'knowledge_bases.deleted',
    ])
    assert.equal(audit[0].actor, owner.id)
    assert.deepEqual(audit[2].details, { fields: ['name'] })
  }))

Deno.test('knowledge bases: validation names the fields', () =>
  withTestDeps(knowledgeBases, async ({ deps, handler }) => {
    const { as, vapi } = await voiceTenant(deps)
    const bad = await expectProblem(
      handler,
      'POST',
      '/knowledge-bases',
      {
        ...as,
        body: { name: 'x'.repeat(81), description: 'y'.repeat(1001) },
      },
      400,
      'validation_failed',
    )
    assert.deepEqual(bad.errors?.map((e) => e.field), ['name', 'description'])
    const id = await expectProblem(handler, 'GET', '/knowledge-bases/nope', as, 400, 'validation_failed')
    assert.deepEqual(id.errors?.map((e) => e.field), ['path.id'])
    assert.deepEqual(await inVapi(vapi), [])
  }))

Deno.test('knowledge bases: attach and detach files, reflected in Vapi; a file in use is detached before its delete', () =>
  withTestDeps(knowledgeBases, async ({ deps, handler }) => {
    const filesHandler = files.createHandler(deps)
    const { tenant, as, vapi } = await voiceTenant(deps)
    const { body: pdf } = await upload<KnowledgeFile>(filesHandler, as, samples()[0])
    const { body: txt } = await upload<KnowledgeFile>(filesHandler, as, samples()[2])
    const { body: kb } = await call<KnowledgeBase>(handler, 'POST', '/knowledge-bases', {
      ...as,
      body: { name: 'FAQ' },
    })
    const { body: other } = await call<KnowledgeBase>(handler, 'POST', '/knowledge-bases', {
      ...as,
      body: { name: 'Misc' },
    })

    const attached = await call<KnowledgeBase>(handler, 'POST', `/knowledge-bases/${kb.id}/files`, {
      ...as,
      body: { file_id: pdf.id },
    })
    assert.equal(attached.status, 200, attached.text)
    assert.deepEqual(attached.body.files, [{ id: pdf.id, name: 'hours.pdf', status: 'processing' }])
    await call(handler, 'POST', `/knowledge-bases/${kb.id}/files`, { ...as, body: { file_id: txt.id } })
    await call(handler, 'POST', `/knowledge-bases/${other.id}/files`, { ...as, body: { file_id: pdf.id } })
    await expectProblem(
      handler,
      'POST',
      `/knowledge-bases/${kb.id}/files`,
      {
        ...as,
        body: { file_id: pdf.id },
      },
      409,
      'file_already_attached',
    )
    let vapiState = await inVapi(vapi)
    assert.deepEqual(vapiState.find((k) => k.id === kb.vapi_id)?.files, [pdf.vapi_id, txt.vapi_id])

    const used = await call<KnowledgeFile>(filesHandler, 'GET', `/files/${pdf.id}`, as)
    assert.deepEqual(used.body.used_by, [
      { knowledge_base_id: kb.id, name: 'FAQ' },
      { knowledge_base_id: other.id, name: 'Misc' },
    ])

    const detached = await call(handler, 'DELETE', `/knowledge-bases/${kb.id}/files/${txt.id}`, as)
    assert.equal(detached.status, 204, detached.text)
    await expectProblem(
      handler,
      'DELETE',
      `/knowledge-bases/${kb.id}/files/${txt.id}`,
      as,
      404,
      'file_not_attached',
    )
    vapiState = await inVapi(vapi)
    assert.deepEqual(vapiState.find((k) => k.id === kb.vapi_id)?.files, [pdf.vapi_id])

    // Deleting the PDF, still in two bases: Vapi would refuse it attached, so it is detached from both first.
    const removed = await call(filesHandler, 'DELETE', `/files/${pdf.id}`, as)
    assert.equal(removed.status, 204, removed.text)
    vapiState = await inVapi(vapi)
    assert.deepEqual(vapiState.map((k) => k.files), [[], []])
    assert.equal((await vapi.files.list({ purpose: 'knowledge-base-v2' })).length, 1)
    const after = await call<KnowledgeBase>(handler, 'GET', `/knowledge-bases/${kb.id}`, as)
    assert.deepEqual(after.body.files, [])

    const audit = (await auditTrail(deps, tenant.id)).map((a) => a.action)
    assert.ok(
      audit.includes('knowledge_bases.file_attached') && audit.includes('knowledge_bases.file_detached'),
    )
    assert.deepEqual(
      (await auditTrail(deps, tenant.id)).find((a) => a.action === 'files.deleted')?.details.detached_from,
      [kb.id, other.id],
    )
  }))

Deno.test('knowledge bases: a Vapi refusal is a 422 with its message and nothing is written', () =>
  withTestDeps(knowledgeBases, async ({ deps, handler }) => {
    const filesHandler = files.createHandler(deps)
    const { tenant, as, vapi } = await voiceTenant(deps)
    const { body: file } = await upload<KnowledgeFile>(filesHandler, as, samples()[2])
    const { body: kb } = await call<KnowledgeBase>(handler, 'POST', '/knowledge-bases', {
      ...as,
      body: { name: 'FAQ' },
    })
    // The file disappears from Vapi behind our back (deleted in its dashboard).
    await vapi.files.delete({ id: file.vapi_id })
    const refused = await expectProblem(
      handler,
      'POST',
      `/knowledge-bases/${kb.id}/files`,
      {
        ...as,
        body: { file_id: file.id },
      },
      422,
      'vapi_rejected',
    )
    assert.match(refused.detail ?? '', /^Could not attach the file: .*File/)
    const [{ n }] = await deps.db.asService((tx) =>
      tx<
        { n: number }[]
      >`select count(*)::int as n from public.knowledge_base_files where tenant_id = ${tenant.id}`
    )
    assert.equal(n, 0)
    assert.ok(!(await auditTrail(deps, tenant.id)).some((a) => a.action === 'knowledge_bases.file_attached'))
  }))

Deno.test("knowledge bases: another tenant's file or base is a 404; B's key never touches A's Vapi", () =>
  withTestDeps(knowledgeBases, async ({ deps, handler }) => {
    const filesHandler = files.createHandler(deps)
    const a = await voiceTenant(deps)
    const b = await voiceTenant(deps)
    const { body: fileA } = await upload<KnowledgeFile>(filesHandler, a.as, samples()[2])
    const { body: kbA } = await call<KnowledgeBase>(handler, 'POST', '/knowledge-bases', {
      ...a.as,
      body: { name: 'A' },
    })
    const { body: kbB } = await call<KnowledgeBase>(handler, 'POST', '/knowledge-bases', {
      ...b.as,
      body: { name: 'B' },
    })

    await expectProblem(
      handler,
      'POST',
      `/knowledge-bases/${kbB.id}/files`,
      {
        ...b.as,
        body: { file_id: fileA.id },
      },
      404,
      'file_not_found',
    )
    await expectProblem(handler, 'GET', `/knowledge-bases/${kbA.id}`, b.as, 404, 'knowledge_base_not_found')
    await expectProblem(
      handler,
      'PATCH',
      `/knowledge-bases/${kbA.id}`,
      {
        ...b.as,
        body: { name: 'Mine' },
      },
      404,
      'knowledge_base_not_found',
    )
    await expectProblem(
      handler,
      'DELETE',
      `/knowledge-bases/${kbA.id}`,
      b.as,
      404,
      'knowledge_base_not_found',
    )
    await expectProblem(
      handler,
      'POST',
      `/knowledge-bases/${kbA.id}/files`,
      {
        ...b.as,
        body: { file_id: fileA.id },
      },
      404,
      'knowledge_base_not_found',
    )
    const listB = await call<Page<KnowledgeBase>>(handler, 'GET', '/knowledge-bases', b.as)
    assert.deepEqual(listB.body.items.map((k) => k.name), ['B'])
    assert.deepEqual((await inVapi(a.vapi)).map((k) => [k.name, k.files]), [['A', []]])
    assert.deepEqual((await inVapi(b.vapi)).map((k) => [k.name, k.files]), [['B', []]])
  }))

Deno.test('knowledge bases: assistants using a base are listed and lose it on delete; roles and non-members', () =>
  withTestDeps(knowledgeBases, async ({ deps, handler }) => {
    const { tenant, as } = await voiceTenant(deps)
    const { body: kb } = await call<KnowledgeBase>(handler, 'POST', '/knowledge-bases', {
      ...as,
      body: { name: 'FAQ' },
    })
    const assistant = await assistantUsing(deps, tenant.id, kb.id, 'Front desk')
    const read = await call<KnowledgeBase>(handler, 'GET', `/knowledge-bases/${kb.id}`, as)
    assert.deepEqual(read.body.assistants, [{ id: assistant, name: 'Front desk' }])

    for (const role of ['viewer', 'agent'] as const) {
      const member = await memberWithRole(deps, tenant.id, role)
      const list = await call<Page<KnowledgeBase>>(handler, 'GET', '/knowledge-bases', member.as)
      assert.equal(list.status, 200, list.text)
      await expectProblem(
        handler,
        'POST',
        '/knowledge-bases',
        { ...member.as, body: { name: 'x' } },
        403,
        'forbidden',
      )
      await expectProblem(
        handler,
        'PATCH',
        `/knowledge-bases/${kb.id}`,
        {
          ...member.as,
          body: { name: 'x' },
        },
        403,
        'forbidden',
      )
      await expectProblem(handler, 'DELETE', `/knowledge-bases/${kb.id}`, member.as, 403, 'forbidden')
    }
    const stranger = await signUp('stranger')
    await expectProblem(
      handler,
      'GET',
      '/knowledge-bases',
      {
        token: stranger.token,
        tenant: tenant.id,
      },
      404,
      'tenant_not_found',
    )

    assert.equal((await call(handler, 'DELETE', `/knowledge-bases/${kb.id}`, as)).status, 204)
    const [row] = await deps.db.asService((tx) =>
      tx<
        { knowledge_base_id: string | null }[]
      >`select knowledge_base_id from public.assistants where id = ${assistant}`
    )
    assert.equal(row.knowledge_base_id, null)
    const deleted = (await auditTrail(deps, tenant.id)).find((a) => a.action === 'knowledge_bases.deleted')
    assert.deepEqual(deleted?.details.assistant_ids, [assistant])
  }))

Deno.test("knowledge bases: deleting a base takes its search tool off the assistants' model in Vapi", () =>
  withTestDeps(knowledgeBases, async ({ deps, handler }) => {
    const { tenant, as, vapi } = await voiceTenant(deps)
    const { body: kb } = await call<KnowledgeBase>(handler, 'POST', '/knowledge-bases', {
      ...as,
      body: { name: 'Opening hours' },
    })
    const { toolId } = await vapi.knowledgeBasesV2.knowledgeBaseV2ControllerFindOne({ id: kb.vapi_id })
    assert.ok(toolId, 'Vapi generated a search tool for the base')
    const other = crypto.randomUUID()
    const inVapi = await vapi.assistants.create({
      name: 'Front desk',
      model: { provider: 'openai', model: 'gpt-4o-mini', toolIds: [toolId, other] },
    } as Vapi.CreateAssistantDto)
    await deps.db.asService((tx) =>
      tx`insert into public.assistants (tenant_id, vapi_id, name, knowledge_base_id)
         values (${tenant.id}, ${inVapi.id}, 'Front desk', ${kb.id})`
    )

    assert.equal((await call(handler, 'DELETE', `/knowledge-bases/${kb.id}`, as)).status, 204)
    const after = await vapi.assistants.get({ id: inVapi.id })
    assert.deepEqual(after.model?.toolIds, [other], 'only the deleted base tool is gone')
    const [row] = await deps.db.asService((tx) =>
      tx<{ knowledge_base_id: string | null; vapi_payload: { model?: { toolIds?: string[] } } }[]>`
        select knowledge_base_id, vapi_payload from public.assistants where vapi_id = ${inVapi.id}`
    )
    assert.equal(row.knowledge_base_id, null)
    assert.deepEqual(row.vapi_payload.model?.toolIds, [other], 'our copy is what Vapi holds')
  }))
