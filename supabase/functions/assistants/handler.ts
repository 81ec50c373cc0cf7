/**
 * A tenant's Vapi assistants. Every change goes to Vapi first with the tenant's own key, then to our row in
 * the same request (a Vapi refusal writes nothing); activation routes the assistant's numbers in Vapi.
 */
import type { z } from 'zod'
import {
  type Assistant,
  type AssistantDetail,
  assistantsContract,
  type CreateAssistantBody,
  DEFAULT_MODEL,
  DEFAULT_TRANSCRIBER,
  DEFAULT_VOICE,
  type ImportableAssistant,
  type UpdateAssistantBody,
} from '../../../shared/contracts/assistants.ts'
import type { Page } from '../../../shared/contracts/pagination.ts'
import { isLanguage } from '../../../shared/languages.ts'
import { audit } from '../_shared/audit.ts'
import { Conflict } from '../_shared/errors.ts'
import { defineFunction } from '../_shared/function.ts'
import { errorFields } from '../_shared/log.ts'
import { afterTextId, textIdOrder, toPage } from '../_shared/pagination.ts'
import {
  createThenPersist,
  routeNumbers,
  tenantVapi,
  vapiCall,
  type VoiceCaller,
  voiceDeps,
} from '../_shared/voice.ts'
import { type AssistantFields, fromVapi, managedHash } from './payload.ts'
import {
  assistantFields,
  type AssistantRow,
  fieldColumns,
  loadAssistant,
  selectAssistants,
  syncColumns,
  toAssistant,
} from './rows.ts'
import { fillPlaceholders, profileOf, renderedTemplate } from './template.ts'
import { buildPayload, createInVapi, deleteInVapi, syncState, updateInVapi, vapiCopy } from './vapi-sync.ts'

export default defineFunction({
  contract: assistantsContract,
  deps: voiceDeps,
  operations: {
    list: (ctx) => listAssistants(ctx, ctx.input.query),
    template: async (ctx) => {
      const { tx, tenant, claims } = ctx
      const profile = await profileOf(tx, tenant, claims)
      return renderedTemplate(tx, profile, ctx.input.query.language ?? profile.language)
    },
    importable: (ctx) => importable(ctx),
    import: (ctx) => importAssistants(ctx, ctx.input.body.vapi_ids),
    create: (ctx) => createAssistant(ctx, ctx.input.body),
    get: (ctx) => getAssistant(ctx, ctx.input.params.id),
    update: (ctx) => updateAssistant(ctx, ctx.input.params.id, ctx.input.body),
    remove: (ctx) => removeAssistant(ctx, ctx.input.params.id),
    activate: (ctx) => setActive(ctx, ctx.input.params.id, true),
    deactivate: (ctx) => setActive(ctx, ctx.input.params.id, false),
    sync: (ctx) => syncAssistant(ctx, ctx.input.params.id, ctx.input.body.direction),
  },
})

const show = (caller: VoiceCaller, row: AssistantRow): Assistant =>
  toAssistant(row, caller.tenant, caller.deps.env.SUPABASE_URL)

const reload = (caller: VoiceCaller, id: string) => loadAssistant(caller.tx, caller.tenant, id)

function record(caller: VoiceCaller, action: string, row: { id: string; name: string }, details = {}) {
  return audit(caller.tx, {
    tenantId: caller.tenant,
    actor: caller.claims.sub,
    action: `assistants.${action}`,
    target: `assistant:${row.id}`,
    details: { name: row.name, ...details },
  })
}

/** Placeholders filled (or refused) in the texts sent to Vapi, with the assistant's language. */
async function filled(caller: VoiceCaller, fields: AssistantFields): Promise<AssistantFields> {
  const profile = await profileOf(caller.tx, caller.tenant, caller.claims)
  const language = isLanguage(fields.language) ? fields.language : profile.language
  const withLanguage = { ...profile, language }
  return {
    ...fields,
    first_message: fillPlaceholders(fields.first_message, withLanguage, 'first_message'),
    system_prompt: fillPlaceholders(fields.system_prompt, withLanguage, 'system_prompt'),
  }
}

async function listAssistants(
  caller: VoiceCaller,
  query: { cursor?: string; limit: number },
): Promise<Page<Assistant>> {
  const { tx, tenant } = caller
  const rows = await selectAssistants(
    tx,
    tx`a.tenant_id = ${tenant} and ${afterTextId(tx, query.cursor, 'name', 'a')}`,
    tx`order by ${textIdOrder(tx, 'name', 'a')} limit ${query.limit + 1}`,
  )
  return toPage(rows, query.limit, (row) => show(caller, row), (row) => [row.name, row.id])
}

type CreateInput = z.output<typeof CreateAssistantBody>
type UpdateInput = z.output<typeof UpdateAssistantBody>

