/**
 * The `knowledge-bases` function: a tenant's knowledge bases in its own Vapi organisation (Vapi's v2 API),
 * and the files attached to them. Every change goes to Vapi first, then to our tables in the same request.
 */
import type { Vapi, VapiClient } from '@vapi-ai/server-sdk'
import {
  type AttachFileBody,
  type KnowledgeBase,
  knowledgeBasesContract,
  type UpdateKnowledgeBaseBody,
} from '../../../shared/contracts/knowledge-bases.ts'
import type { Page } from '../../../shared/contracts/pagination.ts'
import { audit } from '../_shared/audit.ts'
import { Conflict, NotFound } from '../_shared/errors.ts'
import { defineFunction } from '../_shared/function.ts'
import { afterNewest, newestKey, newestOrder, newestSortAt, toPage } from '../_shared/pagination.ts'
import {
  createThenPersist,
  payloadHash,
  storedPayload,
  tenantVapi,
  unlessGone,
  vapiCall,
  type VoiceCaller,
  voiceDeps,
} from '../_shared/voice.ts'
import { KB_COLUMNS, type KnowledgeBaseRow, withRelations } from './rows.ts'

export default defineFunction({
  contract: knowledgeBasesContract,
  deps: voiceDeps,
  operations: {
    list: (ctx) => listBases(ctx, ctx.input.query),
    create: (ctx) => createBase(ctx, ctx.input.body),
    get: async (ctx) => (await withRelations(ctx.tx, [await findBase(ctx, ctx.input.params.id)]))[0],
    update: (ctx) => updateBase(ctx, ctx.input.params.id, ctx.input.body),
    delete: (ctx) => deleteBase(ctx, ctx.input.params.id),
    attachFile: (ctx) => attachFile(ctx, ctx.input.params.id, ctx.input.body),
    detachFile: (ctx) => detachFile(ctx, ctx.input.params.id, ctx.input.params.fileId),
  },
})

async function findBase(caller: VoiceCaller, id: string): Promise<KnowledgeBaseRow> {
  const [row] = await caller.tx<KnowledgeBaseRow[]>`
    select ${
    caller.tx(KB_COLUMNS)
  } from public.knowledge_bases where tenant_id = ${caller.tenant} and id = ${id}`
  if (!row) throw new NotFound('knowledge_base_not_found', 'No such knowledge base in this tenant')
  return row
}

async function listBases(
  caller: VoiceCaller,
  query: { cursor?: string; limit: number },
): Promise<Page<KnowledgeBase>> {
  const { tx, tenant } = caller
  const rows = await tx<(KnowledgeBaseRow & { sort_at: string })[]>`
    select ${tx(KB_COLUMNS)}, ${newestSortAt(tx)} as sort_at from public.knowledge_bases
    where tenant_id = ${tenant} and ${afterNewest(tx, query.cursor)}
    order by ${newestOrder(tx)}
    limit ${query.limit + 1}`
  const items = await withRelations(tx, rows.slice(0, query.limit))
  const page = toPage(rows, query.limit, (row) => row, newestKey)
  return { items, next_cursor: page.next_cursor }
}

async function createBase(
  caller: VoiceCaller,
  body: { name: string; description: string },
): Promise<KnowledgeBase> {
  const { tx, tenant, claims, deps } = caller
  const vapi = await tenantVapi(caller)
  const row = await createThenPersist(
    deps,
    () =>
      vapiCall('create the knowledge base', () =>
        vapi.knowledgeBasesV2.knowledgeBaseV2ControllerCreate({
          name: body.name,
          ...(body.description ? { description: body.description } : {}),
        })),
    async (created) => {
      const [inserted] = await tx<KnowledgeBaseRow[]>`
        insert into public.knowledge_bases (tenant_id, vapi_id, name, description, vapi_payload, vapi_hash,
          created_by)
        values (${tenant}, ${created.id}, ${body.name}, ${body.description}, ${storedPayload(tx, created)},
          ${await payloadHash(created)}, ${claims.sub})
        returning ${tx(KB_COLUMNS)}`
      await audit(tx, {
        tenantId: tenant,
        actor: claims.sub,
        action: 'knowledge_bases.created',
        target: `knowledge_base:${inserted.id}`,
        details: { name: body.name, vapi_id: created.id },
      })
      return inserted
    },
    (created) => vapi.knowledgeBasesV2.knowledgeBaseV2ControllerRemove({ id: created.id }),
  )
  return (await withRelations(tx, [row]))[0]
}

async function updateBase(
  caller: VoiceCaller,
  id: string,
  body: UpdateKnowledgeBaseBody,
): Promise<KnowledgeBase> {
  const { tx, tenant, claims } = caller
  const current = await findBase(caller, id)
  const changes = Object.fromEntries(
    Object.entries(body).filter(([key, value]) =>
      value !== undefined && value !== current[key as keyof KnowledgeBaseRow]
    ),
  ) as { name?: string; description?: string }
  const fields = Object.keys(changes) as ('name' | 'description')[]
  if (fields.length === 0) return (await withRelations(tx, [current]))[0]
  const vapi = await tenantVapi(caller)
  const updated = await vapiCall(
    'update the knowledge base',
    () =>
      vapi.knowledgeBasesV2.knowledgeBaseV2ControllerUpdate({
        id: current.vapi_id,
        ...changes,
        // An empty description clears Vapi's.
        ...(changes.description === '' ? { description: null } : {}),
      }),
  )
  const [row] = await tx<KnowledgeBaseRow[]>`
    update public.knowledge_bases
    set ${tx(changes, fields)}, vapi_payload = ${storedPayload(tx, updated)},
      vapi_hash = ${await payloadHash(updated)}, synced_at = now()
    where tenant_id = ${tenant} and id = ${id}
    returning ${tx(KB_COLUMNS)}`
  await audit(tx, {
    tenantId: tenant,
    actor: claims.sub,
    action: 'knowledge_bases.updated',
    target: `knowledge_base:${id}`,
    details: { fields },
  })
  return (await withRelations(tx, [row]))[0]
}

