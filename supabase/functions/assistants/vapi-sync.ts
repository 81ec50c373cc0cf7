/**
 * The Vapi side of an assistant, always with the tenant's own client: the payload built from our fields
 * (server block, tenant metadata, the knowledge base's tool), pushing it, reading Vapi's copy, and the sync
 * state between the two.
 */
import type { Vapi, VapiClient } from '@vapi-ai/server-sdk'
import type { SyncState } from '../../../shared/contracts/assistants.ts'
import { UnprocessableContent } from '../_shared/errors.ts'
import { serverConfig, tenantMetadata, unlessGone, vapiCall, type VoiceCaller } from '../_shared/voice.ts'
import { type AssistantFields, managedHash, toVapiPayload } from './payload.ts'

/** The tool Vapi generated for a v2 knowledge base of the tenant (null when Vapi reports none yet). */
async function knowledgeBaseToolId(
  caller: VoiceCaller,
  vapi: VapiClient,
  knowledgeBaseId: string | null,
): Promise<string | null> {
  if (knowledgeBaseId === null) return null
  const [kb] = await caller.tx<{ vapi_id: string }[]>`
    select vapi_id from public.knowledge_bases where tenant_id = ${caller.tenant} and id = ${knowledgeBaseId}`
  if (!kb) {
    throw new UnprocessableContent('knowledge_base_not_found', 'No such knowledge base', {
      errors: [{
        field: 'knowledge_base_id',
        message: 'No such knowledge base',
        code: 'knowledge_base_not_found',
      }],
    })
  }
  const found = await vapiCall(
    'read the knowledge base',
    () => vapi.knowledgeBasesV2.knowledgeBaseV2ControllerFindOne({ id: kb.vapi_id }),
  )
  return found.toolId ?? null
}

/** The full payload of an assistant for this tenant. */
export async function buildPayload(
  caller: VoiceCaller,
  vapi: VapiClient,
  fields: AssistantFields,
  knowledgeBaseId: string | null,
): Promise<Vapi.CreateAssistantDto> {
  return toVapiPayload(fields, {
    server: await serverConfig(caller),
    metadata: tenantMetadata(caller.tenant),
    knowledgeBaseToolId: await knowledgeBaseToolId(caller, vapi, knowledgeBaseId),
  })
}

/** Creates the assistant in Vapi. */
export function createInVapi(vapi: VapiClient, payload: Vapi.CreateAssistantDto): Promise<Vapi.Assistant> {
  return vapiCall('create the assistant', () => vapi.assistants.create(payload))
}

/** Replaces every managed field of Vapi's assistant with ours; returns Vapi's copy. */
export function updateInVapi(
  vapi: VapiClient,
  vapiId: string,
  payload: Vapi.CreateAssistantDto,
): Promise<Vapi.Assistant> {
  return vapiCall(
    'update the assistant',
    () => vapi.assistants.update({ id: vapiId, ...payload } as Vapi.UpdateAssistantDto),
  )
}

/** Vapi's copy of an assistant, or null when Vapi no longer has it. */
export function vapiCopy(vapi: VapiClient, vapiId: string): Promise<Vapi.Assistant | null> {
  return unlessGone('read the assistant', () => vapi.assistants.get({ id: vapiId }))
}

/** Deletes it in Vapi; one Vapi no longer has is as good as deleted. */
export async function deleteInVapi(vapi: VapiClient, vapiId: string): Promise<void> {
  await unlessGone('delete the assistant', () => vapi.assistants.delete({ id: vapiId }))
}

/** In sync when the managed fields of Vapi's copy hash as those of the copy we last synced. */
export async function syncState(synced: unknown, current: unknown | null): Promise<SyncState> {
  if (current === null) return 'missing_in_vapi'
  return (await managedHash(current)) === (await managedHash(synced)) ? 'in_sync' : 'drifted'
}