async function createAssistant(caller: VoiceCaller, input: CreateInput): Promise<Assistant> {
  const { tx, tenant, claims } = caller
  let template: { id: string; first_message: string; system_prompt: string } | null = null
  if (input.from_template) {
    const rendered = await renderedTemplate(tx, await profileOf(tx, tenant, claims), input.language)
    template = { id: rendered.template_id, ...rendered }
  }
  const fields = await filled(caller, {
    name: input.name,
    first_message: template?.first_message ?? input.first_message ?? '',
    system_prompt: template?.system_prompt ?? input.system_prompt ?? '',
    language: input.language,
    voice: input.voice ?? DEFAULT_VOICE,
    model: input.model ?? DEFAULT_MODEL,
    transcriber: input.transcriber ?? DEFAULT_TRANSCRIBER,
    end_call_phrases: input.end_call_phrases ?? [],
    recording_enabled: input.recording_enabled ?? true,
    summary_prompt: input.summary_prompt || null,
    structured_data_schema: input.structured_data_schema ?? null,
  })
  const knowledgeBaseId = input.knowledge_base_id ?? null
  const vapi = await tenantVapi(caller)
  const payload = await buildPayload(caller, vapi, fields, knowledgeBaseId)
  const id = await createThenPersist(
    caller.deps,
    () => createInVapi(vapi, payload),
    async (created) => {
      const [row] = await tx<{ id: string }[]>`
        insert into public.assistants ${
        tx({
          tenant_id: tenant,
          vapi_id: created.id,
          ...fieldColumns(tx, fields),
          knowledge_base_id: knowledgeBaseId,
          template_id: template?.id ?? null,
          ...syncColumns(tx, created, await managedHash(created)),
          created_by: claims.sub,
        })
      } returning id`
      await record(caller, 'created', { id: row.id, name: fields.name }, {
        vapi_id: created.id,
        from_template: template !== null,
      })
      return row.id
    },
    (created) => deleteInVapi(vapi, created.id),
  )
  return show(caller, await reload(caller, id))
}

/** Only the fields sent change; the whole assistant is pushed to Vapi, then stored. */
async function updateAssistant(caller: VoiceCaller, id: string, input: UpdateInput): Promise<Assistant> {
  const row = await reload(caller, id)
  const defined = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined))
  const { knowledge_base_id: kb, ...changes } = defined as UpdateInput
  const fields = await filled(caller, {
    ...assistantFields(row),
    ...changes,
    summary_prompt: changes.summary_prompt === undefined
      ? row.summary_prompt
      : changes.summary_prompt || null,
  } as AssistantFields)
  const knowledgeBaseId = kb === undefined ? row.knowledge_base_id : kb
  const vapi = await tenantVapi(caller)
  const updated = await updateInVapi(
    vapi,
    row.vapi_id,
    await buildPayload(caller, vapi, fields, knowledgeBaseId),
  )
  await caller.tx`
    update public.assistants set ${
    caller.tx({
      ...fieldColumns(caller.tx, fields),
      knowledge_base_id: knowledgeBaseId,
      ...syncColumns(caller.tx, updated, await managedHash(updated)),
    })
  }, synced_at = now()
    where tenant_id = ${caller.tenant} and id = ${id}`
  await record(caller, 'updated', { id, name: fields.name }, { fields: Object.keys(defined).sort() })
  return show(caller, await reload(caller, id))
}

/** Pushes our whole assistant to Vapi (recreating it when Vapi lost it) and stores Vapi's copy. */
async function pushAssistant(caller: VoiceCaller, row: AssistantRow): Promise<void> {
  const { tx, tenant } = caller
  const vapi = await tenantVapi(caller)
  const fields = await filled(caller, assistantFields(row))
  const payload = await buildPayload(caller, vapi, fields, row.knowledge_base_id)
  const current = await vapiCopy(vapi, row.vapi_id)
  const store = async (copy: { id: string }) => {
    await tx`
      update public.assistants
      set ${tx({ vapi_id: copy.id, ...syncColumns(tx, copy, await managedHash(copy)) })}, synced_at = now()
      where tenant_id = ${tenant} and id = ${row.id}`
  }
  if (current !== null) {
    await store(await updateInVapi(vapi, row.vapi_id, payload))
    return
  }
  await createThenPersist(caller.deps, () => createInVapi(vapi, payload), async (created) => {
    await store(created)
    // Its numbers pointed at the lost one: point them at the new one.
    if (row.active) await routeNumbers(caller, vapi, { assistantId: row.id })
  }, (created) => deleteInVapi(vapi, created.id))
}

/** Activation pushes the final assistant then routes its numbers to it; deactivation routes them away. */
async function setActive(caller: VoiceCaller, id: string, active: boolean): Promise<Assistant> {
  const row = await reload(caller, id)
  if (active) await pushAssistant(caller, row)
  await caller
    .tx`update public.assistants set active = ${active} where tenant_id = ${caller.tenant} and id = ${id}`
  const numbers = await routeNumbers(caller, await tenantVapi(caller), { assistantId: id })
  await record(caller, active ? 'activated' : 'deactivated', row, { numbers })
  return show(caller, await reload(caller, id))
}