async function deleteBase(caller: VoiceCaller, id: string): Promise<void> {
  const { tx, tenant, claims } = caller
  const row = await findBase(caller, id)
  const [base] = await withRelations(tx, [row])
  const vapi = await tenantVapi(caller)
  await detachFromAssistants(caller, vapi, row.vapi_id, id)
  await unlessGone(
    'delete the knowledge base',
    () => vapi.knowledgeBasesV2.knowledgeBaseV2ControllerRemove({ id: row.vapi_id }),
  )
  // Attachments cascade; assistants.knowledge_base_id is set to null by its foreign key.
  await tx`delete from public.knowledge_bases where tenant_id = ${tenant} and id = ${id}`
  await audit(tx, {
    tenantId: tenant,
    actor: claims.sub,
    action: 'knowledge_bases.deleted',
    target: `knowledge_base:${id}`,
    details: { name: row.name, vapi_id: row.vapi_id, assistant_ids: base.assistants.map((a) => a.id) },
  })
}

/**
 * Before a base goes, the assistants searching it stop listing its tool in Vapi (Vapi deletes the tool with
 * the base, which would leave them pointing at nothing). Each stored payload is replaced by what Vapi returns,
 * so the assistants stay in sync.
 */
async function detachFromAssistants(caller: VoiceCaller, vapi: VapiClient, baseVapiId: string, id: string) {
  const { tx, tenant } = caller
  const users = await tx<{ id: string; vapi_id: string }[]>`
    select id, vapi_id from public.assistants where tenant_id = ${tenant} and knowledge_base_id = ${id}`
  if (users.length === 0) return
  const base = await unlessGone(
    'read the knowledge base',
    () => vapi.knowledgeBasesV2.knowledgeBaseV2ControllerFindOne({ id: baseVapiId }),
  )
  const toolId = (base as { toolId?: string | null } | null)?.toolId
  if (!toolId) return
  for (const assistant of users) {
    const current = await unlessGone(
      'read the assistant',
      () => vapi.assistants.get({ id: assistant.vapi_id }),
    )
    const toolIds = current?.model?.toolIds
    if (!current?.model || !toolIds?.includes(toolId)) continue
    const model = { ...current.model, toolIds: toolIds.filter((tool) => tool !== toolId) }
    const updated = await vapiCall(
      'update the assistant',
      () =>
        vapi.assistants.update({ id: assistant.vapi_id, model } as Vapi.UpdateAssistantDto & { id: string }),
    )
    await tx`
      update public.assistants
      set vapi_payload = ${storedPayload(tx, updated)}, vapi_hash = ${await payloadHash(
      updated,
    )}, synced_at = now()
      where id = ${assistant.id}`
  }
}

async function attachFile(caller: VoiceCaller, id: string, body: AttachFileBody): Promise<KnowledgeBase> {
  const { tx, tenant, claims } = caller
  const base = await findBase(caller, id)
  const [file] = await tx<{ id: string; vapi_id: string; name: string; attached: boolean }[]>`
    select f.id, f.vapi_id, f.name, exists (
      select 1 from public.knowledge_base_files l where l.knowledge_base_id = ${id} and l.file_id = f.id
    ) as attached
    from public.files f where f.tenant_id = ${tenant} and f.id = ${body.file_id}`
  if (!file) throw new NotFound('file_not_found', 'No such file in this tenant')
  if (file.attached) throw new Conflict('file_already_attached', `"${file.name}" is already attached`)
  const vapi = await tenantVapi(caller)
  await vapiCall(
    'attach the file',
    () =>
      vapi.knowledgeBasesV2.knowledgeBaseV2ControllerFileAttach({ id: base.vapi_id, fileId: file.vapi_id }),
  )
  await tx`
    insert into public.knowledge_base_files (tenant_id, knowledge_base_id, file_id)
    values (${tenant}, ${id}, ${file.id})`
  await audit(tx, {
    tenantId: tenant,
    actor: claims.sub,
    action: 'knowledge_bases.file_attached',
    target: `knowledge_base:${id}`,
    details: { file_id: file.id, name: file.name },
  })
  return (await withRelations(tx, [base]))[0]
}

async function detachFile(caller: VoiceCaller, id: string, fileId: string): Promise<void> {
  const { tx, tenant, claims } = caller
  const base = await findBase(caller, id)
  const [file] = await tx<{ vapi_id: string; name: string }[]>`
    select f.vapi_id, f.name from public.knowledge_base_files l join public.files f on f.id = l.file_id
    where l.tenant_id = ${tenant} and l.knowledge_base_id = ${id} and l.file_id = ${fileId}`
  if (!file) throw new NotFound('file_not_attached', 'This file is not attached to this knowledge base')
  const vapi = await tenantVapi(caller)
  await unlessGone(
    'detach the file',
    () =>
      vapi.knowledgeBasesV2.knowledgeBaseV2ControllerFileDetach({ id: base.vapi_id, fileId: file.vapi_id }),
  )
  await tx`delete from public.knowledge_base_files where knowledge_base_id = ${id} and file_id = ${fileId}`
  await audit(tx, {
    tenantId: tenant,
    actor: claims.sub,
    action: 'knowledge_bases.file_detached',
    target: `knowledge_base:${id}`,
    details: { file_id: fileId, name: file.name },
  })
}
