/**
 * Pushing a tenant's webhook authentication to every resource it has in Vapi: each assistant (`server`), each
 * workflow's squad (the `server` of every inline member assistant) and each phone number (`server`), with the
 * tenant's own key. A resource Vapi refuses is reported and the others go on; what Vapi returns is stored
 * with its hash. Called after the secret is rotated or the HMAC credential saved or removed.
 *
 * The rows are read and written as the service role, in the request's own transaction: the change is made by
 * someone with settings.manage, and every resource must follow it even if their role cannot write assistants
 * or numbers themselves (a resource left behind would fail every webhook). Every statement filters on the
 * tenant explicitly.
 */
import type { Vapi, VapiClient } from '@vapi-ai/server-sdk'
import type { PropagationFailure, WebhookPropagation } from '../../../shared/contracts/settings.ts'
import { asServiceWithin, type Tx } from '../_shared/db.ts'
import { VapiNotConfigured } from '../_shared/vapi.ts'
import { payloadHash, storedPayload, tenantVapi, vapiProblem, type VoiceCaller } from '../_shared/voice.ts'

/** Vapi calls in flight at once: fast for a few dozen resources without flooding the tenant's rate limit. */
const CONCURRENCY = 4

type Kind = PropagationFailure['kind']
type Table = 'assistants' | 'workflows' | 'phone_numbers'

interface ResourceRow {
  id: string
  vapi_id: string
  name: string | null
  vapi_payload: Record<string, unknown>
}

interface Resource extends ResourceRow {
  kind: Kind
  table: Table
}

const KINDS: readonly { kind: Kind; table: Table; what: string }[] = [
  { kind: 'assistant', table: 'assistants', what: 'update the assistant' },
  { kind: 'workflow', table: 'workflows', what: "update the workflow's squad" },
  { kind: 'phone_number', table: 'phone_numbers', what: 'update the phone number' },
]

/** The tenant's Vapi client, or null when it has no key (then there is nothing in Vapi to update). */
export async function tenantVapiIfConfigured(caller: VoiceCaller): Promise<VapiClient | null> {
  try {
    return await tenantVapi(caller)
  } catch (error) {
    if (error instanceof VapiNotConfigured) return null
    throw error
  }
}

/** Updates every resource of the tenant in Vapi to carry `server`; never throws for a Vapi refusal. */
export async function propagateServer(
  tx: Tx,
  tenant: string,
  vapi: VapiClient | null,
  server: Vapi.Server,
): Promise<WebhookPropagation> {
  const propagation: WebhookPropagation = { assistants: 0, workflows: 0, phone_numbers: 0, failed: [] }
  if (vapi === null) return propagation
  const resources = await asServiceWithin(tx, () => readResources(tx, tenant))
  const updated: { resource: Resource; payload: unknown }[] = []

  let next = 0
  const worker = async () => {
    while (next < resources.length) {
      const resource = resources[next++]
      try {
        updated.push({ resource, payload: await pushServer(vapi, resource, server) })
      } catch (error) {
        const what = KINDS.find((k) => k.kind === resource.kind)!.what
        const problem = vapiProblem(what, error)
        const reason = (problem as { detail?: string }).detail ?? problem.message
        propagation.failed.push({ kind: resource.kind, id: resource.id, name: resource.name, reason })
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, resources.length) }, worker))

  await asServiceWithin(tx, async () => {
    for (const { resource, payload } of updated) {
      await tx`
        update ${tx('public.' + resource.table)}
        set vapi_payload = ${storedPayload(tx, payload)}, vapi_hash = ${await payloadHash(
        payload,
      )}, synced_at = now()
        where tenant_id = ${tenant} and id = ${resource.id}`
    }
  })
  for (const { resource } of updated) propagation[resource.table] += 1
  const order = (f: PropagationFailure) => KINDS.findIndex((k) => k.kind === f.kind)
  propagation.failed.sort((a, b) => order(a) - order(b) || (a.name ?? '').localeCompare(b.name ?? ''))
  return propagation
}

async function readResources(tx: Tx, tenant: string): Promise<Resource[]> {
  const all: Resource[] = []
  for (const { kind, table } of KINDS) {
    const rows = await tx<ResourceRow[]>`
      select id, vapi_id, name, vapi_payload from ${tx('public.' + table)}
      where tenant_id = ${tenant} order by created_at, id`
    all.push(...rows.map((row) => ({ ...row, kind, table })))
  }
  return all
}

/** One PATCH in Vapi; returns what Vapi answered. */
function pushServer(vapi: VapiClient, resource: Resource, server: Vapi.Server): Promise<unknown> {
  const id = resource.vapi_id
  switch (resource.kind) {
    case 'assistant':
      return vapi.assistants.update({ id, server })
    case 'workflow':
      return vapi.squads.update({ id, ...squadWithServer(resource.vapi_payload, server) })
    case 'phone_number': {
      // provider is required by Vapi's update DTOs, which differ per provider; server is common to all.
      const provider = String(resource.vapi_payload.provider ?? 'vapi')
      const body = { provider, server } as unknown as Vapi.UpdatePhoneNumbersRequestBody
      return vapi.phoneNumbers.update({ id, body })
    }
  }
}

/**
 * The squad's `members` (and `membersOverrides`, when it sets a server) from the payload we stored, with the
 * new `server` in every inline member assistant. Members referring to a saved assistant (`assistantId`) are
 * kept as they are: that assistant is updated on its own.
 */
export function squadWithServer(
  payload: Record<string, unknown>,
  server: Vapi.Server,
): { members: Vapi.SquadMemberDto[]; membersOverrides?: Vapi.AssistantOverrides } {
  const members = (Array.isArray(payload.members) ? payload.members : []) as Vapi.SquadMemberDto[]
  const overrides = payload.membersOverrides as Vapi.AssistantOverrides | undefined
  return {
    members: members.map((member) =>
      member.assistant ? { ...member, assistant: { ...member.assistant, server } } : member
    ),
    ...(overrides?.server ? { membersOverrides: { ...overrides, server } } : {}),
  }
}