/** Numbers first (so no Vapi number points at it), then Vapi, then our row; Vapi's 404 is no obstacle. */
async function removeAssistant(caller: VoiceCaller, id: string): Promise<void> {
  const { tx, tenant } = caller
  const row = await reload(caller, id)
  const vapi = await tenantVapi(caller)
  await tx`update public.assistants set active = false where tenant_id = ${tenant} and id = ${id}`
  await routeNumbers(caller, vapi, { assistantId: id })
  try {
    await deleteInVapi(vapi, row.vapi_id)
  } catch (error) {
    // Vapi kept it (a squad uses it, say): give its numbers back before the transaction rolls back.
    if (row.active) {
      await tx`update public.assistants set active = true where tenant_id = ${tenant} and id = ${id}`
      await routeNumbers(caller, vapi, { assistantId: id }).catch((restoreError) =>
        caller.deps.log.error('vapi.compensation_failed', errorFields(restoreError))
      )
    }
    throw error
  }
  await tx`delete from public.assistants where tenant_id = ${tenant} and id = ${id}`
  await record(caller, 'deleted', row, { vapi_id: row.vapi_id })
}

async function getAssistant(caller: VoiceCaller, id: string): Promise<AssistantDetail> {
  const row = await reload(caller, id)
  const current = await vapiCopy(await tenantVapi(caller), row.vapi_id)
  return {
    ...show(caller, row),
    sync: {
      state: await syncState(row.vapi_payload, current),
      checked_at: caller.deps.clock.now().toISOString(),
    },
  }
}

async function syncAssistant(
  caller: VoiceCaller,
  id: string,
  direction: 'pull' | 'push',
): Promise<AssistantDetail> {
  const { tx, tenant } = caller
  const row = await reload(caller, id)
  if (direction === 'push') {
    await pushAssistant(caller, row)
  } else {
    const current = await vapiCopy(await tenantVapi(caller), row.vapi_id)
    if (current === null) {
      throw new Conflict('missing_in_vapi', 'Vapi no longer has this assistant: push it to create it again')
    }
    const fields = fromVapi(current, row.language)
    await tx`
      update public.assistants
      set ${tx({ ...fieldColumns(tx, fields), ...syncColumns(tx, current, await managedHash(current)) })},
        synced_at = now()
      where tenant_id = ${tenant} and id = ${id}`
  }
  await record(caller, direction === 'push' ? 'pushed' : 'pulled', row)
  return getAssistant(caller, id)
}

/** The Vapi organisation's assistants whose id is in none of our rows. */
async function importable(caller: VoiceCaller): Promise<Page<ImportableAssistant>> {
  const vapi = await tenantVapi(caller)
  const all = await vapiCall('list the assistants', () => vapi.assistants.list({ limit: 1000 }))
  const ours = await caller.tx<{ vapi_id: string }[]>`
    select vapi_id from public.assistants where tenant_id = ${caller.tenant}`
  const known = new Set(ours.map((r) => r.vapi_id))
  const items = all.filter((a) => !known.has(a.id)).map((a) => ({
    vapi_id: a.id,
    name: a.name ?? null,
    created_at: a.createdAt ?? null,
    updated_at: a.updatedAt ?? null,
  }))
  return { items, next_cursor: null }
}

/** Copies each assistant as Vapi has it: nothing changes in Vapi (its webhook is fixed by a push). */
async function importAssistants(caller: VoiceCaller, vapiIds: string[]): Promise<{ items: Assistant[] }> {
  const { tx, tenant, claims } = caller
  const vapi = await tenantVapi(caller)
  const profile = await profileOf(tx, tenant, claims)
  const ids: string[] = []
  for (const vapiId of [...new Set(vapiIds)]) {
    const assistant = await vapiCall('read the assistant', () => vapi.assistants.get({ id: vapiId }))
    const fields = fromVapi(assistant, profile.language)
    const [row] = await tx<{ id: string }[]>`
      insert into public.assistants ${
      tx({
        tenant_id: tenant,
        vapi_id: assistant.id,
        ...fieldColumns(tx, fields),
        ...syncColumns(tx, assistant, await managedHash(assistant)),
        created_by: claims.sub,
      })
    } returning id`
    await record(caller, 'imported', { id: row.id, name: fields.name }, { vapi_id: assistant.id })
    ids.push(row.id)
  }
  const rows = await selectAssistants(
    tx,
    tx`a.tenant_id = ${tenant} and a.id in ${tx(ids)}`,
    tx`order by a.name, a.id`,
  )
  return { items: rows.map((row) => show(caller, row)) }
}
